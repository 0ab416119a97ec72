import { OrderAdjustmentProposed, proposeAdjustments, TENSION_POLICY_VERSION } from '@app/procurement';
import { proposalProblem } from './verification';

const settings = { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50, tensionIndexThreshold: 1.5, tensionExtraPercent: 25 };
const signals = {
  orderId: 'order-1',
  unitType: 'PATHWAY' as const,
  orderedQuantity: 40,
  capacity: 12,
  entries: 9,
  waitingList: 8,
  volumeClauseId: 'VOL-1',
  clauseRoomUp: 20,
  clauseRoomDown: 20,
  lotRoomUp: 90,
  tensionOccupationCode: 'M1805',
  tensionTerritoryCode: '69',
  tensionPeriod: '2026-02',
  tensionIndex: 2.4,
};

describe('re-running a proposal of the labour-market rule', () => {
  const [draft] = proposeAdjustments([signals], settings);
  const recorded: OrderAdjustmentProposed['data'] = { ...draft, proposedAt: '2026-03-02T09:00:00.000Z' };

  it('finds the recorded proposal again from its recorded inputs', () => {
    expect(draft.policyVersion).toBe(TENSION_POLICY_VERSION);
    expect(proposalProblem(recorded)).toBeUndefined();
  });

  it('tells when the recorded tension does not justify the proposal', () => {
    expect(proposalProblem({ ...recorded, inputs: { ...recorded.inputs, tensionIndex: 1.2 } })).toMatch(/proposes nothing/);
    expect(proposalProblem({ ...recorded, inputs: { ...recorded.inputs, tensionExtraPercent: 50 } })).toMatch(/tensionExtraUnits recorded 2, computed 4/);
  });
});
