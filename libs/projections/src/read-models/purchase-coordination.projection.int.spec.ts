import { EventData } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { overlapIdOf, purchaseDeclarationStream } from '@app/coordination';
import { activeContract, CONTRACT_ID, orderPathways, PATHWAY_LOT, recorded } from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { useReadModelWorkbench } from '../testing/read-model-workbench';

interface OverlapRow {
  overlap_id: string;
  declaration_id: string;
  order_id: string;
  status: string;
  figures: string;
}

/** The read model that finds overlaps between Pôle emploi declarations and Région orders, whichever comes first. */
describe('the purchase coordination read model', () => {
  const bench = useReadModelWorkbench('purchase-coordination');
  let sequence = 0;

  const append = (stream: string, type: string, data: EventData, role: 'buyer' | 'pole_emploi' | 'system' = 'buyer') =>
    bench.store.appendToStream(stream, [{ id: idFromName('coordination-fixture', String(sequence++)), type, data, metadata: aMetadata({ role }) }], {
      expectedRevision: 'any',
    });

  const declare = (declarationId: string, territoryCodes = ['69123']) =>
    append(
      purchaseDeclarationStream(declarationId),
      'PurchaseDeclared',
      {
        declarationId,
        tenant: 'ARA',
        domainCode: '31054',
        territoryCodes,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        plannedSessions: 2,
        volume: { unitType: 'PATHWAY', quantity: 24 },
        declaredAt: '2026-01-15T09:00:00.000Z',
      },
      'pole_emploi',
    );

  const overlaps = async (generation: string) => {
    const projector = bench.projectorOn(generation);
    await projector.catchUp();
    return projector.database.db.prepare('SELECT overlap_id, declaration_id, order_id, status, figures FROM purchase_overlaps ORDER BY declaration_id, order_id').all() as OverlapRow[];
  };

  it('finds each overlap once, whether the order or the declaration comes first, until it is recorded or withdrawn', async () => {
    const contract = recorded(activeContract(), orderPathways('order-1', 40));
    for (const event of contract) await append(`contract-${CONTRACT_ID}`, event.type, event.data as unknown as EventData);
    await declare('decl-a');
    await declare('decl-b');
    await declare('decl-elsewhere', ['75056']);
    const [order2] = recorded(contract, orderPathways('order-2', 10)).slice(contract.length);
    await append(`contract-${CONTRACT_ID}`, order2.type, order2.data as unknown as EventData);

    const pending = await overlaps('g1');
    expect(pending.map(({ declaration_id, order_id, status }) => `${declaration_id}×${order_id}:${status}`)).toEqual([
      'decl-a×order-1:PENDING',
      'decl-a×order-2:PENDING',
      'decl-b×order-1:PENDING',
      'decl-b×order-2:PENDING',
    ]);
    expect(pending[0].overlap_id).toBe(overlapIdOf('decl-a', CONTRACT_ID, 'order-1'));
    expect(JSON.parse(pending[0].figures)).toMatchObject({ lotId: PATHWAY_LOT, commonTerritoryCodes: ['69123'], regionOrder: { lines: [{ unitType: 'PATHWAY', quantity: 40 }] } });

    const figures = JSON.parse(pending[0].figures) as EventData;
    await append(purchaseDeclarationStream('decl-a'), 'PurchaseOverlapDetected', { ...figures, detectedAt: '2026-01-16T09:00:00.000Z' }, 'system');
    await append(purchaseDeclarationStream('decl-b'), 'PurchaseDeclarationWithdrawn', { declarationId: 'decl-b', reason: 'Achat abandonné', withdrawnAt: '2026-01-16T09:00:00.000Z' }, 'pole_emploi');

    const after = await overlaps('g1');
    expect(after.map(({ declaration_id, order_id, status }) => `${declaration_id}×${order_id}:${status}`)).toEqual(['decl-a×order-1:UNRESOLVED', 'decl-a×order-2:PENDING']);
    // Built again from position 0, the read model is the same.
    expect(await overlaps('g2')).toEqual(after);
  });
});
