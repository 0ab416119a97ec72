import { idFromName } from '@app/shared/ids';
import { activeContract, orderPathways, PATHWAY_LOT, recorded, stateOf, VOLUME_PATHWAY_CLAUSE } from '../testing/fixtures';
import { ExistingContract } from '../contract/contract.state';
import { LotScope } from '../terms/procurement-terms';
import { ADJUSTMENT_POLICY_VERSION, OrderSignals, proposeAdjustments, signalsOf } from './adjustment-policy';
import { lotTension, TENSION_POLICY_VERSION } from './labour-market-tension';
import { rerunProposal } from './policy-replay';

const settings = { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 50 };
const withTension = { ...settings, tensionIndexThreshold: 1.5, tensionExtraPercent: 25 };

/** Sessions 75% full (9 of 12): the fill-rate rules propose nothing. */
const waiting = (overrides: Partial<OrderSignals> = {}): OrderSignals => ({
  orderId: 'order-1',
  unitType: 'PATHWAY',
  orderedQuantity: 40,
  capacity: 12,
  entries: 9,
  waitingList: 8,
  volumeClauseId: VOLUME_PATHWAY_CLAUSE,
  clauseRoomUp: 20,
  clauseRoomDown: 20,
  lotRoomUp: 90,
  ...overrides,
});
const tense = { tensionOccupationCode: 'M1805', tensionTerritoryCode: '69', tensionPeriod: '2026-02', tensionIndex: 1.5 };

describe('the labour-market rule of the adjustment policy', () => {
  it('changes nothing to the proposals when there is no tension data', () => {
    const full = waiting({ entries: 12 });
    const without = proposeAdjustments([full], settings);
    expect(without).toHaveLength(1);
    expect(without[0].policyVersion).toBe(ADJUSTMENT_POLICY_VERSION);
    // Inputs and id as before the rule existed: nothing of it is recorded.
    expect(Object.keys(without[0].inputs).filter((key) => key.startsWith('tension'))).toEqual([]);
    expect(without[0].proposalId).toBe(idFromName('proposal', ADJUSTMENT_POLICY_VERSION, JSON.stringify(without[0].inputs)));
    expect(proposeAdjustments([waiting()], withTension)).toEqual([]);
  });

  it('proposes the waiting list plus the extra percentage where tension and waiting list are both at their thresholds', () => {
    const [proposal] = proposeAdjustments([waiting({ ...tense, waitingList: 5 })], withTension);
    expect(proposal).toMatchObject({
      orderId: 'order-1',
      clauseId: VOLUME_PATHWAY_CLAUSE,
      // 5 waiting + 25% of 5, rounded up: 2.
      adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 7 },
      policyVersion: TENSION_POLICY_VERSION,
      inputs: { waitingList: 5, fillRatePercent: 75, tensionIndex: 1.5, tensionOccupationCode: 'M1805', tensionTerritoryCode: '69', tensionPeriod: '2026-02', tensionIndexThreshold: 1.5, tensionExtraPercent: 25, tensionExtraUnits: 2 },
    });
    expect(proposal.reason).toBe('5 people waiting and recruitment tension 1.5 (threshold 1.5) for occupation M1805 in territory 69 in 2026-02: the waiting list plus 25% (2 units)');
  });

  it('is re-run from its recorded inputs to the same proposal, as is a volume proposal recorded with the rule on', () => {
    const [tension] = proposeAdjustments([waiting({ ...tense, waitingList: 5 })], withTension);
    expect(rerunProposal(tension.policyVersion, tension.inputs)).toEqual([tension]);
    const [volume] = proposeAdjustments([waiting({ ...tense, tensionIndex: 1.49, entries: 12 })], withTension);
    expect(volume.policyVersion).toBe(ADJUSTMENT_POLICY_VERSION);
    expect(rerunProposal(volume.policyVersion, volume.inputs)).toEqual([volume]);
  });

  it('leaves the decision to the other rules just below the tension threshold or the waiting-list threshold', () => {
    expect(proposeAdjustments([waiting({ ...tense, tensionIndex: 1.49 })], withTension)).toEqual([]);
    expect(proposeAdjustments([waiting({ ...tense, waitingList: 4 })], withTension)).toEqual([]);
    const [full] = proposeAdjustments([waiting({ ...tense, tensionIndex: 1.49, entries: 12 })], withTension);
    expect(full).toMatchObject({ policyVersion: ADJUSTMENT_POLICY_VERSION, adjustment: { delta: 8 } });
  });

  it('ignores tension when the contract sets no threshold, and proposes no more than the clause and the lot allow', () => {
    expect(proposeAdjustments([waiting({ ...tense, tensionIndex: 9 })], settings)).toEqual([]);
    expect(proposeAdjustments([waiting({ ...tense, clauseRoomUp: 6 })], withTension)[0].adjustment).toMatchObject({ delta: 6 });
    expect(proposeAdjustments([waiting({ ...tense, lotRoomUp: 3 })], withTension)[0].adjustment).toMatchObject({ delta: 3 });
    expect(proposeAdjustments([waiting({ ...tense, clauseRoomUp: 0 })], withTension)).toEqual([]);
  });

  it('reads the highest tension of the latest month of each of the lot’s occupations in its territories', () => {
    const scope: LotScope = { domainCode: '31054', territoryCodes: ['69', '42'], targetPublics: [], occupationCodes: ['M1805', 'M1810'] };
    const observations = [
      { occupationCode: 'M1805', territoryCode: '69', period: '2026-01', tensionIndex: 3 },
      { occupationCode: 'M1805', territoryCode: '69', period: '2026-02', tensionIndex: 1.2 },
      { occupationCode: 'M1810', territoryCode: '42', period: '2026-02', tensionIndex: 1.7 },
      { occupationCode: 'M1810', territoryCode: '38', period: '2026-02', tensionIndex: 4 },
      { occupationCode: 'F1703', territoryCode: '69', period: '2026-02', tensionIndex: 5 },
    ];
    expect(lotTension(scope, observations)).toEqual({ tensionOccupationCode: 'M1810', tensionTerritoryCode: '42', tensionPeriod: '2026-02', tensionIndex: 1.7 });
    expect(lotTension({ ...scope, occupationCodes: undefined }, observations)).toBeUndefined();
    expect(lotTension(scope, [])).toBeUndefined();
  });

  it('gives each order the tension of its lot', () => {
    const contract = stateOf(recorded(activeContract(), orderPathways('order-1', 40))) as ExistingContract;
    const [signals] = signalsOf(contract, { 'order-1': { entries: 9, waitingList: 8 } }, { [PATHWAY_LOT]: tense });
    expect(signals).toMatchObject({ orderId: 'order-1', ...tense });
    expect(signalsOf(contract, {})[0]).not.toHaveProperty('tensionIndex');
  });
});
