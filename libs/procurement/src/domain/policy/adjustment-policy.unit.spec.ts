import { changeQuantity, activeContract, orderPathways, recorded, stateOf, VOLUME_PATHWAY_CLAUSE } from '../testing/fixtures';
import { ExistingContract } from '../contract/contract.state';
import { ADJUSTMENT_POLICY_VERSION, OrderSignals, proposeAdjustments, signalsOf } from './adjustment-policy';

const settings = { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50 };

const full = (overrides: Partial<OrderSignals> = {}): OrderSignals => ({
  orderId: 'order-1',
  unitType: 'PATHWAY',
  orderedQuantity: 40,
  capacity: 12,
  entries: 12,
  waitingList: 8,
  volumeClauseId: VOLUME_PATHWAY_CLAUSE,
  clauseRoomUp: 20,
  clauseRoomDown: 20,
  lotRoomUp: 90,
  ...overrides,
});

describe('the adjustment policy', () => {
  it('proposes as many more units as people wait when sessions are full', () => {
    const [proposal] = proposeAdjustments([full()], settings);
    expect(proposal).toMatchObject({
      orderId: 'order-1',
      clauseId: VOLUME_PATHWAY_CLAUSE,
      adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 8 },
      policyVersion: ADJUSTMENT_POLICY_VERSION,
      inputs: { waitingList: 8, fillRatePercent: 100, waitingListThreshold: 5 },
    });
  });

  it('proposes no more than the volume clause still allows, and nothing once it is used up', () => {
    expect(proposeAdjustments([full({ clauseRoomUp: 3 })], settings)[0].adjustment).toMatchObject({ delta: 3 });
    expect(proposeAdjustments([full({ clauseRoomUp: 0 })], settings)).toEqual([]);
  });

  it('proposes no more than the lot maximum leaves', () => {
    expect(proposeAdjustments([full({ lotRoomUp: 2 })], settings)[0].adjustment).toMatchObject({ delta: 2 });
  });

  it('waits for the waiting list to reach the threshold and the sessions to be full enough', () => {
    expect(proposeAdjustments([full({ waitingList: 4 })], settings)).toEqual([]);
    expect(proposeAdjustments([full({ waitingList: 5 })], settings)).toHaveLength(1);
    // 10 of 12 places is 83%: below the 90% threshold.
    expect(proposeAdjustments([full({ entries: 10 })], settings)).toEqual([]);
    // 11 of 12 places is 91%.
    expect(proposeAdjustments([full({ entries: 11 })], settings)).toHaveLength(1);
  });

  it('proposes fewer units when sessions stay under the low fill rate, within the clause', () => {
    const [proposal] = proposeAdjustments([full({ entries: 5, waitingList: 0 })], settings);
    expect(proposal.adjustment).toMatchObject({ delta: -7 });
    expect(proposeAdjustments([full({ entries: 6, waitingList: 0 })], settings)).toEqual([]);
    expect(proposeAdjustments([full({ entries: 5, waitingList: 0, clauseRoomDown: 2 })], settings)[0].adjustment).toMatchObject({ delta: -2 });
  });

  it('gives the same proposals, with the same ids, for the same signals', () => {
    const signals = [full({ orderId: 'order-2' }), full()];
    expect(proposeAdjustments(signals, settings)).toEqual(proposeAdjustments([...signals].reverse(), settings));
    expect(proposeAdjustments([full()], settings)[0].proposalId).not.toBe(proposeAdjustments([full({ waitingList: 9 })], settings)[0].proposalId);
  });

  it('reads the room left under the clause and the lot from the contract', () => {
    const history = recorded(activeContract(), orderPathways('order-1', 40), changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 15));
    const [signals] = signalsOf(stateOf(history) as ExistingContract, { 'order-1': { entries: 12, waitingList: 8 } });
    // Volume clause ±20% of 100 expected pathways, 15 already added; lot maximum 130 with 55 ordered.
    expect(signals).toMatchObject({ orderId: 'order-1', orderedQuantity: 55, capacity: 12, clauseRoomUp: 5, clauseRoomDown: 35, lotRoomUp: 75 });
  });
});
