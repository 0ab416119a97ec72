import fc from 'fast-check';
import { RuleViolation } from '@app/shared';
import { specify } from '@app/shared/testing/decider-specification';
import { AmendmentCommand } from '../amendment/amendment.commands';
import { ExistingContract, ProcurementEvent } from '../contract/contract.state';
import { decideProcurement, procurementDecider, ProcurementCommand } from '../procurement.decider';
import {
  acceptAmendment,
  activeContract,
  changeQuantity,
  clauseAdded,
  meta,
  notifyAmendment,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_MAX_QUANTITY,
  PATHWAY_PROVIDER,
  recorded,
  signAmendment,
  stateOf,
  VOLUME_PATHWAY_CLAUSE,
} from '../testing/fixtures';
import { volumeMovedUnderClauses } from './volume-running-total';

/** VOLUME_PATHWAY_CLAUSE: ±20% of the 100 pathways estimated on lot 1, ±20 pathways in all since award. */
const raiseMaximum = (amendmentId: string, newMaxQuantity: number, clauseId = VOLUME_PATHWAY_CLAUSE, at = '2026-03-02T10:00:00.000Z'): AmendmentCommand => ({
  type: 'ProposeAmendment',
  meta: meta(at),
  data: {
    amendmentId,
    description: 'Plus de parcours',
    change: { kind: 'VOLUME', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newMaxQuantity },
    reviewClauseId: clauseId,
  },
});
const withOrder = () => recorded(activeContract(), orderPathways('order-1', 40));

