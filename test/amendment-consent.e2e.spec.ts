import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

/**
 * An avenant needs the provider's consent (CCP L2194-1): silence past the response deadline is recorded as no
 * answer and the amendment lapses; the old "deemed acceptance" is refused.
 */
describe('amendment consent (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;

  beforeAll(async () => {
    running = await startApi('amendment-consent-e2e', { clock });
    as = callerOf(
      running.app,
      await tokensFor({ buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' }, providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' } }),
    );
    contractId = await anActiveFramework(as);
  });
  afterAll(() => running?.close());

  const notifiedScopeChange = async (): Promise<string> => {
    const proposed = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, { description: 'La Loire aussi', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '42', '43'] } })
      .expect(201);
    const id = proposed.body.amendmentId as string;
    await as('buyer').post(`/contracts/${contractId}/amendments/${id}/sign`).expect(200);
    await as('buyer').post(`/contracts/${contractId}/amendments/${id}/notify`).expect(200);
    return id;
  };

  it('records silence past the deadline as no answer: the amendment lapses without coming into force', async () => {
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    const id = await notifiedScopeChange();
    const read = await as('buyer').get(`/contracts/${contractId}/amendments/${id}`).expect(200);
    expect(read.body).toMatchObject({ status: 'NOTIFIED', responseDeadline: '2026-03-17' });

    clock.set(new Date('2026-03-17T18:00:00.000Z'));
    const early = await as('buyer').post(`/contracts/${contractId}/amendments/${id}/no-answer`).expect(422);
    expect(early.body).toMatchObject({ code: 'RESPONSE_DEADLINE_NOT_REACHED', details: { responseDeadline: '2026-03-17', today: '2026-03-17' } });

    clock.set(new Date('2026-03-18T09:00:00.000Z'));
    const deemed = await as('buyer').post(`/contracts/${contractId}/amendments/${id}/deemed-acceptance`).expect(422);
    expect(deemed.body).toMatchObject({ code: 'DEEMED_ACCEPTANCE_NOT_ALLOWED', rule: expect.stringMatching(/L2194-1/) });

    const recorded = await as('buyer').post(`/contracts/${contractId}/amendments/${id}/no-answer`).expect(200);
    expect(recorded.body.events.map((event: { type: string }) => event.type)).toEqual(['AmendmentLeftUnanswered']);
    expect((await as('buyer').get(`/contracts/${contractId}/amendments/${id}`).expect(200)).body.status).toBe('UNANSWERED');
    const contract = await as('buyer').get(`/contracts/${contractId}`).expect(200);
    expect(contract.body.lots['LOT-1'].scope.territoryCodes).toEqual(['69', '42']);
    await as('providerA').post(`/contracts/${contractId}/amendments/${id}/accept`).expect(422);
  });

  it('lets the buyer impose the change as a unilateral modification, and the provider claim its compensation', async () => {
    clock.set(new Date('2026-04-01T09:00:00.000Z'));
    const ground = 'Les sessions rejoignent un site accessible aux personnes à mobilité réduite';
    const imposed = await as('buyer')
      .post(`/contracts/${contractId}/unilateral-modifications`, { description: 'La Loire aussi', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '42', '43'] }, ground })
      .expect(201);
    expect(imposed.body.events.map((event: { type: string }) => event.type)).toEqual(['UnilateralModificationImposed', 'AmendmentCameIntoForce']);
    const id = imposed.body.amendmentId as string;
    const seen = await as('providerA').get(`/contracts/${contractId}/amendments/${id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'IN_FORCE', act: 'UNILATERAL_MODIFICATION', ground, providerIds: ['of-a'] });
    expect((await as('buyer').get(`/contracts/${contractId}`).expect(200)).body.lots['LOT-1'].scope.territoryCodes).toEqual(['69', '42', '43']);

    await as('providerA').post(`/contracts/${contractId}/unilateral-modifications/${id}/compensation-claims`, { amountCents: 0, reasons: 'Trajets' }).expect(400);
    const filed = await as('providerA')
      .post(`/contracts/${contractId}/unilateral-modifications/${id}/compensation-claims`, { amountCents: 1_200_000, reasons: 'Trajets des formateurs vers la Haute-Loire' })
      .expect(201);
    const claimId = filed.body.claimId as string;
    expect(filed.body.events.map((event: { type: string }) => event.type)).toEqual(['CompensationClaimFiled']);

    const above = await as('buyer').post(`/contracts/${contractId}/compensation-claims/${claimId}/accept`, { acceptedAmountCents: 1_200_001 }).expect(422);
    expect(above.body).toMatchObject({ code: 'COMPENSATION_ABOVE_CLAIM', details: { claimedAmountCents: 1_200_000, acceptedAmountCents: 1_200_001 } });
    await as('buyer').post(`/contracts/${contractId}/compensation-claims/${claimId}/accept`, { acceptedAmountCents: 900_000, reason: 'Barème kilométrique' }).expect(200);
    const claims = (await as('providerA').get(`/contracts/${contractId}`).expect(200)).body.compensationClaims;
    expect(claims[claimId]).toMatchObject({ status: 'ACCEPTED', amountCents: 1_200_000, answer: { acceptedAmountCents: 900_000, reason: 'Barème kilométrique' } });
    const again = await as('buyer').post(`/contracts/${contractId}/compensation-claims/${claimId}/refuse`, { reason: 'Trop tard' }).expect(422);
    expect(again.body.code).toBe('COMPENSATION_CLAIM_ALREADY_ANSWERED');
  });
});
