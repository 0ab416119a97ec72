import { providerRegisterStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';

/** A SIRET whose Luhn key holds, and the same with its last digit changed. */
const SIRET = '73282932000074';
const SIRET_WRONG_KEY = '73282932000075';
const ENTRY = { providerId: 'of-a', legalName: 'Formation Numérique Lyon SAS', siret: SIRET, declarationNumber: '84691234569' };
const CERTIFICATE = { certifier: 'AFNOR Certification', number: 'QUALIOPI-2025-0042', categories: ['ACTIONS_DE_FORMATION', 'VAE'], validFrom: '2025-03-01', validUntil: '2026-03-31' };

/** The register over HTTP: who may write and read it, the SIRET key, and a certificate's validity on the day. */
describe('provider register (end to end)', () => {
  let running: RunningApi;
  let as: ReturnType<typeof callerOf>;
  const clock = new FixedClock(new Date('2026-03-31T09:00:00.000Z'));

  beforeAll(async () => {
    running = await startApi('provider-register-e2e', { clock });
    const tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'user-of-b', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
      officer: { sub: 'pe-ara-1', role: 'pole_emploi', tenant: 'ARA' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      buyerIdf: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
    });
    as = callerOf(running.app, tokens);
  });
  afterAll(() => running?.close());

  it('refuses a malformed entry with its fields (400) and a SIRET whose key is wrong (422), writing nothing', async () => {
    const malformed = await as('buyer').post('/providers', { ...ENTRY, siret: '7328293200007', declarationNumber: '8469-123' }).expect(400);
    expect(JSON.stringify(malformed.body)).toContain('siret must be 14 digits');
    expect(JSON.stringify(malformed.body)).toContain('declarationNumber must be 11 digits');
    const wrongKey = await as('buyer').post('/providers', { ...ENTRY, siret: SIRET_WRONG_KEY }).expect(422);
    expect(wrongKey.body).toMatchObject({ code: 'SIRET_KEY_INVALID', details: { siret: SIRET_WRONG_KEY } });
    expect(await running.store.readStream(providerRegisterStream('ARA', 'of-a'))).toHaveLength(0);
  });

  it('lets only a buyer or an administrator register a provider', async () => {
    await as('providerA').post('/providers', ENTRY).expect(403);
    await as('auditor').post('/providers', ENTRY).expect(403);
    await as('buyer').post('/providers', ENTRY).expect(201);
    const again = await as('buyer').post('/providers', ENTRY).expect(422);
    expect(again.body.code).toBe('PROVIDER_ALREADY_REGISTERED');
  });

  it('records a Qualiopi certificate, valid through its last day included', async () => {
    const reversed = { ...CERTIFICATE, validFrom: '2026-04-01' };
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: reversed }).expect(400);
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: { ...CERTIFICATE, categories: ['COACHING'] } }).expect(400);
    const missing = await as('buyer').post('/providers/of-z/qualiopi-certificates', { certificate: CERTIFICATE }).expect(422);
    expect(missing.body.code).toBe('PROVIDER_NOT_REGISTERED');
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: CERTIFICATE }).expect(201);

    const lastDay = await as('officer').get('/providers/of-a').expect(200);
    expect(lastDay.body).toMatchObject({ ...ENTRY, certificate: CERTIFICATE, trainingActions: { on: '2026-03-31', allowed: true } });
    clock.set(new Date('2026-04-01T09:00:00.000Z'));
    const dayAfter = await as('auditor').get('/providers/of-a').expect(200);
    expect(dayAfter.body.trainingActions).toEqual({ on: '2026-04-01', allowed: false, ruleCode: 'QUALIOPI_CERTIFICATE_NOT_VALID' });

    // The renewal replaces the certificate.
    await as('buyer').post('/providers/of-a/qualiopi-certificates', { certificate: { ...CERTIFICATE, number: 'QUALIOPI-2026-0107', validFrom: '2026-04-01', validUntil: '2029-03-31' } }).expect(201);
    const renewed = await as('providerA').get('/providers/of-a').expect(200);
    expect(renewed.body).toMatchObject({ certificate: { number: 'QUALIOPI-2026-0107' }, trainingActions: { allowed: true } });
  });

  it('shows a provider its own entry only, and another tenant nothing, as if it did not exist', async () => {
    await as('providerB').get('/providers/of-a').expect(404);
    await as('buyerIdf').get('/providers/of-a').expect(404);
    await as('buyer').get('/providers/of-unknown').expect(404);
    await as('providerA').post('/providers/of-a/qualiopi-certificates', { certificate: CERTIFICATE }).expect(403);
  });

  it('lets a provider set its own contacts and disability referent, sealed in the vault, and readable by the tenant', async () => {
    const contacts = {
      notices: { name: 'Camille Martin', email: 'camille.martin@fnl.example', phone: '+33 4 72 00 00 00' },
      disabilityReferent: { name: 'Sami Haddad', email: 'referent.handicap@fnl.example' },
    };
    const malformed = await as('providerA').put('/providers/of-a/contacts', { notices: { name: 'C', email: 'not-an-email' } }).expect(400);
    expect(JSON.stringify(malformed.body)).toContain('email must be an email');
    await as('providerB').put('/providers/of-a/contacts', contacts).expect(404);
    await as('officer').put('/providers/of-a/contacts', contacts).expect(403);
    const empty = await as('providerA').put('/providers/of-a/contacts', {}).expect(422);
    expect(empty.body.code).toBe('PROVIDER_CONTACTS_EMPTY');
    await as('providerA').put('/providers/of-a/contacts', contacts).expect(201);

    // The event holds no name, e-mail or phone in clear.
    const recorded = JSON.stringify(await running.store.readStream(providerRegisterStream('ARA', 'of-a')));
    for (const value of ['Camille', 'camille.martin@fnl.example', '72 00 00', 'Haddad']) expect(recorded).not.toContain(value);

    for (const who of ['buyer', 'officer', 'auditor', 'providerA']) {
      const entry = await as(who).get('/providers/of-a').expect(200);
      expect(entry.body.contacts).toEqual({
        notices: {
          personId: expect.stringMatching(/^pc-[0-9a-f]{24}$/),
          name: { status: 'AVAILABLE', value: 'Camille Martin' },
          email: { status: 'AVAILABLE', value: 'camille.martin@fnl.example' },
          phone: { status: 'AVAILABLE', value: '+33 4 72 00 00 00' },
        },
        disabilityReferent: {
          personId: expect.stringMatching(/^pc-/),
          name: { status: 'AVAILABLE', value: 'Sami Haddad' },
          email: { status: 'AVAILABLE', value: 'referent.handicap@fnl.example' },
        },
      });
    }

    // A new referent replaces the old one, the notices contact stays; the old referent can be erased on its own id.
    const before = (await as('buyer').get('/providers/of-a').expect(200)).body.contacts;
    await as('buyer').put('/providers/of-a/contacts', { disabilityReferent: { name: 'Lou Bernard', email: 'lou.bernard@fnl.example' } }).expect(201);
    const after = (await as('buyer').get('/providers/of-a').expect(200)).body.contacts;
    expect(after.notices).toEqual(before.notices);
    expect(after.disabilityReferent.name).toEqual({ status: 'AVAILABLE', value: 'Lou Bernard' });
    expect(after.disabilityReferent.personId).not.toBe(before.disabilityReferent.personId);
  });

  it('re-decides every entry and certificate from the record (audit:verify)', async () => {
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({
      ProviderRegistered: { decided: 1, folded: 0, failed: 0 },
      QualiopiCertificateRecorded: { decided: 2, folded: 0, failed: 0 },
      ProviderContactsUpdated: { decided: 2, folded: 0, failed: 0 },
    });
  });
});
