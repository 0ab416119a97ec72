import { FixedClock, Principal } from '@app/shared';
import { schemaProblems } from '../libs/audit/src/exports/schema-validation';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework } from './support/procurement-fixtures';

/**
 * An auditor and a buyer export a contract with an order adjustment and an amendment in force over real HTTP,
 * as OCDS release packages and DECP records, and the answers validate against the official schemas.
 */
describe('audit exports (end to end)', () => {
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  let contractId: string;
  let amendmentId: string;

  const as = (who: string) => callerOf(api.app, tokens)(who);
  const at = (moment: string) => clock.set(new Date(moment));

  beforeAll(async () => {
    api = await startApi('audit-exports-e2e', { clock, env: { OCDS_OCID_PREFIX: 'ocds-e2e000', DECP_BUYER_SIRETS: 'ARA=23690001100012' } });
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      otherAuditor: { sub: 'auditor-idf', role: 'auditor', tenant: 'IDF' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    };
    Object.assign(tokens, await tokensFor(principals));

    contractId = await anActiveFramework(as);
    at('2026-03-02T09:00:00.000Z');
    const order = await as('buyer')
      .post(`/contracts/${contractId}/orders`, { lotId: 'LOT-1', lines: [{ unitType: 'PATHWAY', quantity: 50 }], sessions: [], periodStart: '2026-04-01', periodEnd: '2026-12-31' })
      .expect(201);
    // An advance of 10 % on the order of LOT-1 (150,000 € over nine months: mandatory, R2191-3).
    await as('buyer')
      .post(`/contracts/${contractId}/orders/${order.body.orderId}/advance`, { buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: false, ratePercent: 10, vatRatePercent: 0 })
      .expect(201);
    at('2026-03-10T10:00:00.000Z');
    await as('buyer')
      .post(`/contracts/${contractId}/orders/${order.body.orderId}/adjustments`, {
        clauseId: 'VOL-1',
        reason: 'Liste d’attente de 14 personnes',
        adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 5 },
      })
      .expect(200);
    at('2026-03-20T10:00:00.000Z');
    const amendment = await as('buyer')
      .post(`/contracts/${contractId}/amendments`, {
        description: 'Revalorisation du parcours',
        change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
      })
      .expect(201);
    amendmentId = amendment.body.amendmentId;
    at('2026-03-21T10:00:00.000Z');
    await as('buyer').post(`/contracts/${contractId}/amendments/${amendmentId}/sign`).expect(200);
    at('2026-03-22T10:00:00.000Z');
    await as('buyer').post(`/contracts/${contractId}/amendments/${amendmentId}/notify`).expect(200);
    at('2026-03-25T10:00:00.000Z');
    await as('providerA').post(`/contracts/${contractId}/amendments/${amendmentId}/accept`).expect(200);
  });
  afterAll(() => api.close());

  it('answers a contract’s OCDS release package, valid against the OCDS 1.1 schemas, one release per decision', async () => {
    const { body } = await as('auditor').get(`/audit/contracts/${contractId}/ocds`).expect(200);
    expect(schemaProblems('ocds', body)).toEqual([]);
    const decisions = (await as('auditor').get(`/audit/contracts/${contractId}/decisions`).expect(200)).body;
    // One release per decision on the contract, and one per payment made (the advance here).
    const ofDecisions = (body.releases as Array<{ id: string }>).filter((release) => !release.id.includes('-payments-'));
    expect(ofDecisions).toHaveLength(decisions.length);
    expect(body.releases).toHaveLength(decisions.length + 1);
    const last = body.releases.at(-1);
    expect(last.ocid).toBe(`ocds-e2e000-${contractId}`);
    expect(last.tag).toEqual(['contractAmendment']);
    // Each release carries the amendments and order milestones its decision made: together, the whole lists.
    type Contract = { id: string; amendments?: Array<{ rationale: string }>; implementation?: { milestones: Array<{ value: unknown }> } };
    const lot1 = (body.releases as Array<{ contracts: Contract[] }>).flatMap((release) => release.contracts.filter((contract) => contract.id === 'contract-LOT-1'));
    expect(lot1.flatMap((contract) => contract.amendments ?? []).map((amendment) => amendment.rationale)).toEqual([
      'Clause VOL-1: Liste d’attente de 14 personnes',
      expect.stringContaining('R2194-8'),
    ]);
    expect(lot1.flatMap((contract) => contract.implementation?.milestones ?? []).map((milestone) => milestone.value)).toEqual([
      { amount: 150_000, currency: 'EUR' },
      { amount: 165_000, currency: 'EUR' },
    ]);
  });

  it('publishes the advance paid as a transaction of the lot’s contract, in a release of its own', async () => {
    const { body } = await as('auditor').get(`/audit/contracts/${contractId}/ocds`).expect(200);
    type Release = { id: string; tag: string[]; contracts: Array<{ id: string; implementation?: { transactions?: unknown[] } }> };
    const withTransactions = (body.releases as Release[]).filter((release) => release.contracts.some((contract) => contract.implementation?.transactions));
    expect(withTransactions).toHaveLength(1);
    const [release] = withTransactions;
    expect(release.id).toMatch(/-payments-0$/);
    expect(release.tag).toEqual(['implementationUpdate']);
    expect(release.contracts.find((contract) => contract.id === 'contract-LOT-1')?.implementation?.transactions).toEqual([
      {
        id: expect.stringMatching(/^advance-/),
        date: expect.stringMatching(/^2026-03-02T/),
        // 10 % of 150,000 €, the order's amount for nine months.
        value: { amount: 15_000, currency: 'EUR' },
        payer: { id: 'buyer-ARA', name: 'Région ARA' },
        payee: { id: 'of-a', name: 'of-a' },
      },
    ]);
  });

  it('answers a contract’s DECP records, one per lot awarded, valid against the DECP 2022 schema, with the amended lot’s modification', async () => {
    const { body } = await as('buyer').get(`/audit/contracts/${contractId}/decp`).expect(200);
    expect(schemaProblems('decp', body)).toEqual([]);
    const [lot1, lot2] = body.marches.marche;
    expect(body.marches.marche).toHaveLength(2);
    expect(lot1).toMatchObject({
      acheteur: { id: '23690001100012' },
      // The procedure and CPV code the contract recorded (the fixture: an open tender for vocational training).
      procedure: "Appel d'offres ouvert",
      codeCPV: '80530000',
      techniques: { technique: ['Accord-cadre'] },
      modalitesExecution: { modaliteExecution: ['Bons de commande'] },
      montant: 800_000,
      dureeMois: 48,
      offresRecues: 3,
      attributionAvance: true,
      tauxAvance: 0.1,
      // The price amendment on LOT-1: +10,000 € computed.
      modifications: [{ modification: { id: 1, dateNotificationModification: '2026-03-22', datePublicationDonneesModification: '2026-03-25', montant: 810_000 } }],
    });
    expect(lot2).toMatchObject({ montant: 900_000, offresRecues: 3, attributionAvance: false });
    expect(lot2.tauxAvance).toBeUndefined();
    expect(lot2.modifications).toBeUndefined();
  });

  it('answers the tenant’s exports, with nothing of another tenant', async () => {
    const ocds = await as('auditor').get('/audit/export/ocds').expect(200);
    expect(schemaProblems('ocds', ocds.body)).toEqual([]);
    expect(new Set(ocds.body.releases.map((release: { ocid: string }) => release.ocid))).toEqual(new Set([`ocds-e2e000-${contractId}`]));
    const decp = await as('auditor').get('/audit/export/decp').expect(200);
    expect(decp.body.marches.marche).toHaveLength(2);

    const elsewhere = await as('otherAuditor').get('/audit/export/ocds').expect(200);
    expect(elsewhere.body.releases).toEqual([]);
    await as('otherAuditor').get(`/audit/contracts/${contractId}/ocds`).expect(404);
    // IDF has no SIRET configured: its DECP records could not name their buyer.
    const noSiret = await as('otherAuditor').get('/audit/export/decp').expect(422);
    expect(noSiret.body.code).toBe('DECP_BUYER_SIRET_NOT_CONFIGURED');
  });

  it('keeps the exports to auditors, administrators and buyers, and answers 400 to a malformed id', async () => {
    await as('providerA').get(`/audit/contracts/${contractId}/ocds`).expect(403);
    await as('providerA').get('/audit/export/decp').expect(403);
    await as('auditor').get('/audit/contracts/not-a-uuid/decp').expect(400);
  });
});
