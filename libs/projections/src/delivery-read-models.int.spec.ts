import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { ProcurementEvent } from '@app/procurement';
import { deliveryDecider } from '@app/procurement/domain/delivery/delivery.decider';
import { DeliveryEvent } from '@app/procurement/domain/delivery/delivery.events';
import {
  ALICE,
  BAPTISTE,
  certificationObtained,
  CHLOE,
  DAVID,
  deliveryStateOf,
  issueStatement,
  noPriorityPublic,
  outcomeObserved,
  ORDER_ID,
  leftEarlyTo,
  sessionStarted,
  traineeCompleted,
  traineeEntered,
  traineeLeftEarly,
  traineeLeftEarlyV1,
  traineeWaitlisted,
} from '@app/procurement/domain/testing/delivery-fixtures';
import {
  activeContract,
  adjustOrder,
  CALENDAR_CLAUSE,
  CONTRACT_ID,
  euros,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  OPEN_DAY_LOT,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  recorded,
  session,
  SESSION_ID,
} from '@app/procurement/domain/testing/fixtures';
import { idFromName } from '@app/shared';
import { QPV_NATIONAL_TARGET_PERCENT } from './read-models';
import { ReadModelDatabase } from './sqlite/read-model-database';
import { useReadModelWorkbench } from './testing/read-model-workbench';

const OPEN_DAY_ORDER = 'order-isere-open-days';
const AUTUMN = 'session-lyon-autumn';
const STARTED_ON = '2026-03-09';
const qpv = { ...noPriorityPublic, qpvResident: true };

/** Every table the delivery read models keep, views included (a rebuild must give them identical). */
const TABLES = [
  'order_placements',
  'order_placements_lot_providers',
  'session_fill',
  'session_fill_waiting',
  'session_fill_orders',
  'lot_delivery',
  'lot_delivery_units',
  'priority_publics',
  'quality_indicators',
  'trainee_records',
  'quality_indicators_outcomes',
  'quality_indicators_providers',
  'quality_indicators_provider_outcomes',
  'contract_consumption',
];

