import type { EventToAppend } from '@app/event-store';
import { aMetadata } from '@app/event-store/testing/event-store.contract';
import { notificationIdOf, notificationStream, providerStream } from '@app/notifications';
import { programmeStream } from '@app/procurement';
import { idFromName } from '@app/shared';

export interface HistoryEvent {
  stream: string;
  event: EventToAppend;
}

const TENANTS = ['ARA', 'BRE'];
const REASONS = ['EMPLOYMENT', 'HEALTH', 'MOBILITY', 'FAMILY', 'MOTIVATION', 'OTHER', 'NOT_A_KNOWN_REASON'];
const noPublic = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const QUALIFICATION_LEVELS = ['NONE', 'LEVEL_3', 'LEVEL_4', 'LEVEL_5', 'LEVEL_6', 'LEVEL_7', 'LEVEL_8'];
const AGE_BANDS = ['UNDER_26', 'AGED_26_TO_44', 'AGED_45_AND_OVER'];
/** Targeting data drawn from one roll: a level, a band, a sex, illiteracy one time in ten. */
const targetingOf = (roll: number) => ({ qualificationLevel: QUALIFICATION_LEVELS[roll % 7], ageBand: AGE_BANDS[roll % 3], sex: roll % 2 === 0 ? 'FEMALE' : 'MALE', illiterate: roll % 10 === 0 });

/**
 * A deterministic history touching every event type the read models read, in the shapes the domain writes,
 * with the odd cases a long log has: repeated facts (a second certification, a trainee completing twice), facts
 * about unknown orders and trainees, a grouping, a contractor change, price and volume amendments, a contract
 * without a ceiling, webhooks registered midway and notifications delivered, dead-lettered, retried and
 * acknowledged. For tests that compare ways of building the read models, not for checking figures.
 */
