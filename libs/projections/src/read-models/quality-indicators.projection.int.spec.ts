import { ALICE, BAPTISTE, CHLOE, certificationObtained, leftEarlyTo, ORDER_ID, outcomeObserved, sessionStarted, traineeCompleted, traineeEntered } from '@app/procurement/domain/testing/delivery-fixtures';
import { activeContract, CONTRACT_ID, orderPathways, PATHWAY_LOT, PATHWAY_PROVIDER, recorded } from '@app/procurement/domain/testing/fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { lotOutcomes, qualityIndicators } from './quality-indicators.queries';

/** Given a pathway order, when trainees enter, complete, leave and are followed up, then what the quality indicators and lot outcomes answer. */
describe('the quality indicators and lot outcomes', () => {
  const scenario = useProjectionScenario('quality-indicators');
  const everyone = { tenant: 'ARA', contractId: null, providerId: null };
  const pathwayLot = <Row extends { lot_id: string }>(rows: Row[]) => rows.find((row) => row.lot_id === PATHWAY_LOT)!;

  beforeEach(async () => {
    await scenario.given(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20)));
    await scenario.when(
      `delivery-${ORDER_ID}`,
      [
        sessionStarted('2026-03-09'),
        traineeEntered(ALICE, '2026-03-09'),
        traineeEntered(BAPTISTE, '2026-03-09'),
        traineeEntered(CHLOE, '2026-03-09'),
        // Baptiste leaves for a job: a positive exit, out of the completion rate's count.
        leftEarlyTo(BAPTISTE, '2026-04-01', 'EMPLOYMENT'),
        leftEarlyTo(CHLOE, '2026-04-02', 'WITHOUT_SOLUTION'),
        traineeCompleted(ALICE, '2026-06-26'),
        certificationObtained(ALICE, '2026-06-30'),
        outcomeObserved(ALICE, '2026-06-26', '2026-12-28', 'EMPLOYED', { satisfied: true }),
      ],
      'provider',
    );
  });

  it('measures completion over the entries less the positive exits, certification over completions, and the outcomes at 6 months', async () => {
    const readModels = await scenario.readModels();
    expect(pathwayLot(qualityIndicators(readModels, everyone).rows)).toMatchObject({ entered: 3, completed: 1, certified: 1, positive_exits: 1, completion_rate_percent: 50, certification_rate_percent: 100 });
    const outcomes = pathwayLot(lotOutcomes(readModels, everyone).rows);
    expect(outcomes.exits).toEqual({
      entered: 3,
      completed: 1,
      left_early: 2,
      continued_remotely: 0,
      positive_exits: 1,
      by_destination: { EMPLOYMENT: 1, APPRENTICESHIP: 0, FURTHER_TRAINING: 0, IAE: 0, WITHOUT_SOLUTION: 1, OTHER: 0 },
    });
    expect(outcomes.outcomes).toEqual({ '6': { EMPLOYED: 1 }, '12': {} });
    expect(outcomes.indicators.COMPLETION_RATE).toEqual({ percent: 50, completed: 1, counted: 2 });
    expect(outcomes.indicators.SATISFACTION_RATE).toEqual({ percent: 100, satisfied: 1, answers: 1 });
  });

  it('shows a provider the lots it performs, and another provider none', async () => {
    const readModels = await scenario.readModels();
    expect(lotOutcomes(readModels, { ...everyone, providerId: PATHWAY_PROVIDER }).rows.map((row) => row.lot_id)).toEqual([PATHWAY_LOT]);
    expect(lotOutcomes(readModels, { ...everyone, providerId: 'another-provider' }).rows).toEqual([]);
    expect(qualityIndicators(readModels, { ...everyone, providerId: 'another-provider' }).rows).toEqual([]);
  });
});
