import {
  labourMarketDecider,
  labourMarketStream,
  overlapIdOf,
  purchaseDeclarationDecider,
  PurchaseDeclared,
  purchaseDeclarationStream,
  RegionOrderScope,
} from '@app/coordination';
import { EmbeddedEventStore, RecordedEvent, Role } from '@app/event-store';
import { CommandContext, handleCommand, idFromName, newId } from '@app/shared';
import { decisionOf } from './decision-history';
import { verifyAll } from './verification';

const TENANT = 'ARA';
const DECLARATION_ID = 'decl-pe-ara-2026-digital';
const IMPORT_ROWS = [
  { occupationCode: 'M1805', territoryCode: '69', period: '2026-03', unfilledOffers: 120, tensionIndex: 1.85 },
  { occupationCode: 'N1103', territoryCode: '69', period: '2026-03', unfilledOffers: 40, tensionIndex: 0.9 },
];

/** A Région order on a digital-skills lot in the Rhône and the Ain, June to December 2026: 40 pathways, 120,000 €. */
const regionOrder = (orderId: string): RegionOrderScope => ({
  tenant: TENANT,
  contractId: 'contract-ara-2026-digital',
  lotId: 'LOT-1',
  orderId,
  domainCode: '31054',
  territoryCodes: ['69', '01'],
  periodStart: '2026-06-01',
  periodEnd: '2026-12-31',
  lines: [{ unitType: 'PATHWAY', quantity: 40 }],
  valueCents: 12_000_000,
});

function context(at: string, actorId: string, role: Role, commandId = newId()): CommandContext {
  return { actorId, role, tenant: TENANT, commandId, correlationId: commandId, causationId: commandId, occurredAt: at };
}

/**
 * The coordination history, written through the one command path: Pôle emploi declares a purchase that
 * overlaps order-1, the worker finds the overlap with order-2 issued later, the buyer resolves the first as
 * co-financing and the officer the second as complementary, the declaration is withdrawn, and a
 * labour-market file is imported.
 */
async function writeCoordinationHistory(store: EmbeddedEventStore): Promise<void> {
  const declaration = purchaseDeclarationStream(DECLARATION_ID);
  const officer = (at: string) => ({ at, actorId: 'pe-officer-lyon', role: 'pole_emploi' as const });
  await handleCommand(
    store,
    purchaseDeclarationDecider,
    declaration,
    {
      type: 'DeclarePurchase',
      meta: officer('2026-03-02T09:00:00.000Z'),
      data: {
        declarationId: DECLARATION_ID,
        tenant: TENANT,
        domainCode: '31054',
        territoryCodes: ['69', '42'],
        periodStart: '2026-04-01',
        periodEnd: '2026-09-30',
        plannedSessions: 4,
        volume: { unitType: 'PATHWAY', quantity: 48 },
        title: 'AFC Compétences numériques',
        // An order of another domain, read and found apart.
        regionOrders: [regionOrder('order-1'), { ...regionOrder('order-other'), domainCode: '15054' }],
      },
    },
    context('2026-03-02T09:00:00.000Z', 'pe-officer-lyon', 'pole_emploi'),
  );
  await handleCommand(
    store,
    purchaseDeclarationDecider,
    declaration,
    { type: 'CheckRegionOrder', meta: { at: '2026-03-03T09:00:00.000Z', actorId: 'purchase-overlap-check', role: 'system' }, data: { regionOrder: regionOrder('order-2') } },
    context('2026-03-03T09:00:00.000Z', 'purchase-overlap-check', 'system'),
  );
  await handleCommand(
    store,
    purchaseDeclarationDecider,
    declaration,
    {
      type: 'ResolvePurchaseOverlap',
      meta: { at: '2026-03-04T09:00:00.000Z', actorId: 'buyer-ara-1', role: 'buyer' },
      data: { overlapId: overlapIdOf(DECLARATION_ID, 'contract-ara-2026-digital', 'order-1'), decision: 'CO_FINANCE', coFinancedOrderId: 'order-1', reason: 'Abondement de 30 %' },
    },
    context('2026-03-04T09:00:00.000Z', 'buyer-ara-1', 'buyer'),
  );
  await handleCommand(
    store,
    purchaseDeclarationDecider,
    declaration,
    {
      type: 'ResolvePurchaseOverlap',
      meta: officer('2026-03-05T09:00:00.000Z'),
      data: { overlapId: overlapIdOf(DECLARATION_ID, 'contract-ara-2026-digital', 'order-2'), decision: 'COMPLEMENTARY', reason: 'Publics différents' },
    },
    context('2026-03-05T09:00:00.000Z', 'pe-officer-lyon', 'pole_emploi'),
  );
  await handleCommand(
    store,
    purchaseDeclarationDecider,
    declaration,
    { type: 'WithdrawPurchaseDeclaration', meta: officer('2026-03-06T09:00:00.000Z'), data: { reason: 'Achat abandonné' } },
    context('2026-03-06T09:00:00.000Z', 'pe-officer-lyon', 'pole_emploi'),
  );
  await handleCommand(
    store,
    labourMarketDecider,
    labourMarketStream(TENANT),
    { type: 'ImportLabourMarketSignals', meta: officer('2026-03-07T09:00:00.000Z'), data: { tenant: TENANT, contentHash: 'sha256-of-the-file', signals: IMPORT_ROWS } },
    context('2026-03-07T09:00:00.000Z', 'pe-officer-lyon', 'pole_emploi'),
  );
}

