import { INestApplication } from '@nestjs/common';
import { purchaseDeclarationStream } from '@app/coordination';
import { EventStore } from '@app/event-store';
import { FixedClock } from '@app/shared';
import request from 'supertest';
import { PurchaseOverlapCheck } from '../apps/worker/src/coordination/purchase-overlap-check';
import { callerOf, eventually, RunningApiWithWorker, startApiWithWorker, tokensFor } from './support/http-harness';
import { certifiedProviders } from './support/provider-register-fixtures';
import { anActiveFramework, aPathwayOrder } from './support/procurement-fixtures';
import { pseudonym } from './support/trainee-ids';

interface OverlapRow {
  overlap_id: string;
  declaration_id: string;
  order_id: string;
  status: string;
  decision: string | null;
  co_financed_order_id: string | null;
  resolved_by: string | null;
  resolved_by_role: string | null;
  figures: Record<string, unknown>;
}

/**
 * Pôle emploi declares its own purchases and the Région sees where they overlap its orders: the api checks a
 * declaration against the orders at once, the worker checks every order issued later; buyer or officer
 * resolve each overlap with a recorded decision.
 */
describe('coordination of purchases with Pôle emploi (end to end)', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
  let running: RunningApiWithWorker;
  let app: INestApplication;
  let store: EventStore;
  let as: ReturnType<typeof callerOf>;
  let tokens: Record<string, string>;
  let contractId: string;

  beforeAll(async () => {
    running = await startApiWithWorker('coordination', { clock });
    ({ app, store } = running);
    tokens = await tokensFor({
        buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
        officer: { sub: 'pe-officer-lyon', role: 'pole_emploi', tenant: 'ARA' },
        provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
        auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
        officerIdf: { sub: 'pe-officer-paris', role: 'pole_emploi', tenant: 'IDF' },
    });
    as = callerOf(app, tokens);
    contractId = await anActiveFramework(as);
  });

  afterAll(async () => {
    await running?.close();
  });

  /** Waits until the read models include every event written so far. */
  async function readModelsCaughtUp(): Promise<void> {
    const head = await store.headPosition();
    await eventually('the read models to catch up', async () => {
      const { body } = await as('buyer').get('/coordination/overlaps').expect(200);
      return body.position >= head ? true : undefined;
    });
  }

  const overlaps = async (query = ''): Promise<OverlapRow[]> => (await as('auditor').get(`/coordination/overlaps${query}`).expect(200)).body.rows;

  async function issueOrder(lotId: string, unitType: string, quantity: number, periodStart: string, periodEnd: string): Promise<string> {
    const body = { lotId, lines: [{ unitType, quantity }], sessions: [], periodStart, periodEnd };
    return (await as('buyer').post(`/contracts/${contractId}/orders`, body).expect(201)).body.orderId;
  }

  const digitalDeclaration = {
    domainCode: '31054',
    territoryCodes: ['69', '01'],
    periodStart: '2026-06-01',
    periodEnd: '2026-09-30',
    plannedSessions: 3,
    volume: { unitType: 'PATHWAY', quantity: 36 },
    title: 'AFC Développeur web',
  };

  it('raises an overlap when a declaration meets a Région order, lists it unresolved, and records its resolution as co-financing', async () => {
    // LOT-1: domain 31054 in the Rhône (69) and the Loire (42), pathways at 3,000 €.
    const orderId = await issueOrder('LOT-1', 'PATHWAY', 10, '2026-04-01', '2026-12-31');
    await readModelsCaughtUp();

    const declared = await as('officer').post('/coordination/purchase-declarations', digitalDeclaration).expect(201);
    expect(declared.body.overlapIds).toHaveLength(1);
    const [overlapId] = declared.body.overlapIds as string[];
    const declarationId = declared.body.declarationId as string;

    const [listed] = await eventually('the overlap in the unresolved list', async () => {
      const rows = (await overlaps('?status=unresolved')).filter((row) => row.overlap_id === overlapId);
      return rows.length > 0 ? rows : undefined;
    });
    expect(listed).toMatchObject({
      declaration_id: declarationId,
      order_id: orderId,
      status: 'UNRESOLVED',
      figures: {
        contractId,
        lotId: 'LOT-1',
        domainCode: '31054',
        commonTerritoryCodes: ['69'],
        overlapStart: '2026-06-01',
        overlapEnd: '2026-09-30',
        overlappingDays: 122,
        regionOrder: { lines: [{ unitType: 'PATHWAY', quantity: 10 }], valueCents: 3_000_000 },
        declaration: { plannedSessions: 3, volume: { unitType: 'PATHWAY', quantity: 36 } },
      },
    });

    const resolution = { decision: 'CO_FINANCE', coFinancedOrderId: orderId, reason: 'Pôle emploi abonde 30 % des parcours du Rhône' };
    const resolved = await as('buyer').post(`/coordination/overlaps/${overlapId}/resolution`, resolution).expect(200);
    expect(resolved.body.events.map((event: { type: string }) => event.type)).toEqual(['PurchaseOverlapResolved']);

    const again = await as('officer').post(`/coordination/overlaps/${overlapId}/resolution`, { decision: 'COMPLEMENTARY', reason: 'Publics différents' }).expect(422);
    expect(again.body).toMatchObject({ code: 'OVERLAP_ALREADY_RESOLVED', details: { decision: 'CO_FINANCE' } });

    await eventually('the overlap gone from the unresolved list', async () =>
      (await overlaps('?status=unresolved')).some((row) => row.overlap_id === overlapId) ? undefined : true,
    );
    const [done] = (await overlaps('?status=resolved')).filter((row) => row.overlap_id === overlapId);
    expect(done).toMatchObject({ status: 'RESOLVED', decision: 'CO_FINANCE', co_financed_order_id: orderId, resolved_by: 'buyer-ara-1', resolved_by_role: 'buyer' });

    const declaration = await as('auditor').get(`/coordination/purchase-declarations/${declarationId}`).expect(200);
    expect(declaration.body).toMatchObject({ status: 'DECLARED', title: 'AFC Développeur web', overlaps: [{ overlapId, resolution: { decision: 'CO_FINANCE', reason: resolution.reason } }] });
  });

  it('raises the overlap when the Région issues an order after the declaration, once', async () => {
    // LOT-2: domain 15054 in the Isère (38), open days at 800 €.
    const declared = await as('officer')
      .post('/coordination/purchase-declarations', { ...digitalDeclaration, domainCode: '15054', territoryCodes: ['38'], volume: { unitType: 'OPEN_DAY', quantity: 60 } })
      .expect(201);
    expect(declared.body.overlapIds).toEqual([]);
    const declarationId = declared.body.declarationId as string;

    const orderId = await issueOrder('LOT-2', 'OPEN_DAY', 50, '2026-09-01', '2026-10-31');
    const row = await eventually('the overlap of the later order', async () =>
      (await overlaps('?status=unresolved')).find((overlap) => overlap.declaration_id === declarationId),
    );
    expect(row).toMatchObject({ order_id: orderId, figures: { commonTerritoryCodes: ['38'], overlappingDays: 30, regionOrder: { valueCents: 4_000_000 } } });

    // Checking again (as a restarted worker would) records nothing twice.
    await readModelsCaughtUp();
    expect(await running.worker.get(PurchaseOverlapCheck).recordPending()).toBe(0);
    const detections = (await store.readStream(purchaseDeclarationStream(declarationId))).filter((event) => event.type === 'PurchaseOverlapDetected');
    expect(detections).toHaveLength(1);
    expect(detections[0].metadata).toMatchObject({ role: 'system', actorId: 'purchase-overlap-check' });
  });

  it('raises no overlap for a declaration in another territory, at declaration or later', async () => {
    const declared = await as('officer').post('/coordination/purchase-declarations', { ...digitalDeclaration, territoryCodes: ['75'] }).expect(201);
    expect(declared.body.overlapIds).toEqual([]);
    await issueOrder('LOT-1', 'PATHWAY', 5, '2026-05-01', '2026-07-31');
    await readModelsCaughtUp();
    await running.worker.get(PurchaseOverlapCheck).recordPending();
    expect((await overlaps()).filter((row) => row.declaration_id === declared.body.declarationId)).toEqual([]);
  });

  it('lists the declarations of the tenant only', async () => {
    await readModelsCaughtUp();
    const { body } = await as('buyer').get('/coordination/purchase-declarations').expect(200);
    expect(body.rows.map((row: { territory_codes: string[] }) => row.territory_codes)).toEqual(expect.arrayContaining([['69', '01'], ['38'], ['75']]));
    // The second test's overlap is still open.
    expect(body.rows.find((row: { domain_code: string }) => row.domain_code === '15054')).toMatchObject({ tenant: 'ARA', status: 'DECLARED', unresolved_overlaps: 1 });
    const other = await as('officerIdf').get('/coordination/purchase-declarations').expect(200);
    expect(other.body.rows).toEqual([]);
    await as('officerIdf').get(`/coordination/purchase-declarations/${body.rows[0].declaration_id}`).expect(404);
  });

  it('refuses declarations from other roles (403), malformed declarations and occupation codes (400), and resolutions of unknown overlaps (404), writing nothing', async () => {
    const before = await store.headPosition();
    await as('buyer').post('/coordination/purchase-declarations', digitalDeclaration).expect(403);
    await as('provider').post('/coordination/purchase-declarations', digitalDeclaration).expect(403);
    await as('auditor').post('/coordination/overlaps/00000000-0000-5000-8000-000000000000/resolution', { decision: 'COMPLEMENTARY', reason: 'Publics différents' }).expect(403);

    const malformed = await as('officer')
      .post('/coordination/purchase-declarations', { ...digitalDeclaration, territoryCodes: [], periodEnd: '2026-05-01', volume: { unitType: 'HOUR', quantity: 0 } })
      .expect(400);
    expect(malformed.body.fields.map((field: { field: string }) => field.field).sort()).toEqual(['periodEnd', 'territoryCodes', 'volume.quantity', 'volume.unitType']);
    await as('buyer').post('/coordination/overlaps/00000000-0000-5000-8000-000000000000/resolution', { decision: 'MERGE', reason: '' }).expect(400);
    await as('buyer').post('/coordination/overlaps/00000000-0000-5000-8000-000000000000/resolution', { decision: 'COMPLEMENTARY', reason: 'Publics différents' }).expect(404);
    const lot = {
      lotId: 'LOT-9',
      title: 'Lot 9',
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: [], occupationCodes: ['M1805', 'web'] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 1000, initialQuantity: 1, minQuantity: 1, maxQuantity: 1 }],
    };
    const badOccupation = await as('buyer').post(`/contracts/${contractId}/lots`, lot).expect(400);
    expect(badOccupation.body.fields).toEqual([{ field: 'scope.occupationCodes', messages: [expect.stringContaining('ROME code')] }]);
    expect(await store.headPosition()).toBe(before);
  });

  it('proposes more volume where recruitment tension and the waiting list are both high, saying why', async () => {
    const drafted = await as('buyer')
      .post('/contracts', {
        title: 'Métiers du numérique 2026-2029',
        mode: 'FRAMEWORK_AGREEMENT',
        awardProcedure: { procedure: 'OPEN_TENDER' },
        cpvCode: '80530000-8',
        startDate: '2026-01-01',
        endDate: '2029-12-31',
        initialValueCents: 50_000_000,
        maximumValueCents: 100_000_000,
        singleLotJustification: 'One training domain on one territory',
      })
      .expect(201);
    const devContractId = drafted.body.contractId as string;
    const base = `/contracts/${devContractId}`;
    await as('buyer')
      .post(`${base}/lots`, {
        lotId: 'LOT-DEV',
        title: 'Développeur web',
        scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['YOUNG_NEET'], occupationCodes: ['M1805'] },
        // ±20% of 40 expected pathways: 8 more at most.
        workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 40, minQuantity: 10, maxQuantity: 80 }],
        maximumValueCents: 30_000_000,
      })
      .expect(201);
    await as('buyer').post(`${base}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-DEV', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } }).expect(201);
    await as('buyer').post(`${base}/publish`).expect(200);
    await certifiedProviders(as, ['of-a']);
    await as('buyer').post(`${base}/lots/LOT-DEV/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`${base}/activate`).expect(200);
    const orderId = await aPathwayOrder(as, devContractId, { lotId: 'LOT-DEV', quantity: 10, capacity: 6, place: 'Lyon 7e' });

    // Six trainees fill the six places and four people wait.
    clock.set(new Date('2026-04-07T09:00:00.000Z'));
    const deliveries = `${base}/orders/${orderId}/deliveries`;
    const publics = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };
    await as('provider').post(deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }).expect(201);
    for (let i = 1; i <= 10; i++) {
      const traineeId = pseudonym(`trainee-dev-${String(i).padStart(4, '0')}`);
      const report =
        i <= 6
          ? { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: '2026-04-06', publics }
          : { kind: 'TRAINEE_WAITLISTED', traineeId, sessionId: 'S-1', on: '2026-04-07', publics };
      await as('provider').post(deliveries, report).expect(201);
    }
    await eventually('the waiting list in the read model', async () => {
      const rows = (await as('buyer').get(`/read-models/session-fill?contractId=${devContractId}`).expect(200)).body.rows as Array<{ waiting_list: number }>;
      return rows.find((row) => row.waiting_list === 4);
    });

    // Employers struggle to recruit web developers (M1805) in the Rhône.
    await request(app.getHttpServer())
      .post('/coordination/labour-market-signals')
      .auth(tokens.officer, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send('occupation_code,territory_code,period,unfilled_offers,tension_index\nM1805,69,2026-02,60,1.2\nM1805,69,2026-03,75,1.9\nM1805,38,2026-03,90,4.5\n')
      .expect(201);
    await readModelsCaughtUp();
    const policy = { waitingListThreshold: 3, highFillRatePercent: 90, lowFillRatePercent: 30, tensionIndexThreshold: 1.5, tensionExtraPercent: 50 };
    await as('buyer').put(`${base}/adjustment-policy`, policy).expect(200);

    const proposal = await eventually('a proposal of the labour-market rule', async () => {
      const contract = (await as('buyer').get(base).expect(200)).body;
      return (Object.values(contract.proposals) as Array<{ policyVersion: string; adjustment: object; reason: string; inputs: Record<string, unknown> }>)[0];
    });
    // Four waiting plus 50% of them: six more pathways (the fill-rate rule alone gives four), within the eight the clause leaves.
    expect(proposal).toMatchObject({ policyVersion: 'labour-market-tension@1', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 6 } });
    expect(proposal.inputs).toMatchObject({ waitingList: 4, fillRatePercent: 100, tensionOccupationCode: 'M1805', tensionTerritoryCode: '69', tensionPeriod: '2026-03', tensionIndex: 1.9, tensionIndexThreshold: 1.5, tensionExtraUnits: 2 });
    expect(proposal.reason).toContain('recruitment tension 1.9');
  });
});
