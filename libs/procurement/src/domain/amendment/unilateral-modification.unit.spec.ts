import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import {
  activeContract,
  euros,
  GROUPING_LEAD,
  meta,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  providerMeta,
  recorded,
  stateOf,
} from '../testing/fixtures';
import { AmendmentCommand } from './amendment.commands';
import { AmendmentChange } from './amendment.events';

const MODIFICATION = 'modification-1';
const IMPOSED_AT = '2026-04-02T09:00:00.000Z';
const GROUND = 'Les sessions sont déplacées vers un site accessible aux personnes à mobilité réduite';

const impose = (change: AmendmentChange, data: Partial<Extract<AmendmentCommand, { type: 'ImposeUnilateralModification' }>['data']> = {}): AmendmentCommand => ({
  type: 'ImposeUnilateralModification',
  meta: meta(IMPOSED_AT),
  data: { amendmentId: MODIFICATION, description: 'Modification unilatérale du lot 1', change, ground: GROUND, ...data },
});
const pathwayPrice = (newUnitPriceCents: number): AmendmentChange => ({ kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents });
const widerTerritory: AmendmentChange = { kind: 'SCOPE', lotId: PATHWAY_LOT, territoryCodes: ['69123', '69266'] };

describe('a unilateral modification by the buyer (CCP L6 4°, L2194-2)', () => {
  it('is in force at once, without the provider\'s consent, with its ground, its computed figures and its legal basis', () => {
    const events = specify(procurementDecider).given(activeContract()).when(impose(pathwayPrice(euros(5_050)))).events();
    expect(events.map((event) => event.type)).toEqual(['UnilateralModificationImposed', 'AmendmentCameIntoForce']);
    expect(events[0]).toMatchObject({
      data: {
        amendmentId: MODIFICATION,
        ground: GROUND,
        providerIds: [PATHWAY_PROVIDER],
        article: 'CCP L6 4°, L2194-2',
        // +50 € × 100 pathways estimated.
        amountChangeCents: euros(5_000),
        computation: { method: 'PRICE_DIFFERENCE_TIMES_QUANTITY' },
        legalCheck: { legalBasis: 'R2194-8' },
        imposedAt: IMPOSED_AT,
      },
    });
    const state = stateOf([...activeContract(), ...events]);
    if (state.status === 'EMPTY') throw new Error('no contract');
    expect(state.amendments[MODIFICATION]).toMatchObject({ status: 'IN_FORCE', act: 'UNILATERAL_MODIFICATION', ground: GROUND });
    expect(state.lots[PATHWAY_LOT].workUnits.PATHWAY!.unitPriceCents).toBe(euros(5_050));
    expect(state.modifications).toEqual([{ amendmentId: MODIFICATION, legalBasis: 'R2194-8', amountChangeCents: euros(5_000) }]);
  });

  it('changes the terms later orders are priced at', () => {
    const given = recorded(activeContract(), impose(pathwayPrice(euros(5_050))));
    const [issued] = specify(procurementDecider).given(given).when(orderPathways('order-1', 10, { at: '2026-04-03T09:00:00.000Z' })).events();
    expect(issued).toMatchObject({ type: 'OrderIssued', data: { valueCents: euros(50_500) } });
  });

  it('stays within the code: a change no legal basis allows is refused as an amendment would be', () => {
    // R2194-8 takes changes below 10% of the initial amount (100,000 €), with no clause nor justification:
    // +1,000 € × 100 = 100,000 € is refused, and above it; +999.99 € × 100 = 99,999 € passes.
    specify(procurementDecider).given(activeContract()).when(impose(pathwayPrice(euros(6_001)))).thenRefuses('AMENDMENT_EXCEEDS_DE_MINIMIS');
    specify(procurementDecider).given(activeContract()).when(impose(pathwayPrice(euros(6_000)))).thenRefuses('AMENDMENT_EXCEEDS_DE_MINIMIS');
    expect(specify(procurementDecider).given(activeContract()).when(impose(pathwayPrice(euros(6_000) - 1))).events()).toHaveLength(2);
  });

  it('never replaces the contractor', () => {
    specify(procurementDecider)
      .given(activeContract())
      .when(impose({ kind: 'CONTRACTOR_CHANGE', lotId: PATHWAY_LOT, awardee: { kind: 'PROVIDER', providerId: GROUPING_LEAD } }))
      .thenRefuses('UNILATERAL_MODIFICATION_CANNOT_REPLACE_CONTRACTOR', { kind: 'CONTRACTOR_CHANGE' });
  });

  it('uses an id once', () => {
    specify(procurementDecider).given(recorded(activeContract(), impose(widerTerritory))).when(impose(widerTerritory)).thenRefuses('AMENDMENT_ALREADY_EXISTS');
  });
});

