import { FixedClock, Principal } from '@app/shared';
import { lheoSchemaProblems } from '../libs/audit/src/exports/schema-validation';
import { DIGITAL_TRAINING, OPEN_DAYS_TRAINING } from '../libs/audit/src/testing/offer-fixtures';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, OPEN_DAY_LOT, PATHWAY_LOT } from './support/procurement-fixtures';
import { siretOf } from './support/provider-register-fixtures';

/**
 * A buyer's two-lot contract, both lots describing their training, awarded, with sessions planned; the offer is
 * fetched over real HTTP as LHEO 2.3, validated against the official XSD, and polled with ?changedSince=.
 */
describe('LHEO offer export (end to end)', () => {
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  let contractId: string;
  let openDayOrderId: string;

  const as = (who: string) => callerOf(api.app, tokens)(who);
  const session = (sessionId: string, startDate: string, endDate: string) => ({ sessionId, startDate, endDate, place: '12 rue Garibaldi', postalCode: '69008', city: 'Lyon', capacity: 12, modality: 'IN_PERSON' });

  beforeAll(async () => {
    api = await startApi('lheo-offer-e2e', { clock });
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      admin: { sub: 'admin-1', role: 'admin', tenant: 'ARA' },
      otherBuyer: { sub: 'buyer-idf', role: 'buyer', tenant: 'IDF' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    };
    Object.assign(tokens, await tokensFor(principals));
    const lots = [{ ...PATHWAY_LOT, training: DIGITAL_TRAINING }, { ...OPEN_DAY_LOT, training: OPEN_DAYS_TRAINING }];
    contractId = await anActiveFramework(as, { lots });
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    await as('buyer')
      .post(`/contracts/${contractId}/orders`, { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 20 }], sessions: [session('S-1', '2026-04-06', '2026-07-03')], periodStart: '2026-04-01', periodEnd: '2026-12-31' })
      .expect(201);
    const openDays = await as('buyer')
      .post(`/contracts/${contractId}/orders`, { lotId: 'LOT-2', lines: [{ unitType: 'OPEN_DAY', quantity: 100 }], sessions: [session('J-1', '2026-05-12', '2026-05-12')], periodStart: '2026-04-01', periodEnd: '2026-12-31' })
      .expect(201);
    openDayOrderId = openDays.body.orderId;
  });
  afterAll(() => api.close());

  it('answers the buyer, auditor and administrator an application/xml document valid against the LHEO 2.3 XSD, one formation per lot', async () => {
    for (const who of ['buyer', 'auditor', 'admin']) {
      const response = await as(who).get('/exports/lheo.xml').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(await lheoSchemaProblems(response.text)).toEqual([]);
      expect(response.text).toContain(`<formation numero="${contractId}/LOT-1">`);
      expect(response.text).toContain(`<formation numero="${contractId}/LOT-2">`);
      expect(response.text).toContain(`<SIRET>${siretOf('of-a')}</SIRET>`);
      expect(response.text).toContain('<codepostal>69008</codepostal>');
    }
  });

  it('gives with ?changedSince= only the formations whose sessions changed after it, and 204 when none did', async () => {
    const before = new Date().toISOString();
    await as('buyer').get(`/exports/lheo.xml?changedSince=${before}`).expect(204);
    await as('buyer')
      .post(`/contracts/${contractId}/orders/${openDayOrderId}/adjustments`, { clauseId: 'CAL-1', reason: 'Une journée de plus', adjustment: { kind: 'ADD_SESSION', session: session('J-2', '2026-06-16', '2026-06-16') } })
      .expect(200);
    const changed = await as('buyer').get(`/exports/lheo.xml?changedSince=${encodeURIComponent(before)}`).expect(200);
    expect(await lheoSchemaProblems(changed.text)).toEqual([]);
    expect(changed.text).not.toContain(`${contractId}/LOT-1`);
    expect(changed.text).toContain(`<formation numero="${contractId}/LOT-2">`);
    expect(changed.text).toContain('<debut>20260616</debut>');
    // A day counts from its start: everything was recorded on or after today.
    const today = (await as('buyer').get(`/exports/lheo.xml?changedSince=${before.slice(0, 10)}`).expect(200)).text;
    expect(today).toContain(`${contractId}/LOT-1`);
  });

  it('refuses a malformed changedSince (400 naming the field), a provider (403), and gives another tenant nothing (204)', async () => {
    const malformed = await as('buyer').get('/exports/lheo.xml?changedSince=01/03/2026').expect(400);
    expect(malformed.text).toContain('changedSince must be an ISO 8601 date');
    await as('providerA').get('/exports/lheo.xml').expect(403);
    await as('otherBuyer').get('/exports/lheo.xml').expect(204);
  });

  it('refuses a session whose postal code is not 5 digits (400 naming the field)', async () => {
    const refused = await as('buyer')
      .post(`/contracts/${contractId}/orders/${openDayOrderId}/adjustments`, { clauseId: 'CAL-1', reason: 'Mauvais code', adjustment: { kind: 'ADD_SESSION', session: { ...session('J-3', '2026-06-17', '2026-06-17'), postalCode: '6900' } } })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('postalCode');
  });
});