describe('a volume clause, one running total for order adjustments and amendments', () => {
  it('lets an amendment take what order adjustments left: 15 adjusted, +5 reaches the 20 of the clause', () => {
    const adjusted = recorded(withOrder(), changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 15));
    const [event] = specify(procurementDecider).given(adjusted).when(raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY + 5)).events();
    expect(event.type === 'AmendmentProposed' && event.data).toMatchObject({ amountChangeCents: 5 * 500_000, legalCheck: { legalBasis: 'R2194-1' } });
  });

  it('refuses an amendment one unit beyond what order adjustments left, with the figures', () => {
    const adjusted = recorded(withOrder(), changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 15));
    specify(procurementDecider)
      .given(adjusted)
      .when(raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY + 6))
      .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', {
        clauseId: VOLUME_PATHWAY_CLAUSE,
        bound: 20,
        adjustedByOrdersBefore: 15,
        amendedInForceBefore: 0,
        pendingRaises: 0,
        delta: 6,
        adjustedAfter: 21,
      });
  });

  it('counts an amendment under the clause against later order adjustments: +10 amended leaves +10, not +11', () => {
    const amended = recorded(
      withOrder(),
      raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY + 10),
      signAmendment('amendment-1'),
      notifyAmendment('amendment-1'),
      acceptAmendment('amendment-1', PATHWAY_PROVIDER),
    );
    expect(specify(procurementDecider).given(amended).when(changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 10)).events()).toHaveLength(1);
    specify(procurementDecider)
      .given(amended)
      .when(changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 11))
      .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { bound: 20, adjustedByOrdersBefore: 0, amendedInForceBefore: 10, adjustedAfter: 21 });
  });

  it('counts a pending amendment the way that reaches furthest: a pending cut does not make room for a raise', () => {
    // −5 pending and −15 by orders: the bound of −20 is reached whether or not the cut comes into force.
    const pendingCut = recorded(withOrder(), raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY - 5), changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', -15));
    specify(procurementDecider)
      .given(pendingCut)
      .when(changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', -1, '2026-04-02T09:00:00.000Z'))
      .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { bound: 20, adjustedBefore: -20, pendingCuts: -5, adjustedAfter: -21 });
    // A pending raise of +1 does not free a unit either: it may still be withdrawn.
    const withRaise = recorded(pendingCut, raiseMaximum('amendment-2', PATHWAY_MAX_QUANTITY + 1, VOLUME_PATHWAY_CLAUSE, '2026-04-02T10:00:00.000Z'));
    specify(procurementDecider)
      .given(withRaise)
      .when(changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', -1, '2026-04-03T09:00:00.000Z'))
      .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { adjustedAfter: -21 });
  });

  it('frees the units of a withdrawn amendment', () => {
    const withdrawn = recorded(withOrder(), raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY + 20), {
      type: 'WithdrawAmendment',
      meta: meta('2026-03-03T10:00:00.000Z'),
      data: { amendmentId: 'amendment-1', reason: 'Remplacé' },
    });
    expect(specify(procurementDecider).given(withdrawn).when(changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', 20)).events()).toHaveLength(1);
  });

  describe('for the whole contract', () => {
    const wide = 'clause-volume-contract-25pc';
    const contractWide = () => recorded(activeContract({ extraClauses: [clauseAdded(wide, { type: 'VOLUME', unitType: 'PATHWAY', percent: 25 })] }));

    it('bounds each lot by its own estimate: +25 pathways at the limit, with the clause bound priced in the legal check', () => {
      const [event] = specify(procurementDecider).given(contractWide()).when(raiseMaximum('amendment-1', PATHWAY_MAX_QUANTITY + 25, wide)).events();
      // 25 pathways × 5,000 €: the only lot pricing pathways.
      expect(event.type === 'AmendmentProposed' && event.data.legalCheck.figures).toMatchObject({ reviewClause: { clauseId: wide, maxAmountChangeCents: 12_500_000, withinBound: true } });
    });

    it('refuses 25 times the initial value, and one unit beyond the bound', () => {
      for (const newMax of [PATHWAY_MAX_QUANTITY + 2_500, PATHWAY_MAX_QUANTITY + 26]) {
        specify(procurementDecider)
          .given(contractWide())
          .when(raiseMaximum('amendment-1', newMax, wide))
          .thenRefuses('VOLUME_CLAUSE_BOUND_EXCEEDED', { bound: 25, delta: newMax - PATHWAY_MAX_QUANTITY });
      }
    });
  });

  it('never lets any sequence of adjustments, amendments and withdrawals move more than the bound', () => {
    type Step = { kind: 'adjust'; delta: number } | { kind: 'amend'; delta: number } | { kind: 'withdraw' } | { kind: 'accept' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('adjust' as const), delta: fc.integer({ min: -12, max: 12 }) }),
      fc.record({ kind: fc.constant('amend' as const), delta: fc.integer({ min: -12, max: 12 }) }),
      fc.record({ kind: fc.constant('withdraw' as const) }),
      fc.record({ kind: fc.constant('accept' as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let history: ProcurementEvent[] = withOrder();
        let amendments = 0;
        const at = (i: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + i * 3_600_000).toISOString();
        steps.forEach((s, i) => {
          const state = stateOf(history) as ExistingContract;
          const lastId = `amendment-${amendments}`;
          const commands: ProcurementCommand[] =
            s.kind === 'adjust'
              ? [changeQuantity('order-1', VOLUME_PATHWAY_CLAUSE, 'PATHWAY', s.delta, at(i))]
              : s.kind === 'amend'
                ? [raiseMaximum(`amendment-${++amendments}`, state.lots[PATHWAY_LOT].workUnits.PATHWAY!.maxQuantity + s.delta, VOLUME_PATHWAY_CLAUSE, at(i))]
                : s.kind === 'withdraw'
                  ? [{ type: 'WithdrawAmendment', meta: meta(at(i)), data: { amendmentId: lastId, reason: 'Remplacé' } }]
                  : [signAmendment(lastId, at(i)), notifyAmendment(lastId, at(i)), acceptAmendment(lastId, PATHWAY_PROVIDER, at(i))];
          try {
            let next = history;
            for (const command of commands) next = [...next, ...decideProcurement(command, stateOf(next))];
            history = next;
          } catch (error) {
            if (!(error instanceof RuleViolation)) throw error;
          }
        });
        // Whichever pending amendments come into force, and whichever are withdrawn or disputed, ±20 holds.
        const moved = volumeMovedUnderClauses(stateOf(history) as ExistingContract, PATHWAY_LOT, 'PATHWAY');
        const settled = moved.byOrders + moved.byAmendmentsInForce;
        return settled + moved.pendingRaises <= 20 && settled + moved.pendingCuts >= -20;
      }),
      { numRuns: 1_000 },
    );
  });
});
