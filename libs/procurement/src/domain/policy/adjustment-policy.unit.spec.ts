import { changeQuantity, activeContract, euros, meta, orderPathways, recorded, SESSION_START, stateOf, VOLUME_PATHWAY_CLAUSE } from '../testing/fixtures';
import { ExistingContract } from '../contract/contract.state';
import { ADJUSTMENT_POLICY_VERSION, OrderSignals, proposeAdjustments, signalsOf } from './adjustment-policy';
import { rerunProposal } from './policy-replay';

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

  it('proposes a decrease of a co-financed order no lower than its co-financed part, and none at it', () => {
    const empty = full({ entries: 2, waitingList: 0 });
    expect(proposeAdjustments([empty], settings)[0].adjustment).toMatchObject({ delta: -10 });
    expect(proposeAdjustments([{ ...empty, coFinancedRoomDown: 4 }], settings)[0]).toMatchObject({ adjustment: { delta: -4 }, inputs: { coFinancedRoomDown: 4 } });
    expect(proposeAdjustments([{ ...empty, coFinancedRoomDown: 0 }], settings)).toEqual([]);
    const drafted = proposeAdjustments([{ ...empty, coFinancedRoomDown: 4 }], settings);
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, JSON.parse(JSON.stringify(drafted[0].inputs)))).toEqual(drafted);
  });

  it('reads the room above the co-financed part from the order, and not below it with the officer’s consent', () => {
    // 10 pathways at 5,000 €; Pôle emploi funds 32,000 €: the order may lose 3 pathways (down to 35,000 €).
    const offered = { type: 'OfferCoFinancing' as const, meta: meta('2026-02-02T09:00:00.000Z', 'officer-pe-ara-1'), data: { orderId: 'order-1', offerId: 'offer-1', share: { kind: 'AMOUNT' as const, amountCents: euros(32_000) }, reason: 'AFC' } };
    const accepted = { type: 'AcceptCoFinancingOffer' as const, meta: meta('2026-02-03T09:00:00.000Z'), data: { orderId: 'order-1', offerId: 'offer-1' } };
    const history = recorded(activeContract(), orderPathways('order-1', 10), offered, accepted);
    const fill = { 'order-1': { entries: 1, waitingList: 0 } };
    const [signals] = signalsOf(stateOf(history) as ExistingContract, fill);
    expect(signals.coFinancedRoomDown).toBe(3);
    expect(proposeAdjustments([signals], settings)[0].adjustment).toMatchObject({ delta: -3 });

    const consented = { type: 'ConsentToCoFinancedReduction' as const, meta: meta('2026-03-02T09:00:00.000Z', 'officer-pe-ara-1'), data: { orderId: 'order-1', consentId: 'consent-1', floorValueCents: euros(10_000), reason: 'Saison creuse' } };
    expect(signalsOf(stateOf(recorded(history, consented)) as ExistingContract, fill)[0].coFinancedRoomDown).toBe(3);
    expect(signalsOf(stateOf(recorded(activeContract(), orderPathways('order-1', 10))) as ExistingContract, fill)[0]).not.toHaveProperty('coFinancedRoomDown');
  });

  it('judges low fill only once a session has started: a new order is not proposed a decrease before anyone could enter', () => {
    const history = recorded(activeContract(), orderPathways('order-1', 10));
    const empty = { 'order-1': { entries: 0, waitingList: 0 } };
    const dayBefore = new Date(Date.parse(`${SESSION_START}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const [before] = signalsOf(stateOf(history) as ExistingContract, empty, {}, dayBefore);
    expect(before.sessionsStarted).toBe(0);
    expect(proposeAdjustments([before], settings)).toEqual([]);
    const [started] = signalsOf(stateOf(history) as ExistingContract, empty, {}, SESSION_START);
    expect(started.sessionsStarted).toBe(1);
    const [proposal] = proposeAdjustments([started], settings);
    expect(proposal).toMatchObject({ adjustment: { kind: 'CHANGE_QUANTITY', delta: -10 }, inputs: { sessionsStarted: 1 } });
    expect(rerunProposal(ADJUSTMENT_POLICY_VERSION, proposal.inputs)).toEqual([proposal]);
    // Records of older versions carry no sessionsStarted: they re-run as they were made.
    const { sessionsStarted: _started, ...olderSignals } = before;
    const [older] = proposeAdjustments([olderSignals], settings, 'fill-rate-and-waiting-list@3');
    expect(older.adjustment).toMatchObject({ delta: -10 });
    expect(rerunProposal('fill-rate-and-waiting-list@3', older.inputs)).toEqual([older]);
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
