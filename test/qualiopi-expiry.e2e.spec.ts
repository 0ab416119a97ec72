import { FixedClock } from '@app/shared';
import { QualiopiExpiryCheck } from '../apps/worker/src/qualiopi/qualiopi-expiry-check.processor';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { FRAMEWORK, SMALL_PATHWAY_LOT } from './support/procurement-fixtures';
import { SignedWebhookServer, signedWebhookServer } from './support/webhook-server';

const ENTRY = { providerId: 'of-a', legalName: 'Formation Numérique Lyon SAS', siret: '73282932000074', declarationNumber: '84691234569' };
const CERTIFICATE = { certifier: 'AFNOR Certification', number: 'QUA-2023-0042', categories: ['ACTIONS_DE_FORMATION'], validFrom: '2023-07-01', validUntil: '2026-06-30' };
const order = (periodStart: string) => ({ lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 1 }], sessions: [], periodStart, periodEnd: '2026-12-31' });

/**
 * The daily check of the worker (art. L6316-1 Code du travail): a certificate ending while its provider performs a
 * lot of an active contract is recorded on the contract, the provider is notified through its webhook, the buyer
 * sees it on the contract and in its decision history, and orders are refused until the certificate is renewed.
 */
describe('Qualiopi certificate ending during execution (end to end, with the worker)', () => {
  const clock = new FixedClock(new Date('2026-02-10T09:00:00.000Z'));
  let running: RunningApiWithWorker;
  let webhook: SignedWebhookServer;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;

  beforeAll(async () => {
    webhook = await signedWebhookServer();
    running = await startApiWithWorker('qualiopi-expiry', { clock, env: { NOTIFICATION_BACKOFF_MS: '50' } });
    as = callerOf(running.app, await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    }));
    webhook.secrets['of-a'] = (await as('provider').put('/providers/me/webhook', { url: webhook.url('of-a') }).expect(200)).body.signingSecret;
    await as('buyer').post('/providers', ENTRY).expect(201);
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: CERTIFICATE }).expect(201);
    contractId = (await as('buyer').post('/contracts', { ...FRAMEWORK, singleLotJustification: 'One training domain on one territory' }).expect(201)).body.contractId;
    await as('buyer').post(`/contracts/${contractId}/lots`, SMALL_PATHWAY_LOT).expect(201);
    await as('buyer').post(`/contracts/${contractId}/publish`).expect(200);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 2 }).expect(200);
    await as('buyer').post(`/contracts/${contractId}/activate`).expect(200);
  });
  afterAll(async () => {
    await running?.close();
    await webhook?.close();
  });

  const check = () => running.worker.get(QualiopiExpiryCheck);

  it('is scheduled once a day', async () => {
    const schedulers = await check().queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => ({ key: scheduler.key, every: Number(scheduler.every) }))).toEqual([{ key: 'daily', every: 24 * 60 * 60 * 1000 }]);
  });

  it('records nothing on the last day of validity', async () => {
    clock.set(new Date('2026-06-30T03:00:00.000Z'));
    expect(await check().run()).toEqual({ contractsChecked: 1, expiriesRecorded: 0 });
  });

  it('records the expiry the day after, tells the provider and the buyer, and refuses new orders until renewal', async () => {
    clock.set(new Date('2026-07-01T03:00:00.000Z'));
    expect(await check().run()).toEqual({ contractsChecked: 1, expiriesRecorded: 1 });
    // The same day again, or from a second worker: nothing new.
    expect(await check().run()).toEqual({ contractsChecked: 1, expiriesRecorded: 0 });

    const notice = await eventually('the notice at the provider’s webhook', async () => webhook.received.find((received) => received.body.type === 'QualiopiCertificateExpired'));
    expect(notice).toMatchObject({ providerId: 'of-a', signatureValid: true });
    expect(notice.body.data).toMatchObject({ contractId, providerId: 'of-a', lotIds: ['LOT-1'], expiredOn: '2026-07-01', certificate: { number: 'QUA-2023-0042' } });

    const contract = (await as('buyer').get(`/contracts/${contractId}`).expect(200)).body;
    expect(contract.qualiopiExpiries['of-a']).toMatchObject({ lotIds: ['LOT-1'], expiredOn: '2026-07-01', recordedOn: '2026-07-01' });
    const decisions = (await as('buyer').get(`/audit/contracts/${contractId}/decisions`).expect(200)).body as Array<{ type: string; what: string }>;
    expect(decisions.find((decision) => decision.type === 'QualiopiCertificateExpired')?.what).toBe(
      'Qualiopi certificate QUA-2023-0042 of of-a ended on 2026-06-30, during the execution of lot LOT-1: no new order until it is renewed',
    );

    const refused = await as('buyer').post(`/contracts/${contractId}/orders`, order('2026-07-01')).expect(422);
    expect(refused.body).toMatchObject({ code: 'QUALIOPI_CERTIFICATE_NOT_VALID', details: { providerId: 'of-a', on: '2026-07-01', validUntil: '2026-06-30' } });
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: { ...CERTIFICATE, number: 'QUA-2026-0101', validFrom: '2026-07-02', validUntil: '2029-07-01' } }).expect(201);
    clock.set(new Date('2026-07-02T09:00:00.000Z'));
    await as('buyer').post(`/contracts/${contractId}/orders`, order('2026-07-02')).expect(201);
    expect(await check().run()).toEqual({ contractsChecked: 1, expiriesRecorded: 0 });
  });

  it('decides the expiry again from the record (audit:verify)', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({ QualiopiCertificateExpired: { decided: 1, folded: 0, failed: 0 } });
  });
});
