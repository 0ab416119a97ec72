import { FixedClock, Principal } from '@app/shared';
import { anAuditedHistory } from './support/audit-history';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';

/**
 * An auditor's journey over real HTTP: the contract, a lot, an order and an amendment as they were at a date or
 * a revision; who decided what, when and why; and the verification of the whole log.
 */
describe('audit (end to end)', () => {
  let api: RunningApi;
  const clock = new FixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const tokens: Record<string, string> = {};
  let contractId: string;
  let orderId: string;
  let amendmentId: string;
  let activatedRevision: number;

  const as = (who: string) => callerOf(api.app, tokens)(who);

  beforeAll(async () => {
    api = await startApi('audit-e2e', { clock });
    const principals: Record<string, Principal> = {
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      auditor: { sub: 'auditor-1', role: 'auditor', tenant: 'ARA' },
      otherAuditor: { sub: 'auditor-idf', role: 'auditor', tenant: 'IDF' },
      admin: { sub: 'admin-1', role: 'admin', tenant: 'ARA' },
      providerA: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      providerB: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
    };
    Object.assign(tokens, await tokensFor(principals));
    ({ contractId, pathwayOrderId: orderId, amendmentId, activatedRevision } = await anAuditedHistory(as, clock));
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('time travel', () => {
    it('answers the contract as it was on a date, with the revision it was folded at', async () => {
      const march1 = await as('auditor').get(`/contracts/${contractId}?asOf=2026-03-01T00:00:00Z`).expect(200);
      expect(march1.body.status).toBe('ACTIVE');
      expect(march1.body.orders).toEqual({});
      expect(march1.headers.etag).toBe(`"${activatedRevision}"`);

      const january = await as('auditor').get(`/contracts/${contractId}?asOf=2026-01-31T23:59:59Z`).expect(200);
      expect(january.body.status).toBe('DRAFT');
      expect(january.body.lots['LOT-1'].awardee).toBeUndefined();
    });

    it('answers the contract as it was at a revision of its stream', async () => {
      const first = await as('auditor').get(`/contracts/${contractId}?revision=0`).expect(200);
      expect(first.body).toMatchObject({ status: 'DRAFT', lots: {}, clauses: {} });
      expect(first.headers.etag).toBe('"0"');
      const withLots = await as('auditor').get(`/contracts/${contractId}?revision=2`).expect(200);
      expect(Object.keys(withLots.body.lots)).toEqual(['LOT-1', 'LOT-2']);
    });

    it('answers 404 before the contract existed, or at a revision it has not reached', async () => {
      await as('auditor').get(`/contracts/${contractId}?asOf=2026-01-05T08:59:59Z`).expect(404);
      await as('auditor').get(`/contracts/${contractId}?revision=999`).expect(404);
    });

    it('answers an order, a lot and an amendment as they were, and 404 before they existed', async () => {
      const before = await as('auditor').get(`/contracts/${contractId}/orders/${orderId}?asOf=2026-03-05T00:00:00Z`).expect(200);
      expect(before.body.quantities).toEqual({ PATHWAY: 50 });
      const now = await as('auditor').get(`/contracts/${contractId}/orders/${orderId}`).expect(200);
      expect(now.body.quantities).toEqual({ PATHWAY: 55 });
      await as('auditor').get(`/contracts/${contractId}/orders/${orderId}?asOf=2026-03-01T00:00:00Z`).expect(404);

      const lotInJanuary = await as('auditor').get(`/contracts/${contractId}/lots/LOT-1?asOf=2026-01-31T00:00:00Z`).expect(200);
      expect(lotInJanuary.body.awardee).toBeUndefined();
      const lotNow = await as('auditor').get(`/contracts/${contractId}/lots/LOT-1`).expect(200);
      expect(lotNow.body).toMatchObject({ awardee: { kind: 'PROVIDER', providerId: 'of-a' }, ordered: { PATHWAY: 55 } });
      await as('auditor').get(`/contracts/${contractId}/lots/LOT-9`).expect(404);

      const proposed = await as('auditor').get(`/contracts/${contractId}/amendments/${amendmentId}?asOf=2026-03-20T12:00:00%2B01:00`).expect(200);
      expect(proposed.body.status).toBe('PROPOSED');
      const signed = await as('auditor').get(`/contracts/${contractId}/amendments/${amendmentId}`).expect(200);
      expect(signed.body.status).toBe('SIGNED');
      await as('auditor').get(`/contracts/${contractId}/amendments/${amendmentId}?asOf=2026-03-19T00:00:00Z`).expect(404);
    });

    it('applies the same visibility rules in the past', async () => {
      await as('providerA').get(`/contracts/${contractId}/lots/LOT-1?revision=${activatedRevision}`).expect(200);
      await as('providerA').get(`/contracts/${contractId}/lots/LOT-2?revision=${activatedRevision}`).expect(404);
      // Before any award, the provider had no part in the contract.
      await as('providerA').get(`/contracts/${contractId}?revision=3`).expect(404);
      await as('otherAuditor').get(`/contracts/${contractId}?revision=0`).expect(404);
    });

    it('answers 400 to both points at once, or to a malformed one', async () => {
      const both = await as('auditor').get(`/contracts/${contractId}?asOf=2026-03-01T00:00:00Z&revision=3`).expect(400);
      expect(both.body.fields).toEqual([{ field: 'revision', messages: [expect.stringMatching(/cannot both be given/)] }]);
      for (const query of ['asOf=2026-03-01', 'asOf=yesterday', 'asOf=2026-02-30T00:00:00Z', 'revision=-1', 'revision=1.5', 'revision=abc', 'when=now']) {
        await as('auditor').get(`/contracts/${contractId}/orders/${orderId}?${query}`).expect(400);
      }
    });
  });

  describe('decision history', () => {
    it('lists who decided what, when and why on a contract', async () => {
      const response = await as('auditor').get(`/audit/contracts/${contractId}/decisions`).expect(200);
      const decisions = response.body;
      expect(decisions.map((d: { revision: number }) => d.revision)).toEqual([...decisions.keys()]);
      const adjusted = decisions.find((d: { type: string }) => d.type === 'OrderQuantityAdjusted');
      expect(adjusted).toMatchObject({
        occurredAt: '2026-03-10T10:00:00.000Z',
        actor: { id: 'buyer-ara-1', role: 'buyer' },
        what: `Order ${orderId}: +5 PATHWAY under clause VOL-1 (now 55, +€15,000.00)`,
        why: { clauseId: 'VOL-1', reason: 'Waiting list of 14', figures: { clauseBound: { min: -20, max: 20 } } },
        causation: { commandId: expect.any(String), correlationId: expect.any(String), causationId: expect.any(String) },
      });
      const proposed = decisions.find((d: { type: string }) => d.type === 'AmendmentProposed');
      expect(proposed.why).toMatchObject({ legalBasis: 'R2194-8', eformsCode: 'mod-minv' });
    });

    it('narrows the history to one order or one amendment', async () => {
      const ofOrder = await as('buyer').get(`/audit/contracts/${contractId}/decisions?orderId=${orderId}`).expect(200);
      // An order's history includes the delivery reports on it.
      expect(ofOrder.body.map((d: { type: string }) => d.type)).toEqual([
        'OrderIssued',
        'OrderQuantityAdjusted',
        'SessionStarted',
        'TraineeEntered',
        'TraineeEntered',
        'TraineeCompleted',
        'TraineeCompleted',
      ]);
      const ofAmendment = await as('auditor').get(`/audit/contracts/${contractId}/decisions?amendmentId=${amendmentId}`).expect(200);
      expect(ofAmendment.body.map((d: { type: string }) => d.type)).toEqual(['AmendmentProposed', 'AmendmentSigned']);
      const ofLot = await as('auditor').get(`/audit/contracts/${contractId}/decisions?lotId=LOT-2`).expect(200);
      expect(ofLot.body.map((d: { type: string }) => d.type)).toEqual(['LotDefined', 'LotAwarded', 'OrderIssued']);
    });

    it('filters the decisions of the tenant by actor, type and period, a page at a time', async () => {
      const march = await as('auditor')
        .get('/audit/decisions?actor=buyer-ara-1&type=OrderIssued,OrderQuantityAdjusted,AmendmentSigned&from=2026-03-01T00:00:00Z&to=2026-03-21T00:00:00Z')
        .expect(200);
      expect(march.body.decisions.map((d: { type: string }) => d.type)).toEqual(['OrderIssued', 'OrderIssued', 'OrderQuantityAdjusted']);
      expect(march.body.nextCursor).toBeNull();

      const first = await as('auditor').get('/audit/decisions?type=LotAwarded&limit=1').expect(200);
      expect(first.body.decisions).toHaveLength(1);
      const second = await as('auditor').get(`/audit/decisions?type=LotAwarded&limit=1&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.decisions.map((d: { what: string }) => d.what)).toEqual([
        "Lot LOT-2 awarded to provider of-b among 3 bids received; Qualiopi certificate of-b's QUALIOPI-TEST-of-b (AFNOR Certification, valid to 2032-12-31) valid on 2026-02-01",
      ]);

      const elsewhere = await as('otherAuditor').get('/audit/decisions').expect(200);
      expect(elsewhere.body.decisions).toEqual([]);
      await as('auditor').get('/audit/decisions?from=last-week').expect(400);
    });

    it('keeps the history to the tenant and to auditors, administrators and buyers', async () => {
      await as('otherAuditor').get(`/audit/contracts/${contractId}/decisions`).expect(404);
      await as('providerA').get(`/audit/contracts/${contractId}/decisions`).expect(403);
      await as('providerA').get('/audit/decisions').expect(403);
    });
  });

  describe('export', () => {
    it("exports the tenant's whole history as JSON Lines, one event per line with its hash, nothing of other tenants", async () => {
      const exported = (who: string) =>
        as(who)
          .get('/audit/export/history.jsonl')
          .buffer(true)
          .parse((res, done) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
            res.on('end', () => done(null, text));
          });
      const response = await exported('auditor');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
      const lines = (response.body as string).trimEnd().split('\n').map((line) => JSON.parse(line));
      const stream = (await as('auditor').get(`/streams/contract-${contractId}/events?maxCount=1000`).expect(200)).body.events;
      expect(lines.filter((event) => event.streamId === `contract-${contractId}`)).toEqual(stream);
      expect(lines.every((event) => event.metadata.tenant === 'ARA' && /^[0-9a-f]{64}$/.test(event.hash))).toBe(true);
      const positions = lines.map((event) => event.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const otherTenant = await exported('otherAuditor');
      expect(otherTenant.status).toBe(200);
      expect(otherTenant.body).not.toContain(contractId);
      await as('buyer').get('/audit/export/history.jsonl').expect(403);
    });
  });

  describe('verification', () => {
    it('verifies the log for auditors and administrators', async () => {
      const report = await as('auditor').post('/audit/verify').expect(200);
      expect(report.body).toMatchObject({ ok: true, integrity: { ok: true }, decisions: { failed: 0, folded: 0 } });
      // 13 decisions on the contract, 7 delivery reports, 2 providers registered with their certificates.
      expect(report.body.decisions.decided).toBe(24);
      await as('admin').post('/audit/verify').expect(200);
      await as('buyer').post('/audit/verify').expect(403);
    });
  });
});