describe('delivery read models', () => {
  const bench = useReadModelWorkbench('delivery-read-models');

  const streamRevisions: Record<string, number> = {};

  /** Appends events to their stream, one append each, as commands would: contract facts, or an order's delivery. */
  async function write(stream: string, events: Array<ProcurementEvent | DeliveryEvent | ReturnType<typeof traineeLeftEarlyV1>>, role: 'buyer' | 'provider' = 'buyer'): Promise<void> {
    for (const event of events) {
      const revision = streamRevisions[stream] ?? -1;
      await bench.store.appendToStream(
        stream,
        [{ id: idFromName('fixture', `${stream}/${revision + 1}`), type: event.type, data: event.data as Record<string, unknown>, metadata: aMetadata({ role }) }],
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      streamRevisions[stream] = revision + 1;
    }
  }
  beforeEach(() => {
    for (const stream of Object.keys(streamRevisions)) delete streamRevisions[stream];
  });

  const contractStream = `contract-${CONTRACT_ID}`;
  const deliveryOf = (orderId: string) => `delivery-${orderId}`;

  /** A pathway order with a session of 2 places (and a second one added, then cancelled), and an open-day order. */
  const contractHistory = () =>
    recorded(
      activeContract(),
      orderPathways(ORDER_ID, 20, { sessions: [session({ capacity: 2 })] }),
      adjustOrder(ORDER_ID, CALENDAR_CLAUSE, { kind: 'ADD_SESSION', session: session({ sessionId: AUTUMN, capacity: 3, startDate: '2026-05-04', endDate: '2026-07-24' }) }),
      orderOpenDays(OPEN_DAY_ORDER, 100),
    );

  /**
   * Alice (QPV) and Baptiste fill the session; Chloé (QPV, rural) and David wait; Baptiste leaves for a job,
   * Chloé takes his place; Alice completes and is certified, Chloé is certified and completes.
   */
  const pathwayDelivery: DeliveryEvent[] = [
    sessionStarted(STARTED_ON),
    traineeEntered(ALICE, STARTED_ON, qpv),
    traineeEntered(BAPTISTE, STARTED_ON),
    traineeWaitlisted(CHLOE, '2026-03-10', { ...qpv, ruralResident: true }),
    traineeWaitlisted(DAVID, '2026-03-11'),
    traineeLeftEarly(BAPTISTE, '2026-04-01'),
    traineeEntered(CHLOE, '2026-04-02', { ...qpv, ruralResident: true }),
    traineeCompleted(ALICE, '2026-06-26'),
    certificationObtained(ALICE, '2026-06-30'),
    certificationObtained(ALICE, '2026-07-02', 'RS5875'),
    certificationObtained(CHLOE, '2026-06-20'),
    traineeCompleted(CHLOE, '2026-06-26'),
  ];

  const openDayDelivery: DeliveryEvent[] = [
    { type: 'OpenDaysDelivered', data: { contractId: CONTRACT_ID, orderId: OPEN_DAY_ORDER, date: '2026-03-02', count: 1 } },
    { type: 'OpenDaysDelivered', data: { contractId: CONTRACT_ID, orderId: OPEN_DAY_ORDER, date: '2026-03-03', count: 2 } },
  ];

  const statement = () => deliveryDecider.decide(issueStatement('2026-02-01', '2026-07-31'), deliveryStateOf(pathwayDelivery));

  async function writeAll(): Promise<void> {
    await write(contractStream, contractHistory());
    await write(deliveryOf(ORDER_ID), pathwayDelivery, 'provider');
    await write(deliveryOf(OPEN_DAY_ORDER), openDayDelivery, 'provider');
    await write(deliveryOf(ORDER_ID), statement());
  }

  const rows = (database: ReadModelDatabase, table: string) => database.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
  const dump = (database: ReadModelDatabase) => Object.fromEntries(TABLES.map((table) => [table, rows(database, table)]));

  it('shows how full each session is, its waiting list, and the totals of the order', async () => {
    await writeAll();
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'session_fill')).toEqual([
      expect.objectContaining({ order_id: OPEN_DAY_ORDER, lot_id: OPEN_DAY_LOT, capacity: 12, entries: 0 }),
      expect.objectContaining({ order_id: ORDER_ID, session_id: AUTUMN, tenant: 'ARA', lot_id: PATHWAY_LOT, capacity: 3, cancelled: 0, entries: 0, fill_rate_percent: 0 }),
      expect.objectContaining({
        contract_id: CONTRACT_ID,
        order_id: ORDER_ID,
        session_id: SESSION_ID,
        lot_id: PATHWAY_LOT,
        capacity: 2,
        cancelled: 0,
        // Alice and Chloé are in (Baptiste left), both completed; David still waits.
        entries: 2,
        completed: 2,
        waiting_list: 1,
        fill_rate_percent: 100,
      }),
    ]);
    expect(rows(projector.database, 'session_fill_waiting')).toEqual([expect.objectContaining({ trainee_id: DAVID, session_id: SESSION_ID })]);
    expect(rows(projector.database, 'session_fill_orders')).toEqual([
      expect.objectContaining({ order_id: OPEN_DAY_ORDER, sessions: 1, capacity: 12, fill_rate_percent: 0 }),
      { contract_id: CONTRACT_ID, order_id: ORDER_ID, tenant: 'ARA', lot_id: PATHWAY_LOT, sessions: 2, capacity: 5, entries: 2, completed: 2, waiting_list: 1, referred: 0, referrals_waiting: 0, fill_rate_percent: 40 },
    ]);
  });

  it('leaves a cancelled session out of the order totals', async () => {
    await write(contractStream, recorded(contractHistory(), adjustOrder(ORDER_ID, CALENDAR_CLAUSE, { kind: 'CANCEL_SESSION', sessionId: AUTUMN })));
    await write(deliveryOf(ORDER_ID), pathwayDelivery.slice(0, 4), 'provider');
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'session_fill')).toEqual(
      expect.arrayContaining([expect.objectContaining({ session_id: AUTUMN, cancelled: 1, capacity: 3 })]),
    );
    expect(rows(projector.database, 'session_fill_orders')).toEqual(
      expect.arrayContaining([expect.objectContaining({ order_id: ORDER_ID, sessions: 1, capacity: 2, entries: 2, waiting_list: 1, fill_rate_percent: 100 })]),
    );
  });

  it('counts entries, exits by reason and destination, completions, certifications and delivered units per lot and provider', async () => {
    await writeAll();
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'lot_delivery')).toEqual([
      expect.objectContaining({
        contract_id: CONTRACT_ID,
        lot_id: PATHWAY_LOT,
        provider_id: PATHWAY_PROVIDER,
        tenant: 'ARA',
        entered: 3,
        left_early: 1,
        left_early_to_employment: 1,
        left_early_to_without_solution: 0,
        left_early_health: 0,
        positive_exits: 1,
        continued_remotely: 0,
        completed: 2,
        certified: 2,
        // Baptiste left for a job: a positive exit, neither a dropout nor a pathway left unfinished.
        dropout_rate_percent: 0,
        completion_rate_percent: 100,
      }),
      expect.objectContaining({
        lot_id: OPEN_DAY_LOT,
        provider_id: GROUPING_LEAD,
        member_ids: `,${GROUPING_LEAD},${GROUPING_MEMBER},`,
        entered: 0,
        dropout_rate_percent: null,
        completion_rate_percent: null,
      }),
    ]);
    expect(rows(projector.database, 'lot_delivery_units')).toEqual([
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, provider_id: PATHWAY_PROVIDER, unit_type: 'PATHWAY', delivered_quantity: 2 },
      { contract_id: CONTRACT_ID, lot_id: OPEN_DAY_LOT, provider_id: GROUPING_LEAD, unit_type: 'OPEN_DAY', delivered_quantity: 3 },
    ]);
  });

  it('counts a trainee who left early and completed remotely as continuing, not as a dropout', async () => {
    await write(contractStream, contractHistory());
    await write(
      deliveryOf(ORDER_ID),
      [sessionStarted(STARTED_ON), traineeEntered(ALICE, STARTED_ON), traineeLeftEarly(ALICE, '2026-04-01'), traineeCompleted(ALICE, '2026-05-01')],
      'provider',
    );
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'lot_delivery')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          lot_id: PATHWAY_LOT,
          entered: 1,
          left_early: 1,
          continued_remotely: 1,
          positive_exits: 0,
          completed: 1,
          dropout_rate_percent: 0,
          completion_rate_percent: 100,
        }),
      ]),
    );
  });

  it('reads exits recorded before destinations by their reason: a job is a positive exit, lost motivation a dropout', async () => {
    await write(contractStream, contractHistory());
    await write(
      deliveryOf(ORDER_ID),
      [
        sessionStarted(STARTED_ON),
        traineeEntered(ALICE, STARTED_ON),
        traineeEntered(BAPTISTE, STARTED_ON),
        traineeLeftEarlyV1(ALICE, '2026-04-01', 'EMPLOYMENT'),
        traineeLeftEarlyV1(BAPTISTE, '2026-04-02', 'MOTIVATION'),
      ],
      'provider',
    );
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'lot_delivery')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          lot_id: PATHWAY_LOT,
          entered: 2,
          left_early: 2,
          left_early_employment: 1,
          left_early_motivation: 1,
          left_early_to_employment: 1,
          left_early_to_without_solution: 1,
          positive_exits: 1,
          dropout_rate_percent: 50,
          completion_rate_percent: 0,
        }),
      ]),
    );
  });

  it('attributes a pathway to the provider it began with, and later units to a new contractor', async () => {
    await write(contractStream, contractHistory());
    await write(deliveryOf(ORDER_ID), pathwayDelivery.slice(0, 3), 'provider');
    const newContractor = 'provider-relais-lyon';
    await write(contractStream, [
      {
        type: 'AmendmentCameIntoForce',
        data: {
          amendmentId: 'amendment-new-contractor',
          change: { kind: 'CONTRACTOR_CHANGE', lotId: PATHWAY_LOT, awardee: { kind: 'PROVIDER', providerId: newContractor } },
          amountChangeCents: 0,
          legalBasis: 'mod-repl',
          inForceAt: '2026-04-10T09:00:00.000Z',
        },
      },
    ]);
    await write(deliveryOf(ORDER_ID), [traineeCompleted(ALICE, '2026-06-26'), traineeEntered(CHLOE, '2026-04-20')], 'provider');
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    const lot = rows(projector.database, 'lot_delivery').filter((row) => (row as { lot_id: string }).lot_id === PATHWAY_LOT);
    expect(lot).toEqual([
      expect.objectContaining({ provider_id: PATHWAY_PROVIDER, entered: 2, completed: 1 }),
      expect.objectContaining({ provider_id: newContractor, member_ids: `,${newContractor},`, entered: 1, completed: 0 }),
    ]);
    expect(rows(projector.database, 'order_placements_lot_providers')).toEqual(
      expect.arrayContaining([expect.objectContaining({ lot_id: PATHWAY_LOT, provider_id: newContractor })]),
    );
  });

  it('shows the share of each priority public per lot against the national QPV target', async () => {
    await writeAll();
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(QPV_NATIONAL_TARGET_PERCENT).toBe(15);
    expect(rows(projector.database, 'priority_publics')).toEqual([
      {
        contract_id: CONTRACT_ID,
        lot_id: PATHWAY_LOT,
        tenant: 'ARA',
        // Entries only: David, still waiting, is not counted.
        entries: 3,
        qpv_residents: 2,
        rural_residents: 1,
        disabled: 0,
        isolated_parents: 0,
        young_neet: 0,
        qpv_residents_percent: 66.67,
        rural_residents_percent: 33.33,
        disabled_percent: 0,
        isolated_parents_percent: 0,
        young_neet_percent: 0,
        qpv_target_percent: QPV_NATIONAL_TARGET_PERCENT,
        qpv_gap_points: 51.67,
      },
      expect.objectContaining({ lot_id: OPEN_DAY_LOT, entries: 0, qpv_residents_percent: null, qpv_target_percent: 15, qpv_gap_points: null }),
    ]);
  });

  it('measures completion and certification rates per lot, a trainee certified twice counting once', async () => {
    await writeAll();
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'quality_indicators')).toEqual([
      {
        contract_id: CONTRACT_ID,
        lot_id: PATHWAY_LOT,
        tenant: 'ARA',
        entered: 3,
        completed: 2,
        certified: 2,
        // Baptiste left for a job: out of the completion rate.
        positive_exits: 1,
        outcomes_6m: 0,
        outcomes_6m_known: 0,
        employed_6m: 0,
        satisfaction_answers: 0,
        satisfied: 0,
        completion_rate_percent: 100,
        certification_rate_percent: 100,
        employment_rate_6m_percent: null,
        satisfaction_rate_percent: null,
      },
      expect.objectContaining({ lot_id: OPEN_DAY_LOT, entered: 0, completion_rate_percent: null, certification_rate_percent: null }),
    ]);
  });

  it('measures employment and satisfaction at 6 months from the outcomes recorded, with their counts per situation', async () => {
    await writeAll();
    await write(deliveryOf(ORDER_ID), [
      outcomeObserved(ALICE, '2026-06-26', '2027-01-04', 'EMPLOYED', { source: 'SURVEY', satisfied: true }),
      outcomeObserved(BAPTISTE, '2026-04-01', '2026-10-05', 'EMPLOYED'),
      outcomeObserved(CHLOE, '2026-06-26', '2027-01-04', 'UNKNOWN'),
      outcomeObserved(ALICE, '2026-06-26', '2027-07-01', 'EMPLOYED', { horizonMonths: 12 }),
    ]);
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(rows(projector.database, 'quality_indicators')[0]).toMatchObject({
      lot_id: PATHWAY_LOT,
      outcomes_6m: 3,
      outcomes_6m_known: 2,
      employed_6m: 2,
      satisfaction_answers: 1,
      satisfied: 1,
      employment_rate_6m_percent: 100,
      satisfaction_rate_percent: 100,
    });
    expect(rows(projector.database, 'quality_indicators_outcomes')).toEqual([
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, horizon_months: 6, situation: 'EMPLOYED', trainees: 2 },
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, horizon_months: 6, situation: 'UNKNOWN', trainees: 1 },
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, horizon_months: 12, situation: 'EMPLOYED', trainees: 1 },
    ]);
  });

  it('counts per provider each trainee’s exit once, a job by its contract type, and the situations and rates at 6 months', async () => {
    await write(contractStream, contractHistory());
    // David enters in the autumn session, leaves for an apprenticeship, then completes remotely: his exit is the completion.
    await write(deliveryOf(ORDER_ID), [...pathwayDelivery, traineeEntered(DAVID, '2026-05-04', noPriorityPublic, AUTUMN), leftEarlyTo(DAVID, '2026-05-20', 'APPRENTICESHIP', AUTUMN)], 'provider');
    await write(deliveryOf(ORDER_ID), [
      outcomeObserved(ALICE, '2026-06-26', '2027-01-04', 'EMPLOYED', { source: 'SURVEY', satisfied: false }),
      outcomeObserved(BAPTISTE, '2026-04-01', '2026-10-05', 'JOB_SEEKER'),
      outcomeObserved(ALICE, '2026-06-26', '2027-07-01', 'EMPLOYED', { horizonMonths: 12 }),
    ]);
    const projector = bench.projectorOn('g1');
    await projector.catchUp();
    const before = rows(projector.database, 'quality_indicators_providers');
    expect(before).toEqual([
      expect.objectContaining({ lot_id: PATHWAY_LOT, provider_id: PATHWAY_PROVIDER, entered: 4, completed: 2, exit_employment: 1, exit_employment_cdi: 1, exit_apprenticeship: 1, exit_without_solution: 0 }),
    ]);

    await write(deliveryOf(ORDER_ID), [traineeCompleted(DAVID, '2026-07-24', AUTUMN)], 'provider');
    await projector.catchUp();
    expect(rows(projector.database, 'quality_indicators_providers')).toEqual([
      {
        contract_id: CONTRACT_ID,
        lot_id: PATHWAY_LOT,
        provider_id: PATHWAY_PROVIDER,
        tenant: 'ARA',
        member_ids: `,${PATHWAY_PROVIDER},`,
        entered: 4,
        completed: 3,
        exit_employment: 1,
        exit_apprenticeship: 0,
        exit_further_training: 0,
        exit_iae: 0,
        exit_without_solution: 0,
        exit_other: 0,
        exit_employment_cdi: 1,
        exit_employment_cdd: 0,
        exit_employment_interim: 0,
        exit_employment_other: 0,
        exit_employment_unstated: 0,
        outcomes_6m: 2,
        outcomes_6m_known: 2,
        employed_6m: 1,
        satisfaction_answers: 1,
        satisfied: 0,
        employment_rate_6m_percent: 50,
        // One answer, not satisfied: 0 %, measured.
        satisfaction_rate_percent: 0,
      },
    ]);
    expect(rows(projector.database, 'quality_indicators_provider_outcomes')).toEqual([
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, provider_id: PATHWAY_PROVIDER, horizon_months: 6, situation: 'EMPLOYED', trainees: 1 },
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, provider_id: PATHWAY_PROVIDER, horizon_months: 6, situation: 'JOB_SEEKER', trainees: 1 },
      { contract_id: CONTRACT_ID, lot_id: PATHWAY_LOT, provider_id: PATHWAY_PROVIDER, horizon_months: 12, situation: 'EMPLOYED', trainees: 1 },
    ]);
  });

  it('sums the service statements issued per contract', async () => {
    await writeAll();
    const issued = statement()[0];
    const projector = bench.projectorOn('g1');
    await projector.catchUp();

    expect(issued.type).toBe('ServiceStatementIssued');
    const totalCents = (issued.data as { totalCents: number }).totalCents;
    expect(totalCents).toBeGreaterThan(euros(5_000));
    expect(rows(projector.database, 'contract_consumption')).toEqual([{ contract_id: CONTRACT_ID, tenant: 'ARA', statements: 1, consumed_cents: totalCents }]);
  });

  it('gives the same tables when followed live as when rebuilt from position 0', async () => {
    await write(contractStream, contractHistory());
    await write(deliveryOf(ORDER_ID), pathwayDelivery.slice(0, 5), 'provider');
    const live = bench.projectorOn('live');
    await live.catchUp();
    live.start();
    await write(deliveryOf(ORDER_ID), pathwayDelivery.slice(5), 'provider');
    await write(deliveryOf(OPEN_DAY_ORDER), openDayDelivery, 'provider');
    await write(deliveryOf(ORDER_ID), statement());
    const head = await bench.store.headPosition();
    for (let i = 0; i < 200 && live.database.checkpoint() < head; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await live.stop();

    const rebuilt = bench.projectorOn('rebuilt');
    await rebuilt.catchUp();
    expect(live.database.checkpoint()).toBe(head);
    const tables = dump(rebuilt.database);
    expect(dump(live.database)).toEqual(tables);
    expect(tables.session_fill).not.toEqual([]);
    expect(tables.contract_consumption).toHaveLength(1);
  });
});