describe('audit of the coordination with Pôle emploi', () => {
  let store: EmbeddedEventStore;

  beforeEach(async () => {
    store = EmbeddedEventStore.open({ file: ':memory:' });
    await writeCoordinationHistory(store);
  });
  afterEach(() => store.close());

  /** Appends one event as a command of its own would, at the end of the stream. */
  async function appendForged(streamId: string, type: string, data: Record<string, unknown>, actorId = 'buyer-ara-1', role: Role = 'buyer'): Promise<RecordedEvent> {
    const events = await store.readStream(streamId);
    const commandId = newId();
    await store.appendToStream(
      streamId,
      [{ id: newId(), type, data, metadata: { ...context('2026-03-10T09:00:00.000Z', actorId, role, commandId), schemaVersion: 1 } }],
      { expectedRevision: events[events.length - 1].revision },
    );
    return (await store.readStream(streamId)).at(-1)!;
  }

  /** Another declaration of the same purchase, through the command path; answers its stream. */
  async function declareAnother(declarationId: string, regionOrders: RegionOrderScope[]): Promise<string> {
    const declared = (await eventOf('PurchaseDeclared')).data as unknown as PurchaseDeclared['data'];
    const { declaredAt: _declaredAt, ...terms } = declared;
    const stream = purchaseDeclarationStream(declarationId);
    await handleCommand(
      store,
      purchaseDeclarationDecider,
      stream,
      { type: 'DeclarePurchase', meta: { at: '2026-03-09T09:00:00.000Z', actorId: 'pe-officer-lyon', role: 'pole_emploi' }, data: { ...terms, declarationId, regionOrders } },
      context('2026-03-09T09:00:00.000Z', 'pe-officer-lyon', 'pole_emploi'),
    );
    return stream;
  }

  const eventOf = async (type: string, streamId = purchaseDeclarationStream(DECLARATION_ID)) =>
    (await store.readStream(streamId)).find((event) => event.type === type)!;

  it('decides every declaration, overlap, resolution, withdrawal and import again from the log', async () => {
    const report = await verifyAll(store);
    expect(report.failures).toEqual([]);
    const total = (await store.readAll()).length;
    expect(report.decisions).toMatchObject({ events: total, decided: total, folded: 0, failed: 0, otherStreams: 0, streams: 2 });
    expect(report.decisions.byType).toEqual({
      PurchaseDeclared: { decided: 1, folded: 0, failed: 0 },
      PurchaseOverlapDetected: { decided: 2, folded: 0, failed: 0 },
      PurchaseOverlapResolved: { decided: 2, folded: 0, failed: 0 },
      PurchaseDeclarationWithdrawn: { decided: 1, folded: 0, failed: 0 },
      LabourMarketSignalsImported: { decided: 1, folded: 0, failed: 0 },
      RecruitmentTensionObserved: { decided: 2, folded: 0, failed: 0 },
    });
  });

  it('names a resolution recorded as co-financing of an order that is not the overlap’s', async () => {
    const stream = await declareAnother('decl-forged', [regionOrder('order-1')]);
    const forged = await appendForged(stream, 'PurchaseOverlapResolved', {
      overlapId: overlapIdOf('decl-forged', 'contract-ara-2026-digital', 'order-1'),
      declarationId: 'decl-forged',
      decision: 'CO_FINANCE',
      coFinancedOrderId: 'order-2',
      reason: 'Abondement',
      resolvedBy: { actorId: 'buyer-ara-1', role: 'buyer' },
      resolvedAt: '2026-03-10T09:00:00.000Z',
    });
    const report = await verifyAll(store);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ check: 'decision', eventId: forged.id, streamId: stream, type: 'PurchaseOverlapResolved', tenant: TENANT });
    expect(report.firstFailure!.reason).toMatch(/refuses .*CO_FINANCED_ORDER_NOT_IN_OVERLAP/);
  });

  it('names a second resolution of an overlap already resolved', async () => {
    const stream = purchaseDeclarationStream(DECLARATION_ID);
    const first = await eventOf('PurchaseOverlapResolved');
    const forged = await appendForged(stream, 'PurchaseOverlapResolved', { ...first.data, decision: 'REDUCE_REGION_ORDER', coFinancedOrderId: undefined, resolvedAt: '2026-03-10T09:00:00.000Z' });
    const report = await verifyAll(store);
    expect(report.failures).toEqual([expect.objectContaining({ eventId: forged.id, reason: expect.stringMatching(/OVERLAP_ALREADY_RESOLVED/) })]);
  });

  it('names an overlap recorded with figures the check does not give', async () => {
    // A fresh declaration, and an overlap with order-3 whose overlapping days were inflated.
    const stream = await declareAnother('decl-inflated', []);
    const detected = await eventOf('PurchaseOverlapDetected');
    const figures = detected.data as Record<string, unknown>;
    const forged = await appendForged(
      stream,
      'PurchaseOverlapDetected',
      { ...figures, declarationId: 'decl-inflated', orderId: 'order-3', overlapId: overlapIdOf('decl-inflated', 'contract-ara-2026-digital', 'order-3'), overlappingDays: 200 },
      'purchase-overlap-check',
      'system',
    );
    const report = await verifyAll(store);
    expect(report.failures).toEqual([expect.objectContaining({ eventId: forged.id, reason: expect.stringMatching(/overlappingDays recorded 200, decided 122/) })]);
  });

  it('names an import whose row count is not the rows recorded with it', async () => {
    const imported = await eventOf('LabourMarketSignalsImported', labourMarketStream(TENANT));
    const forged = await appendForged(
      labourMarketStream(TENANT),
      'LabourMarketSignalsImported',
      { ...imported.data, contentHash: 'sha256-of-another-file', importId: idFromName('labour-market-import', TENANT, 'sha256-of-another-file'), rowCount: 3 },
      'pe-officer-lyon',
      'pole_emploi',
    );
    const report = await verifyAll(store);
    expect(report.failures).toEqual([expect.objectContaining({ eventId: forged.id, reason: expect.stringMatching(/EMPTY_SIGNAL_FILE/) })]);
  });

  it('tells in plain words who declared, what overlapped, who resolved it how and why', async () => {
    const events = await store.readAll();
    const said = (type: string) => events.filter((event) => event.type === type).map((event) => decisionOf(event));
    const [declared] = said('PurchaseDeclared');
    expect(declared).toMatchObject({
      actor: { id: 'pe-officer-lyon', role: 'pole_emploi' },
      what: `Pôle emploi declared purchase ${DECLARATION_ID} "AFC Compétences numériques": domain 31054 in 69, 42, 2026-04-01 to 2026-09-30, 4 session(s), 48 PATHWAY`,
    });
    const [atOnce, byWorker] = said('PurchaseOverlapDetected');
    expect(atOnce.what).toBe(`Purchase ${DECLARATION_ID} overlaps order order-1 of lot LOT-1: domain 31054 in 69, 2026-06-01 to 2026-09-30 (122 days)`);
    expect(atOnce.why.figures).toMatchObject({ overlappingDays: 122, regionOrder: { valueCents: 12_000_000 }, declaration: { plannedSessions: 4 } });
    expect(byWorker.actor).toEqual({ id: 'purchase-overlap-check', role: 'system' });
    const [coFinanced, complementary] = said('PurchaseOverlapResolved');
    expect(coFinanced).toMatchObject({
      actor: { id: 'buyer-ara-1', role: 'buyer' },
      what: expect.stringMatching(/resolved: co-financing by Pôle emploi of order order-1, decided by the buyer buyer-ara-1$/),
      why: { reason: 'Abondement de 30 %', article: expect.stringMatching(/resolved once/) },
    });
    expect(complementary).toMatchObject({
      what: expect.stringMatching(/resolved: complementary purchases \(different publics or calendars\), decided by the Pôle emploi officer pe-officer-lyon$/),
      why: { reason: 'Publics différents' },
    });
    expect(said('PurchaseDeclarationWithdrawn')[0].why.reason).toBe('Achat abandonné');
    expect(said('LabourMarketSignalsImported')[0]).toMatchObject({ what: expect.stringMatching(/^Labour-market file imported for ARA: 2 recruitment-tension figure\(s\)/), why: { figures: { rowCount: 2 } } });
    expect(said('RecruitmentTensionObserved')[0].what).toBe('Recruitment tension of M1805 in 69 for 2026-03: index 1.85, 120 unfilled offer(s)');
    for (const event of events) expect(decisionOf(event).what).not.toMatch(/undefined|\[object/);
  });
});