export function mixedHistory(options: { contracts: number; eventsPerContract: number; seed: number }): HistoryEvent[] {
  let state = options.seed;
  // A small linear congruential generator: the same history for the same seed.
  const random = (below: number): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: the low bits of this generator repeat with short periods.
    return Math.floor((state / 2 ** 31) * below);
  };
  const pick = <T>(values: readonly T[]): T => values[random(values.length)];
  const history: HistoryEvent[] = [];
  const add = (stream: string, type: string, data: Record<string, unknown>, tenant: string, role: 'buyer' | 'provider' | 'system' = 'buyer', schemaVersion = 1): string => {
    const id = idFromName('mixed-history', String(options.seed), String(history.length));
    history.push({ stream, event: { id, type, data, metadata: aMetadata({ tenant, role, schemaVersion }) } });
    return id;
  };
  /** Notices owed to of-a, whose webhook is registered before any order: their ids, for the notification facts. */
  const notices: string[] = [];

  for (let c = 0; c < options.contracts; c++) {
    const contractId = idFromName('mixed-history-contract', String(options.seed), String(c));
    const tenant = TENANTS[c % TENANTS.length];
    const contract = `contract-${contractId}`;
    const unit = (type: string, price: number) => ({ type, unitPriceCents: price, initialQuantity: 100, minQuantity: 10, maxQuantity: 10_000 });
    if (c === 0) add(providerStream(tenant, 'of-a'), 'ProviderWebhookRegistered', webhook(tenant, 'of-a'), tenant, 'provider');
    add(contract, 'ContractDrafted', {
      contractId,
      tenant,
      buyerId: 'buyer-1',
      title: `Contract ${c}`,
      mode: 'FRAMEWORK_AGREEMENT',
      startDate: '2026-01-01',
      endDate: '2029-12-31',
      initialValueCents: 50_000_000,
      // One contract without a ceiling: amendments leave it without one.
      ...(c === 1 ? {} : { maximumValueCents: 90_000_000 }),
      amendmentResponseDays: 15,
    }, tenant);
    add(contract, 'LotDefined', { lotId: 'LOT-1', title: 'Pathways', scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] }, workUnits: [unit('PATHWAY', 300_000), unit('OPEN_DAY', 80_000)], maximumValueCents: 40_000_000 }, tenant);
    add(contract, 'LotDefined', { lotId: 'LOT-2', title: 'Hours', scope: { domainCode: '15054', territoryCodes: ['38', '73'], targetPublics: ['RURAL_RESIDENTS'] }, workUnits: [unit('TRAINEE_HOUR', 2_000), unit('SUBSCRIPTION', 10_000)], maximumValueCents: 40_000_000 }, tenant);
    add(contract, 'LotAwarded', { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: 'of-a' }, awardedAt: '2026-01-02T09:00:00.000Z' }, tenant);
    add(contract, 'LotAwarded', { lotId: 'LOT-2', awardee: { kind: 'GROUPING', leadProviderId: 'of-b', memberIds: ['of-b', 'of-c'] }, awardedAt: '2026-01-03T09:00:00.000Z' }, tenant);
    if (c < TENANTS.length) {
      // Each tenant's programme funds LOT-1 of its first contract, with a target share and another set later.
      const programmeId = `programme-${tenant}`;
      const programme = programmeStream(tenant, programmeId);
      add(programme, 'ProgrammeDefined', { tenant, programmeId, title: `Pacte ${tenant}`, startDate: '2026-01-01', endDate: '2028-12-31', regionReferenceLevelCents: 10_000_000, definedAt: '2026-01-05T09:00:00.000Z' }, tenant);
      add(programme, 'ProjectAdded', { programmeId, projectId: 'digital', title: 'Numérique', addedAt: '2026-01-05T09:00:00.000Z' }, tenant);
      add(programme, 'LotAttached', { programmeId, projectId: 'digital', contractId, lotId: 'LOT-1', fundingLineId: 'state', attachedAt: '2026-01-05T09:00:00.000Z' }, tenant);
      add(programme, 'TargetShareSet', { programmeId, targetPublic: 'INFRA_BAC', percent: 40, validFrom: '2026-01-01', setAt: '2026-01-05T09:00:00.000Z' }, tenant);
      add(programme, 'TargetShareSet', { programmeId, targetPublic: 'QPV_RESIDENT', percent: 20 + random(10), validFrom: '2027-01-01', setAt: '2026-01-05T09:00:00.000Z' }, tenant);
    }
    add(contract, 'AdjustmentPolicyConfigured', { waitingListThreshold: 3, configuredAt: '2026-01-04T09:00:00.000Z' }, tenant);

    const orders: Array<{ orderId: string; lotId: string; sessions: string[]; trainees: string[]; waiting: string[] }> = [];
    for (let n = 0; n < options.eventsPerContract; n++) {
      const roll = random(100);
      const order = orders.length > 0 ? pick(orders) : undefined;
      if (!order || roll < 8) {
        const lotId = pick(['LOT-1', 'LOT-2']);
        const orderId = `order-${c}-${n}`;
        const sessions = [`S-${n}-a`, ...(random(2) === 0 ? [`S-${n}-b`] : [])];
        orders.push({ orderId, lotId, sessions, trainees: [], waiting: [] });
        const unitType = lotId === 'LOT-1' ? 'PATHWAY' : 'TRAINEE_HOUR';
        const id = add(contract, 'OrderIssued', {
          orderId,
          lotId,
          lines: [{ unitType, quantity: 10 + random(10) }],
          sessions: sessions.map((sessionId) => ({ sessionId, startDate: '2026-04-06', endDate: '2026-07-03', place: 'Lyon', capacity: 2 + random(4), modality: 'IN_PERSON' })),
          periodStart: '2026-04-01',
          periodEnd: '2026-12-31',
          valueCents: 100_000 * (1 + random(30)),
        }, tenant);
        if (lotId === 'LOT-1') notices.push(notificationIdOf(id, 'of-a'));
        continue;
      }
      const { orderId, lotId } = order;
      const delivery = `delivery-${orderId}`;
      const of = { contractId, orderId, sessionId: pick(order.sessions) };
      // Every 25th event, one of the coordination facts in turn, beside the random mix.
      if (n % 25 === 24) coordination(Math.floor(n / 25), contractId, contract, tenant, order, of.sessionId);
      if (roll < 18) {
        add(contract, 'OrderQuantityAdjusted', { orderId, clauseId: 'VOL-1', reason: 'Waiting list', unitType: lotId === 'LOT-1' ? 'PATHWAY' : 'TRAINEE_HOUR', delta: random(5) - 1, quantityAfter: 12, valueDeltaCents: 10_000 * random(9) }, tenant);
      } else if (roll < 21) {
        const unitType = lotId === 'LOT-1' ? pick(['OPEN_DAY', 'PATHWAY']) : 'SUBSCRIPTION';
        add(contract, 'OrderModuleAdded', { orderId, clauseId: 'CAT-1', reason: 'Module', moduleId: `M-${n}`, unitType, quantity: 3, unitPriceCents: 1_000, valueDeltaCents: 3_000 }, tenant);
      } else if (roll < 23) {
        const sessionId = `S-${n}-added`;
        order.sessions.push(sessionId);
        add(contract, 'OrderSessionAdded', { orderId, clauseId: 'CAL-1', reason: 'Season', session: { sessionId, startDate: '2026-09-07', endDate: '2026-12-18', place: 'Lyon', capacity: 3, modality: 'REMOTE' } }, tenant);
      } else if (roll < 24) {
        add(contract, 'OrderSessionCancelled', { orderId, clauseId: 'CAL-1', reason: 'Too few', sessionId: pick(order.sessions) }, tenant);
      } else if (roll < 26) {
        add(contract, 'OrderSessionMoved', { orderId, clauseId: 'CAL-1', reason: 'Season', sessionId: pick(order.sessions), startDate: '2026-04-20', endDate: '2026-07-17', shiftDays: 14 }, tenant);
      } else if (roll < 29) {
        const amendmentId = `amendment-${c}-${n % 7}`;
        const amendment = random(4);
        if (amendment === 0) add(contract, 'AmendmentNotified', { amendmentId, providerIds: pick([['of-a'], ['of-b', 'of-c']]), notifiedAt: '2026-03-02T09:00:00.000Z', responseDeadline: '2026-03-17' }, tenant);
        else if (amendment === 1) add(contract, 'AmendmentAccepted', { amendmentId, providerId: pick(['of-a', 'of-b', 'of-c']), acceptedAt: '2026-03-05T09:00:00.000Z' }, tenant);
        else if (amendment === 2) add(contract, 'AmendmentDisputed', { amendmentId, providerId: 'of-b', disputedAt: '2026-03-06T09:00:00.000Z', reason: 'Price' }, tenant);
        else add(contract, 'AmendmentCameIntoForce', { amendmentId, change: amendmentChange(pick([0, 1, 2, 2, 2])), amountChangeCents: 10_000 * random(20), legalBasis: 'R2194-8', inForceAt: '2026-03-20T09:00:00.000Z' }, tenant);
      } else if (roll < 31 && c === 0) {
        // The other members register their webhooks midway: only later facts are owed to them.
        const providerId = pick(['of-b', 'of-c']);
        add(providerStream(tenant, providerId), 'ProviderWebhookRegistered', webhook(tenant, providerId), tenant, 'provider');
      } else if (roll < 35 && notices.length > 0) {
        const notificationId = pick(notices);
        const ref = { notificationId, eventId: notificationId.split('.')[0], providerId: 'of-a' };
        const fact = random(4);
        const stream = notificationStream(notificationId);
        if (fact === 0) add(stream, 'NotificationDelivered', { ...ref, round: 0, attempt: 1 + random(3), statusCode: 200, deliveredAt: '2026-04-01T09:00:00.000Z' }, tenant, 'system');
        else if (fact === 1) add(stream, 'NotificationDeadLettered', { ...ref, round: 0, attempts: 5, lastError: 'HTTP 503', deadLetteredAt: '2026-04-01T10:00:00.000Z' }, tenant, 'system');
        else if (fact === 2) add(stream, 'NotificationRetryRequested', { ...ref, round: 1 + random(3), requestedAt: '2026-04-02T09:00:00.000Z' }, tenant);
        else add(stream, 'NotificationAcknowledged', { ...ref, acknowledgedAt: '2026-04-03T09:00:00.000Z' }, tenant, 'provider');
      } else if (roll < 55) {
        // Most entries are new trainees; some are trainees off the waiting list, some repeat an entry.
        const from = random(10);
        const traineeId = from < 2 && order.waiting.length > 0 ? order.waiting.shift()! : from === 2 && order.trainees.length > 0 ? pick(order.trainees) : `t-${c}-${n}`;
        if (!order.trainees.includes(traineeId)) order.trainees.push(traineeId);
        const publics = { ...noPublic, qpvResident: random(5) === 0, ruralResident: random(4) === 0, disabled: random(9) === 0, isolatedParent: random(7) === 0, youngNeet: random(3) === 0 };
        // Half the entries as recorded before the targeting data (schema version 1), half with them.
        if (random(2) === 0) add(delivery, 'TraineeEntered', { ...of, traineeId, enteredOn: '2026-04-06', publics }, tenant, 'provider');
        else add(delivery, 'TraineeEntered', { ...of, traineeId, enteredOn: '2026-04-06', publics, targeting: targetingOf(random(100)) }, tenant, 'provider', 2);
      } else if (roll < 61) {
        const traineeId = `w-${c}-${n}`;
        order.waiting.push(traineeId);
        add(delivery, 'TraineeWaitlisted', { ...of, traineeId, on: '2026-04-06', publics: { ...noPublic, qpvResident: random(2) === 0 } }, tenant, 'provider');
      } else if (roll < 68) {
        // Exits recorded before destinations (a reason only) and since (a destination).
        const traineeId = traineeOf(order.trainees, c, n);
        if (random(2) === 0) add(delivery, 'TraineeLeftEarly', { ...of, traineeId, on: '2026-05-06', reason: pick(REASONS) }, tenant, 'provider');
        else add(delivery, 'TraineeLeftEarly', { ...of, traineeId, on: '2026-05-06', destination: pick(['EMPLOYMENT', 'IAE', 'WITHOUT_SOLUTION']), employment: { contractType: 'CDI' } }, tenant, 'provider');
      } else if (roll < 76) {
        add(delivery, 'TraineeCompleted', { ...of, traineeId: traineeOf(order.trainees, c, n), on: '2026-07-03' }, tenant, 'provider');
      } else if (roll < 79) {
        const situation = pick(['EMPLOYED', 'JOB_SEEKER', 'UNKNOWN']);
        add(
          delivery,
          'TraineeOutcomeObserved',
          { ...of, traineeId: traineeOf(order.trainees, c, n), exitedOn: '2026-07-03', horizonMonths: pick([6, 12]), situation, source: 'SURVEY', observedOn: '2027-07-05', satisfied: random(2) === 0 },
          tenant,
        );
      } else if (roll < 82) {
        add(delivery, 'CertificationObtained', { ...of, traineeId: traineeOf(order.trainees, c, n), on: '2026-07-05', certificationCode: pick(['RNCP1', 'RS5875']) }, tenant, 'provider');
      } else if (roll < 86) {
        add(delivery, 'OpenDaysDelivered', { contractId, orderId, date: '2026-03-02', count: 1 + random(3) }, tenant, 'provider');
      } else if (roll < 90) {
        add(delivery, 'HoursDelivered', { contractId, orderId, date: '2026-03-02', hours: 1 + random(7) }, tenant, 'provider');
      } else if (roll < 93) {
        add(delivery, 'SubscriptionMonthsDelivered', { contractId, orderId, month: '2026-03', count: 1 }, tenant, 'provider');
      } else if (roll < 95) {
        const totalCents = 1_000 * (1 + random(50));
        add(delivery, 'ServiceStatementIssued', { contractId, orderId, statementId: `st-${n}`, periodStart: '2026-03-01', periodEnd: '2026-03-31', issuedAt: '2026-04-01T09:00:00.000Z', lines: [], fixedAmountCents: 1_000, qualityVariables: [], totalCents, rounding: 'FLOOR_TO_CENT' }, tenant, 'system');
        // Its payment: requested, then (one in two) interrupted and reopened, paid late with its compensation.
        const payments = `payments-${tenant}-${contractId}`;
        const request = { contractId, orderId, statementId: `st-${n}`, requestId: `pr-${c}-${n}` };
        add(payments, 'PaymentRequested', { ...request, providerId: 'of-a', invoiceReference: `F-${c}-${n}`, amountCents: totalCents, receivedOn: '2026-04-02', payable: { statementTotalCents: totalCents, disputeAdjustmentCents: 0, advanceRepaymentCents: 0, retentionCents: 0, requestedBeforeCents: 0, payableCents: totalCents }, periodDays: 30, dueOn: '2026-05-02' }, tenant, 'provider');
        if (n % 2 === 0) {
          add(payments, 'PaymentPeriodInterrupted', { ...request, interruptedOn: '2026-04-10', reason: 'Missing sheet', missingDocuments: ['sheet'], daysLeft: 22 }, tenant);
          add(payments, 'MissingDocumentsReceived', { ...request, receivedOn: '2026-04-15', documents: ['sheet'], periodDays: 30, dueOn: '2026-05-15' }, tenant, 'provider');
          add(payments, 'PaymentDeadlineApproaching', { ...request, dueOn: '2026-05-15', daysLeft: 5, windowDays: 5, unpaidCents: totalCents, warnedOn: '2026-05-10' }, tenant, 'system');
          add(payments, 'PaymentDeadlinePassed', { ...request, dueOn: '2026-05-15', daysLate: 2, windowDays: 5, unpaidCents: totalCents, warnedOn: '2026-05-17' }, tenant, 'system');
          add(payments, 'PaymentRecorded', { ...request, paymentId: `pay-${c}-${n}`, amountCents: totalCents, paidOn: '2026-05-20', dueOn: '2026-05-15', late: true }, tenant);
          add(payments, 'LatePaymentCompensationDue', { ...request, paymentId: `pay-${c}-${n}`, providerId: 'of-a', interest: { amountCents: totalCents, interestCents: 5 }, indemnityCents: 4_000, totalCents: 4_005, payableBy: '2026-07-04' }, tenant);
        } else {
          // Warned of its deadline and not paid yet: an open warning.
          add(payments, 'PaymentDeadlineApproaching', { ...request, dueOn: '2026-05-02', daysLeft: 4, windowDays: 5, unpaidCents: totalCents, warnedOn: '2026-04-28' }, tenant, 'system');
        }
      } else if (roll < 97) {
        // A report about an order the contract never issued.
        add(`delivery-unknown-${n}`, 'TraineeEntered', { contractId, orderId: `unknown-${n}`, sessionId: 'S-0', traineeId: `t-${c}-${n}`, enteredOn: '2026-04-06', publics: noPublic }, tenant, 'provider');
      } else {
        add(contract, 'OrderClosed', { orderId, closedAt: '2026-12-31T09:00:00.000Z' }, tenant);
      }
    }
  }
  return history;

  /** Pôle emploi's side: declarations and overlaps, labour-market figures, date-shift requests, referrals, trainees at risk. */
  function coordination(turn: number, contractId: string, contract: string, tenant: string, order: { orderId: string; lotId: string; trainees: string[] }, sessionId: string): void {
    const { orderId, lotId } = order;
    const delivery = `delivery-${orderId}`;
    const declarationId = `declaration-${contractId}-${turn}`;
    const declaration = `purchase-declaration-${declarationId}`;
    const volume = { unitType: 'PATHWAY', quantity: 20 };
    const referral = (placement: string) => ({ contractId, orderId, referralId: `referral-${orderId}-${turn}`, traineeId: `r-${orderId}-${turn}`, sessionId, placement });
    switch (turn % 6) {
      case 0: {
        const terms = { domainCode: '31054', territoryCodes: ['69'], periodStart: '2026-03-01', periodEnd: '2026-09-30', plannedSessions: 2, volume };
        add(declaration, 'PurchaseDeclared', { ...terms, declarationId, tenant, declaredAt: '2026-02-01T09:00:00.000Z' }, tenant, 'system');
        const overlapId = `overlap-${declarationId}`;
        add(declaration, 'PurchaseOverlapDetected', {
          overlapId,
          declarationId,
          contractId,
          lotId,
          orderId,
          domainCode: '31054',
          commonTerritoryCodes: ['69'],
          overlapStart: '2026-04-01',
          overlapEnd: '2026-09-30',
          overlappingDays: 183,
          regionOrder: { periodStart: '2026-04-01', periodEnd: '2026-12-31', lines: [{ unitType: 'PATHWAY', quantity: 10 }], valueCents: 3_000_000 },
          declaration: { periodStart: terms.periodStart, periodEnd: terms.periodEnd, plannedSessions: 2, volume },
          detectedAt: '2026-02-01T09:00:00.000Z',
        }, tenant, 'system');
        if (random(2) === 0) {
          add(declaration, 'PurchaseOverlapResolved', { overlapId, declarationId, decision: pick(['COMPLEMENTARY', 'CO_FINANCE']), reason: 'Different publics', resolvedBy: { actorId: 'buyer-1', role: 'buyer' }, resolvedAt: '2026-02-03T09:00:00.000Z' }, tenant);
        }
        return;
      }
      case 1:
        add(`labour-market-${tenant}`, 'RecruitmentTensionObserved', { occupationCode: pick(['M1805', 'J1501']), territoryCode: '69', period: '2026-02', unfilledOffers: 10 + random(90), tensionIndex: random(100), importId: `import-${turn}`, tenant }, tenant, 'system');
        return;
      case 2: {
        const requestId = `shift-${orderId}-${turn}`;
        add(contract, 'SessionDateShiftRequested', { requestId, orderId, sessionId, currentStartDate: '2026-04-06', currentEndDate: '2026-07-03', startDate: '2026-04-20', endDate: '2026-07-17', reason: 'Season', requestedBy: 'officer-1', requestedAt: '2026-03-01T09:00:00.000Z' }, tenant);
        if (random(2) === 0) add(contract, 'SessionDateShiftAccepted', { requestId, orderId, sessionId, clauseId: 'CAL-1', acceptedBy: 'buyer-1', acceptedAt: '2026-03-02T09:00:00.000Z' }, tenant);
        else add(contract, 'SessionDateShiftDeclined', { requestId, orderId, sessionId, reason: 'Too late', declinedBy: 'buyer-1', declinedAt: '2026-03-02T09:00:00.000Z' }, tenant);
        return;
      }
      case 3:
      case 4: {
        const placement = turn % 6 === 3 ? 'SESSION' : 'WAITING_LIST';
        const referred = referral(placement);
        add(delivery, 'TraineeReferred', { ...referred, referredOn: '2026-04-01', publics: noPublic, check: { capacity: 3, traineesPresent: 1, referralsHoldingPlaces: 0 } }, tenant);
        const outcome = random(3);
        if (outcome === 0) add(delivery, 'ReferralRefused', { ...referred, on: '2026-04-02', reason: 'PREREQUISITES_NOT_MET' }, tenant, 'provider');
        else if (outcome === 1) add(delivery, 'ReferralNoShow', { ...referred, on: '2026-04-06' }, tenant, 'provider');
        else add(delivery, 'TraineeEntered', { contractId, orderId, sessionId, traineeId: referred.traineeId, referralId: referred.referralId, enteredOn: '2026-04-06', publics: noPublic }, tenant, 'provider');
        return;
      }
      default:
        add(delivery, 'TraineeAtRiskReported', { contractId, orderId, traineeId: traineeOf(order.trainees, 0, turn), sessionId, on: '2026-05-01', reason: 'MOBILITY' }, tenant, 'provider');
        // Absences on a sheet put a trainee at risk too (the same trainee again: already listed).
        add(delivery, 'AbsenceRunDetected', { contractId, orderId, sheetId: `sheet-${turn}`, traineeId: traineeOf(order.trainees, turn % 2, turn), sessionId, firstDay: '2026-05-04', lastDay: '2026-05-06', days: 3, threshold: 3, clauseId: null }, tenant, 'provider');
    }
  }

  function webhook(tenant: string, providerId: string): Record<string, unknown> {
    return { providerId, tenant, url: `https://${providerId}.example/hooks`, registrationId: `reg-${providerId}`, registeredAt: '2026-01-01T09:00:00.000Z' };
  }

  function amendmentChange(kind: number): Record<string, unknown> {
    if (kind === 0) return { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 + 1_000 * random(9) };
    if (kind === 1) return { kind: 'VOLUME', lotId: 'LOT-2', unitType: 'TRAINEE_HOUR', newMaxQuantity: 12_000 + random(1_000) };
    return { kind: 'CONTRACTOR_CHANGE', lotId: 'LOT-1', awardee: pick([{ kind: 'PROVIDER', providerId: 'of-d' }, { kind: 'PROVIDER', providerId: 'of-a' }, { kind: 'GROUPING', leadProviderId: 'of-c', memberIds: ['of-c', 'of-a'] }]) };
  }

  /** Mostly a trainee of the order, now and then one it never had. */
  function traineeOf(trainees: string[], c: number, n: number): string {
    return trainees.length > 0 && random(8) > 0 ? pick(trainees) : `t-${c}-never-${n}`;
  }
}