describe('the provider\'s compensation claim for a unilateral modification', () => {
  const CLAIM = 'claim-1';
  const FILED_AT = '2026-04-10T09:00:00.000Z';
  const file = (amountCents: number, providerId = PATHWAY_PROVIDER, amendmentId = MODIFICATION, claimId = CLAIM) => ({
    type: 'FileCompensationClaim' as const,
    meta: providerMeta(FILED_AT, providerId),
    data: { claimId, amendmentId, amountCents, reasons: 'Location du nouveau site et transport des formateurs' },
  });
  const accept = (acceptedAmountCents: number, reason?: string) => ({
    type: 'AcceptCompensationClaim' as const,
    meta: meta('2026-04-20T09:00:00.000Z'),
    data: { claimId: CLAIM, acceptedAmountCents, ...(reason === undefined ? {} : { reason }) },
  });
  const refuseClaim = { type: 'RefuseCompensationClaim' as const, meta: meta('2026-04-20T09:00:00.000Z'), data: { claimId: CLAIM, reason: 'Le coût du site est couvert par le prix' } };
  const imposed = () => recorded(activeContract(), impose(widerTerritory));
  const filed = () => recorded(imposed(), file(euros(12_000)));

  it('is filed by the provider of the lot, with its amount and reasons', () => {
    specify(procurementDecider)
      .given(imposed())
      .when(file(euros(12_000)))
      .then([
        {
          type: 'CompensationClaimFiled',
          data: { claimId: CLAIM, amendmentId: MODIFICATION, providerId: PATHWAY_PROVIDER, amountCents: euros(12_000), reasons: 'Location du nouveau site et transport des formateurs', filedAt: FILED_AT },
        },
      ]);
  });

  it('is not open for an amendment the provider agreed to, nor to another provider, nor twice', () => {
    const agreed = recorded(
      activeContract(),
      { type: 'ProposeAmendment', meta: meta('2026-03-02T10:00:00.000Z'), data: { amendmentId: 'amendment-1', description: 'Avenant', change: widerTerritory } },
      { type: 'SignAmendment', meta: meta('2026-03-05T10:00:00.000Z'), data: { amendmentId: 'amendment-1' } },
      { type: 'NotifyAmendment', meta: meta('2026-03-10T10:00:00.000Z'), data: { amendmentId: 'amendment-1' } },
      { type: 'AcceptAmendment', meta: providerMeta('2026-03-12T10:00:00.000Z', PATHWAY_PROVIDER), data: { amendmentId: 'amendment-1' } },
    );
    specify(procurementDecider).given(agreed).when(file(euros(1_000), PATHWAY_PROVIDER, 'amendment-1')).thenRefuses('COMPENSATION_CLAIM_NOT_OPEN', { act: 'AMENDMENT', status: 'IN_FORCE' });
    specify(procurementDecider).given(imposed()).when(file(euros(1_000), GROUPING_LEAD)).thenRefuses('COMPENSATION_CLAIM_NOT_OPEN');
    specify(procurementDecider).given(filed()).when(file(euros(1_000), PATHWAY_PROVIDER, MODIFICATION, 'claim-2')).thenRefuses('COMPENSATION_CLAIM_ALREADY_FILED', { claimId: CLAIM });
  });

  it('claims a positive amount: 1 cent at least', () => {
    specify(procurementDecider).given(imposed()).when(file(0)).thenRefuses('COMPENSATION_AMOUNT_INVALID', { amountCents: 0 });
    expect(specify(procurementDecider).given(imposed()).when(file(1)).events()).toHaveLength(1);
  });

  it('is accepted by the buyer for the amount claimed or less, never more', () => {
    specify(procurementDecider).given(filed()).when(accept(euros(12_000) + 1)).thenRefuses('COMPENSATION_ABOVE_CLAIM', { claimedAmountCents: euros(12_000), acceptedAmountCents: euros(12_000) + 1 });
    expect(specify(procurementDecider).given(filed()).when(accept(euros(12_000))).events()).toEqual([
      {
        type: 'CompensationClaimAccepted',
        data: { claimId: CLAIM, amendmentId: MODIFICATION, claimedAmountCents: euros(12_000), acceptedAmountCents: euros(12_000), acceptedAt: '2026-04-20T09:00:00.000Z' },
      },
    ]);
    const partly = specify(procurementDecider).given(filed()).when(accept(euros(12_000) - 1, 'Le transport est remboursé au barème')).events();
    const state = stateOf([...filed(), ...partly]);
    expect(state.status !== 'EMPTY' && state.compensationClaims[CLAIM]).toMatchObject({
      status: 'ACCEPTED',
      answer: { acceptedAmountCents: euros(12_000) - 1, reason: 'Le transport est remboursé au barème' },
    });
  });

  it('is refused with a reason, and answered once', () => {
    const refused = recorded(filed(), refuseClaim);
    const state = stateOf(refused);
    expect(state.status !== 'EMPTY' && state.compensationClaims[CLAIM]).toMatchObject({ status: 'REFUSED', answer: { reason: 'Le coût du site est couvert par le prix' } });
    specify(procurementDecider).given(refused).when(accept(euros(1_000))).thenRefuses('COMPENSATION_CLAIM_ALREADY_ANSWERED', { status: 'REFUSED' });
    specify(procurementDecider).given(imposed()).when(refuseClaim).thenRefuses('COMPENSATION_CLAIM_NOT_FOUND');
  });

  it('may be filed after the contract closed', () => {
    const closed = recorded(imposed(), { type: 'CloseContract', meta: meta('2026-04-05T09:00:00.000Z'), data: { minimumShortfallReason: 'Closed early for the test of a later claim' } });
    expect(specify(procurementDecider).given(closed).when(file(euros(500))).events()).toHaveLength(1);
  });
});
