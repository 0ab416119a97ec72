import { programmeStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

const PROGRAMME = 'pric-ara-2026';
/** One year of 365 days, and a reference level of 365,000 €: 1,000 € a day. */
const DEFINITION = { programmeId: PROGRAMME, title: 'Pacte régional ARA 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 36_500_000 };
const PUBLICS = { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

/** A programme over HTTP: its funding lines and objectives, the lots it funds, and its progress replayed as of any day. */
describe('programmes (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;
  /** The order of 10 pathways on LOT-1, funded by the State's line. */
  let pathwayOrderId: string;
  const clock = new FixedClock(new Date('2026-02-01T09:00:00.000Z'));
  const base = `/programmes/${PROGRAMME}`;

  beforeAll(async () => {
    running = await startApi('programmes-e2e', { clock });
    const tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      buyerIdf: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
    });
    as = callerOf(running.app, tokens);
    contractId = await anActiveFramework(as);
  });
  afterAll(() => running?.close());

  it('is defined by a buyer with projects, funding lines and objectives, refusing a line outside its period (422) and writing nothing', async () => {
    await as('providerA').post('/programmes', DEFINITION).expect(403);
    await as('buyer').post('/programmes', { ...DEFINITION, endDate: '2025-12-31' }).expect(400);
    await as('buyer').post('/programmes', DEFINITION).expect(201);
    await as('buyer').post(`${base}/projects`, { projectId: 'digital', title: 'Parcours numériques' }).expect(201);
    await as('buyer').post(`${base}/funding-lines`, { fundingLineId: 'region', funder: 'REGION', label: 'Budget régional', amountCents: 40_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    await as('buyer').post(`${base}/funding-lines`, { fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 2_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }).expect(201);
    const revision = (await running.store.readStream(programmeStream('ARA', PROGRAMME))).length;
    const outside = await as('buyer').post(`${base}/funding-lines`, { fundingLineId: 'esf', funder: 'ESF', label: 'FSE+', amountCents: 1_000_000, startDate: '2026-01-01', endDate: '2027-06-30' }).expect(422);
    expect(outside.body).toMatchObject({ code: 'FUNDING_LINE_OUTSIDE_PROGRAMME', details: { endDate: '2027-06-30', programmeEndDate: '2026-12-31' } });
    expect(await running.store.readStream(programmeStream('ARA', PROGRAMME))).toHaveLength(revision);
    await as('buyer').post(`${base}/objectives`, { objectiveId: 'entries', projectId: 'digital', indicator: 'ENTRIES', targetValue: 2, targetDate: '2026-06-30' }).expect(201);
    await as('buyer').post(`${base}/objectives`, { objectiveId: 'certified', projectId: 'digital', indicator: 'CERTIFICATIONS', targetValue: 1, targetDate: '2026-03-31' }).expect(201);
  });

  it('attaches lots of the tenant’s contracts only, each to a project and a funding line', async () => {
    await as('buyer').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-9', fundingLineId: 'state' }).expect(422);
    await as('buyerIdf').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'state' }).expect(404);
    await as('buyer').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'state' }).expect(201);
    await as('buyer').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-2', fundingLineId: 'region' }).expect(201);
    const again = await as('buyer').post(`${base}/lots`, { projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'region' }).expect(422);
    expect(again.body.code).toBe('LOT_ALREADY_ATTACHED');
  });

  it('counts commitments per funding line, objectives’ progress and the State’s additionality, as of any day', async () => {
    clock.set(new Date('2026-03-01T10:00:00.000Z'));
    // 10 pathways at 3,000 € on the State's line (beyond its 20,000 €), 100 open days at 800 € on the Région's.
    pathwayOrderId = await aPathwayOrder(as, contractId, { quantity: 10, capacity: 6 });
    await as('buyer').post(`/contracts/${contractId}/orders`, { lotId: 'LOT-2', lines: [{ unitType: 'OPEN_DAY', quantity: 100 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' }).expect(201);
    clock.set(new Date('2026-04-06T16:00:00.000Z'));
    const reports = `/contracts/${contractId}/orders/${pathwayOrderId}/deliveries`;
    await as('providerA').post(reports, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (const label of ['p-1', 'p-2']) {
      await as('providerA').post(reports, { kind: 'TRAINEE_ENTERED', traineeId: pseudonym(label), sessionId: 'S-1', enteredOn: '2026-04-06', publics: PUBLICS }).expect(201);
    }

    const before = await as('auditor').get(`${base}/progress`).query({ asOf: '2026-03-15T00:00:00Z' }).expect(200);
    expect(before.body.fundingLines).toEqual([
      { fundingLineId: 'region', funder: 'REGION', label: 'Budget régional', amountCents: 40_000_000, committedCents: 8_000_000, statedCents: 0, paidCents: 0, remainingCents: 32_000_000 },
      { fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 2_000_000, committedCents: 3_000_000, statedCents: 0, paidCents: 0, remainingCents: -1_000_000 },
    ]);
    expect(before.body.objectives.map((o: { objectiveId: string; value: number; status: string }) => [o.objectiveId, o.value, o.status])).toEqual([
      ['entries', 0, 'IN_PROGRESS'],
      ['certified', 0, 'IN_PROGRESS'],
    ]);
    // Day 74 of 365: a reference of 74,000 € to date, which the Région's 80,000 € exceed; the State's 30,000 € add to it.
    expect(before.body.additionality).toEqual({
      regionReferenceLevelCents: 36_500_000,
      referenceToDateCents: 7_400_000,
      regionCommittedCents: 8_000_000,
      stateCommittedCents: 3_000_000,
      spendingBeyondReferenceCents: 3_600_000,
      stateAdditionalCents: 3_000_000,
      stateSubstitutingCents: 0,
    });

    const now = await as('officer').get(`${base}/progress`).expect(200);
    expect(now.body.asOf).toBe('2026-04-06T16:00:00.000Z');
    expect(now.body.objectives.map((o: { objectiveId: string; value: number; progressPercent: number; status: string }) => [o.objectiveId, o.value, o.progressPercent, o.status])).toEqual([
      ['entries', 2, 100, 'REACHED'],
      ['certified', 0, 0, 'MISSED'],
    ]);
    expect(now.body.lots.find((lot: { lotId: string }) => lot.lotId === 'LOT-1')).toMatchObject({ entries: 2, committedCents: 3_000_000, fundingLineId: 'state' });

    // By 30 June (day 181) the reference to date is 181,000 €: the Région's 80,000 € fall short, and the State's money fills the gap.
    const june = await as('buyer').get(`${base}/progress`).query({ asOf: '2026-06-30T23:59:59Z' }).expect(200);
    expect(june.body.additionality).toMatchObject({ referenceToDateCents: 18_100_000, spendingBeyondReferenceCents: -7_100_000, stateAdditionalCents: 0, stateSubstitutingCents: 3_000_000 });
  });

  it('counts what the statements stated and what the buyer paid against each funding line, as of any day', async () => {
    const order = `/contracts/${contractId}/orders/${pathwayOrderId}`;
    clock.set(new Date('2026-07-03T10:00:00.000Z'));
    await as('providerA').post(`${order}/deliveries`, { kind: 'TRAINEE_COMPLETED', traineeId: pseudonym('p-1'), on: '2026-07-03' }).expect(201);
    clock.set(new Date('2026-08-03T09:00:00.000Z'));
    const issued = await as('buyer').post(`${order}/service-statements`, { periodStart: '2026-07-01', periodEnd: '2026-07-31' }).expect(201);
    const statedCents = issued.body.statement.totalCents as number;
    expect(statedCents).toBeGreaterThan(0);
    const statement = `${order}/service-statements/${issued.body.statementId}`;
    const requested = await as('providerA').post(`${statement}/payment-requests`, { invoiceReference: 'F-PIC-2026-1', amountCents: statedCents }).expect(201);
    clock.set(new Date('2026-08-20T09:00:00.000Z'));
    // Paid in two parts: the line counts what was paid, not what was requested.
    const paymentRequest = `/contracts/${contractId}/payment-requests/${requested.body.requestId}`;
    await as('buyer').post(`${paymentRequest}/payments`, { amountCents: statedCents - 100, paidOn: '2026-08-20' }).expect(201);

    const lineOf = (body: { fundingLines: Array<{ fundingLineId: string }> }, id: string) => body.fundingLines.find((line) => line.fundingLineId === id);
    const paidInPart = await as('auditor').get(`${base}/progress`).expect(200);
    expect(lineOf(paidInPart.body, 'state')).toMatchObject({ committedCents: 3_000_000, statedCents, paidCents: statedCents - 100 });
    expect(lineOf(paidInPart.body, 'region')).toMatchObject({ statedCents: 0, paidCents: 0 });
    expect(paidInPart.body.lots.find((lot: { lotId: string }) => lot.lotId === 'LOT-1')).toMatchObject({ statedCents, paidCents: statedCents - 100 });

    clock.set(new Date('2026-08-21T09:00:00.000Z'));
    await as('buyer').post(`${paymentRequest}/payments`, { amountCents: 100, paidOn: '2026-08-21' }).expect(201);
    const paid = await as('buyer').get(`${base}/progress`).expect(200);
    expect(lineOf(paid.body, 'state')).toMatchObject({ statedCents, paidCents: statedCents });
    // As the buyer saw it before paying: stated, nothing paid yet.
    const beforePayment = await as('buyer').get(`${base}/progress`).query({ asOf: '2026-08-10T00:00:00Z' }).expect(200);
    expect(lineOf(beforePayment.body, 'state')).toMatchObject({ statedCents, paidCents: 0 });
  });

  it('is read by the tenant’s buyers, auditors and Pôle emploi, not by providers nor other tenants', async () => {
    const read = await as('auditor').get(base).expect(200);
    expect(read.body).toMatchObject({ title: DEFINITION.title, projects: [{ projectId: 'digital' }], lots: [{ lotId: 'LOT-1' }, { lotId: 'LOT-2' }] });
    await as('providerA').get(base).expect(403);
    await as('providerA').get(`${base}/progress`).expect(403);
    await as('buyerIdf').get(base).expect(404);
    await as('buyerIdf').get(`${base}/progress`).expect(404);
    await as('buyer').get(`${base}/progress`).query({ asOf: '2026-03-15' }).expect(400);
  });

  it('is decided again by the verification from its record', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    const history = await as('auditor').get('/audit/decisions').query({ type: 'FundingLineAdded' }).expect(200);
    expect(JSON.stringify(history.body)).toContain('Funding line state (state pic, PIC) of €20,000.00 from 2026-01-01 to 2026-12-31');
  });
});
