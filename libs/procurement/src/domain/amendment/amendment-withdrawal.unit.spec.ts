import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { activeContract, euros, meta, notifyAmendment, PATHWAY_LOT, PATHWAY_PRICE, proposeAmendment, recorded, signAmendment, stateOf } from '../testing/fixtures';
import { AmendmentCommand } from './amendment.commands';
import { AmendmentChange } from './amendment.events';

const wider: AmendmentChange = { kind: 'SCOPE', lotId: PATHWAY_LOT, territoryCodes: ['69123', '69266'] };
const withdraw = (amendmentId: string, at = '2026-03-03T09:00:00.000Z'): AmendmentCommand => ({
  type: 'WithdrawAmendment',
  meta: meta(at),
  data: { amendmentId, reason: 'The town joins the lot of the next framework instead' },
});
/**
 * 1,000,000 € initially: de minimis modifications stay below 10% of it together, 100,000 € (R2194-8, R2194-9).
 * A price change of lot 1 is worth its difference × the 100 pathways estimated.
 */
const propose = (amendmentId: string, amountChangeCents: number) =>
  proposeAmendment({ amendmentId, change: { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents: PATHWAY_PRICE + amountChangeCents / 100 } });

describe('withdrawing an amendment', () => {
  it('withdraws a proposal never signed, with the reason', () => {
    specify(procurementDecider)
      .given(recorded(activeContract(), propose('amendment-a', euros(60_000))))
      .when(withdraw('amendment-a'))
      .then([
        {
          type: 'AmendmentWithdrawn',
          data: { amendmentId: 'amendment-a', reason: 'The town joins the lot of the next framework instead', withdrawnAt: '2026-03-03T09:00:00.000Z' },
        },
      ]);
  });

  it('frees its R2194-9 headroom: 60,000 € pending leave no room for 50,000 € more, withdrawn they do', () => {
    const pending = recorded(activeContract(), propose('amendment-a', euros(60_000)));
    specify(procurementDecider)
      .given(pending)
      .when(propose('amendment-b', euros(50_000)))
      .thenRefuses('AMENDMENT_EXCEEDS_DE_MINIMIS', { deMinimis: { priorDeMinimisCents: euros(60_000), cumulativeCents: euros(110_000) } });
    const withdrawn = recorded(pending, withdraw('amendment-a'));
    const [event] = specify(procurementDecider).given(withdrawn).when(propose('amendment-b', euros(50_000))).events();
    expect(event.type === 'AmendmentProposed' && event.data.legalCheck.figures).toMatchObject({
      deMinimis: { priorDeMinimisCents: 0, cumulativeCents: euros(50_000) },
    });
  });

  it('withdraws a provider request not yet answered', () => {
    const requested = [
      ...activeContract(),
      {
        type: 'AmendmentRequested' as const,
        data: { amendmentId: 'request-1', lotId: PATHWAY_LOT, providerId: 'provider-numerique-lyon', description: 'Villeurbanne too', change: wider, requestedAt: '2026-02-16T14:00:00.000Z' },
      },
    ];
    const events = specify(procurementDecider).given(requested).when(withdraw('request-1')).events();
    const state = stateOf([...requested, ...events]);
    expect(state.status !== 'EMPTY' && state.amendments['request-1'].status).toBe('WITHDRAWN');
  });

  it('cannot withdraw a signed amendment: it binds the buyer', () => {
    specify(procurementDecider)
      .given(recorded(activeContract(), propose('amendment-a', euros(40_000)), signAmendment('amendment-a')))
      .when(withdraw('amendment-a', '2026-03-06T09:00:00.000Z'))
      .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'SIGNED', expected: ['REQUESTED', 'PROPOSED'] });
  });

  it('cannot withdraw a notified amendment, nor one withdrawn already', () => {
    specify(procurementDecider)
      .given(recorded(activeContract(), propose('amendment-a', euros(40_000)), signAmendment('amendment-a'), notifyAmendment('amendment-a')))
      .when(withdraw('amendment-a', '2026-03-11T09:00:00.000Z'))
      .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'NOTIFIED' });
    specify(procurementDecider)
      .given(recorded(activeContract(), propose('amendment-a', euros(60_000)), withdraw('amendment-a')))
      .when(withdraw('amendment-a'))
      .thenRefuses('AMENDMENT_WRONG_STATUS', { status: 'WITHDRAWN' });
  });
});
