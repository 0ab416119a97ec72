import { labourMarketStream } from '@app/coordination/domain/labour-market/labour-market.events';
import { activeContract, CONTRACT_ID, meta, orderPathways, recorded } from '@app/procurement/domain/testing/fixtures';
import { ORDER_ID } from '@app/procurement/domain/testing/delivery-fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { contractsWithPolicy } from './adjustment-triggers.queries';
import { labourMarketTension, tensionObservations } from './labour-market-tension.queries';
import { providerInbox } from './provider-inbox.queries';

/** Given contracts and labour-market signals, when a policy is set, orders issued and tensions observed, then what the adjustment loop reads. */
describe('the adjustment triggers and labour-market tension read models', () => {
  const scenario = useProjectionScenario('adjustment-triggers');
  const contract = `contract-${CONTRACT_ID}`;
  const configure = { type: 'ConfigureAdjustmentPolicy' as const, meta: meta('2026-03-01T09:00:00.000Z'), data: { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50 } };
  const observed = (occupationCode: string, territoryCode: string, period: string, tensionIndex: number, importId = 'import-1') => ({
    type: 'RecruitmentTensionObserved',
    data: { occupationCode, territoryCode, period, unfilledOffers: 100, tensionIndex, importId, tenant: 'ARA' },
  });
  /** The read models' position: the last event they include. */
  const positionOf = (readModels: Parameters<typeof providerInbox>[0]) => providerInbox(readModels, { tenant: 'ARA', providerId: 'nobody' }).position;

  it('lists a contract once it has a policy, at the position of the last event that can change its proposals', async () => {
    const ordered = recorded(activeContract(), orderPathways(ORDER_ID, 20));
    await scenario.given(contract, ordered);
    expect(contractsWithPolicy(await scenario.readModels())).toEqual([]);

    await scenario.when(contract, recorded(ordered, configure).slice(ordered.length));
    const configured = positionOf(await scenario.readModels());
    expect(contractsWithPolicy(await scenario.readModels())).toEqual([{ contract_id: CONTRACT_ID, tenant: 'ARA', state_position: configured }]);

    // A tension observed in the tenant moves every contract of the tenant with a policy.
    await scenario.when(labourMarketStream('ARA'), [observed('F1703', '69', '2026-02', 1.8)]);
    const afterTension = await scenario.readModels();
    expect(contractsWithPolicy(afterTension)).toEqual([{ contract_id: CONTRACT_ID, tenant: 'ARA', state_position: positionOf(afterTension) }]);
    expect(positionOf(afterTension)).toBeGreaterThan(configured);
  });

  it('keeps the latest figure of each occupation, territory and month, and gives the policy those of its occupations', async () => {
    await scenario.given(labourMarketStream('ARA'), [observed('F1703', '69', '2026-02', 1.8), observed('J1501', '42', '2026-02', 0.75)]);
    await scenario.when(labourMarketStream('ARA'), [observed('F1703', '69', '2026-02', 2.1, 'import-2'), observed('F1703', '69', '2026-03', 1.2, 'import-2')]);
    const readModels = await scenario.readModels();
    expect(tensionObservations(readModels, 'ARA', ['F1703'])).toEqual([
      { occupationCode: 'F1703', territoryCode: '69', period: '2026-02', tensionIndex: 2.1 },
      { occupationCode: 'F1703', territoryCode: '69', period: '2026-03', tensionIndex: 1.2 },
    ]);
    expect(tensionObservations(readModels, 'IDF', ['F1703'])).toEqual([]);
    const { rows } = labourMarketTension(readModels, { tenant: 'ARA', occupationCode: null, territoryCode: '42', period: null });
    expect(rows).toEqual([expect.objectContaining({ occupation_code: 'J1501', period: '2026-02', tension_index: 0.75, import_id: 'import-1' })]);
  });
});
