import { contractStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { FRAMEWORK, SMALL_PATHWAY_LOT } from './support/procurement-fixtures';

const ENTRY = { providerId: 'of-q', legalName: 'Formation Qualifiée Savoie', siret: '73282932000074', declarationNumber: '84731234567' };
const certificate = (number: string, validFrom: string, validUntil: string, categories = ['ACTIONS_DE_FORMATION']) => ({
  certificate: { certifier: 'Bureau Veritas Certification', number, categories, validFrom, validUntil },
});
const ORDER = { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 2 }], sessions: [], periodStart: '2026-03-01', periodEnd: '2026-12-31' };

/**
 * Art. L6316-1 Code du travail over HTTP: an award and an order go only to a provider whose Qualiopi certificate,
 * in the tenant's register, covers training actions on the day; refused with the figures otherwise, nothing written.
 */
describe('Qualiopi certificate at award and order (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  let contractId: string;
  const clock = new FixedClock(new Date('2026-02-10T09:00:00.000Z'));
  const contractEvents = async () => (await running.store.readStream(contractStream(contractId))).length;

  beforeAll(async () => {
    running = await startApi('qualiopi-award-e2e', { clock });
    as = callerOf(running.app, await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    }));
    contractId = (await as('buyer').post('/contracts', { ...FRAMEWORK, singleLotJustification: 'One training domain on one territory' }).expect(201)).body.contractId;
    await as('buyer').post(`/contracts/${contractId}/lots`, SMALL_PATHWAY_LOT).expect(201);
    await as('buyer').post(`/contracts/${contractId}/publish`).expect(200);
    await as('buyer').post('/providers', ENTRY).expect(201);
    await as('buyer').post('/providers/of-q/qualiopi-certificates', certificate('QUA-2023-0311', '2023-02-01', '2026-01-31')).expect(201);
  });
  afterAll(() => running?.close());

  it('refuses the award to a provider or a grouping member outside the register, and to one whose certificate has expired, writing nothing', async () => {
    const before = await contractEvents();
    const unregistered = await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-unknown'], bidsReceived: 2 }).expect(422);
    expect(unregistered.body).toMatchObject({ code: 'PROVIDER_NOT_IN_REGISTER', details: { providerIds: ['of-unknown'] } });
    const grouping = await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-q', 'of-unknown'], leadProviderId: 'of-q', bidsReceived: 2 }).expect(422);
    expect(grouping.body).toMatchObject({ code: 'PROVIDER_NOT_IN_REGISTER', details: { providerIds: ['of-unknown'] } });
    const expired = await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-q'], bidsReceived: 2 }).expect(422);
    expect(expired.body).toMatchObject({
      code: 'QUALIOPI_CERTIFICATE_NOT_VALID',
      details: { providerId: 'of-q', on: '2026-02-10', category: 'ACTIONS_DE_FORMATION', number: 'QUA-2023-0311', validUntil: '2026-01-31' },
    });
    expect(await contractEvents()).toBe(before);
  });

  it('awards the lot once the certificate is renewed, recording the certificate it was checked against', async () => {
    await as('buyer').post('/providers/of-q/qualiopi-certificates', certificate('QUA-2026-0048', '2026-02-01', '2029-01-31')).expect(201);
    await as('buyer').post(`/contracts/${contractId}/lots/LOT-1/award`, { providerIds: ['of-q'], bidsReceived: 2 }).expect(200);
    const awarded = (await running.store.readStream(contractStream(contractId))).find((event) => event.type === 'LotAwarded')!;
    expect(awarded.metadata.schemaVersion).toBe(2);
    expect(awarded.data).toMatchObject({ qualiopi: { checkedOn: '2026-02-10', certificates: [{ providerId: 'of-q', certificate: { number: 'QUA-2026-0048' } }] } });
    await as('buyer').post(`/contracts/${contractId}/activate`).expect(200);
    await as('buyer').post(`/contracts/${contractId}/orders`, ORDER).expect(201);
  });

  it('refuses an order once the certificate no longer covers training actions or has ended, until it is renewed', async () => {
    await as('buyer').post('/providers/of-q/qualiopi-certificates', certificate('QUA-2026-0049', '2026-02-01', '2029-01-31', ['BILANS_DE_COMPETENCES'])).expect(201);
    const uncovered = await as('buyer').post(`/contracts/${contractId}/orders`, ORDER).expect(422);
    expect(uncovered.body).toMatchObject({ code: 'QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED', details: { providerId: 'of-q', categories: ['BILANS_DE_COMPETENCES'] } });
    await as('buyer').post('/providers/of-q/qualiopi-certificates', certificate('QUA-2026-0050', '2026-02-01', '2029-01-31')).expect(201);

    clock.set(new Date('2029-02-01T08:00:00.000Z'));
    const later = { ...ORDER, periodStart: '2029-02-01', periodEnd: '2029-06-30' };
    const ended = await as('buyer').post(`/contracts/${contractId}/orders`, later).expect(422);
    expect(ended.body).toMatchObject({ code: 'QUALIOPI_CERTIFICATE_NOT_VALID', details: { on: '2029-02-01', validUntil: '2029-01-31' } });
    await as('buyer').post('/providers/of-q/qualiopi-certificates', certificate('QUA-2029-0007', '2029-02-01', '2032-01-31')).expect(201);
    await as('buyer').post(`/contracts/${contractId}/orders`, later).expect(201);
  });

  it('names the certificate in the decision history, and audit:verify decides the awards and orders again from the record', async () => {
    const decisions = (await as('auditor').get(`/audit/contracts/${contractId}/decisions`).expect(200)).body as Array<{ type: string; summary: string }>;
    expect(JSON.stringify(decisions.find((decision) => decision.type === 'LotAwarded'))).toContain("of-q's QUA-2026-0048 (Bureau Veritas Certification, valid to 2029-01-31) valid on 2026-02-10");
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({ LotAwarded: { decided: 1, failed: 0 }, OrderIssued: { decided: 2, failed: 0 } });
  });
});
