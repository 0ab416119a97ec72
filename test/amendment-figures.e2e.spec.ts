import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

const price = (newUnitPriceCents: number, declaredAmountChangeCents?: number) => ({
  description: 'Revalorisation du parcours',
  change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents },
  ...(declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents }),
});

/**
 * Amendments over HTTP: their change in value computed from the terms (a 1,000,000 € framework, pathways at
 * 3,000 €, 100 estimated), checked against the de minimis cap of 10% (R2194-8/-9), and withdrawn before
 * signature to free that headroom.
 */
describe('amendment figures and withdrawal (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;

  beforeAll(async () => {
    running = await startApi('amendment-figures-e2e', { clock: new FixedClock(new Date('2026-03-02T09:00:00.000Z')) });
    as = callerOf(
      running.app,
      await tokensFor({ buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' }, providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' } }),
    );
    contractId = await anActiveFramework(as);
  });
  afterAll(() => running?.close());

  it('computes a price change from the terms, whatever the buyer declares, and checks the law on that figure', async () => {
    // +600 € × 100 pathways = +60,000 €, declared at 0 by the buyer.
    const first = await as('buyer').post(`/contracts/${contractId}/amendments`, price(360_000, 0)).expect(201);
    const read = await as('buyer').get(`/contracts/${contractId}/amendments/${first.body.amendmentId}`).expect(200);
    expect(read.body).toMatchObject({
      amountChangeCents: 6_000_000,
      declaredAmountChangeCents: 0,
      computation: { method: 'PRICE_DIFFERENCE_TIMES_QUANTITY', inputs: { currentUnitPriceCents: 300_000, newUnitPriceCents: 360_000, orderedQuantity: 0, remainingQuantity: 100 } },
      legalCheck: { legalBasis: 'R2194-8', tenderCommitteeOpinionRequired: true },
    });

    // +500 € × 100 = +50,000 € more: 110,000 € with the pending one, beyond 10% of the initial amount.
    const refused = await as('buyer').post(`/contracts/${contractId}/amendments`, price(350_000)).expect(422);
    expect(refused.body).toMatchObject({
      code: 'AMENDMENT_EXCEEDS_DE_MINIMIS',
      details: { amountChangeCents: 5_000_000, deMinimis: { priorDeMinimisCents: 6_000_000, cumulativeCents: 11_000_000, percentCapCents: 10_000_000 } },
    });

    // Withdrawn before signature, the first one frees its headroom: the second passes.
    const withdrawn = await as('buyer').post(`/contracts/${contractId}/amendments/${first.body.amendmentId}/withdraw`, { reason: 'Remplacé par une revalorisation plus modeste' }).expect(200);
    expect(withdrawn.body.events.map((event: { type: string }) => event.type)).toEqual(['AmendmentWithdrawn']);
    const second = await as('buyer').post(`/contracts/${contractId}/amendments`, price(350_000)).expect(201);
    const secondRead = await as('buyer').get(`/contracts/${contractId}/amendments/${second.body.amendmentId}`).expect(200);
    expect(secondRead.body.legalCheck.figures.deMinimis).toMatchObject({ priorDeMinimisCents: 0, cumulativeCents: 5_000_000 });
    expect((await as('buyer').get(`/contracts/${contractId}/amendments/${first.body.amendmentId}`).expect(200)).body).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { reason: 'Remplacé par une revalorisation plus modeste' },
    });
  });

  it('refuses to withdraw a signed amendment (422), and a withdrawal without a reason (400)', async () => {
    // Thirty days less on the 1,460 days of the framework, at its run rate of 1,000,000 €: −20,547.94 €.
    const shorter = await as('buyer').post(`/contracts/${contractId}/amendments`, { description: 'Fin avancée', change: { kind: 'DURATION', newEndDate: '2029-12-01' } }).expect(201);
    const id = shorter.body.amendmentId;
    const read = await as('buyer').get(`/contracts/${contractId}/amendments/${id}`).expect(200);
    expect(read.body).toMatchObject({ amountChangeCents: -2_054_794, computation: { method: 'DURATION_AT_RUN_RATE', inputs: { currentDays: 1_460, daysChanged: -30 } } });
    await as('buyer').post(`/contracts/${contractId}/amendments/${id}/withdraw`, {}).expect(400);
    await as('buyer').post(`/contracts/${contractId}/amendments/${id}/sign`).expect(200);
    const refused = await as('buyer').post(`/contracts/${contractId}/amendments/${id}/withdraw`, { reason: 'Trop tard' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'AMENDMENT_WRONG_STATUS', details: { status: 'SIGNED', expected: ['REQUESTED', 'PROPOSED'] } });
    await as('providerA').post(`/contracts/${contractId}/amendments/${id}/withdraw`, { reason: 'Trop tard' }).expect(403);
  });
});
