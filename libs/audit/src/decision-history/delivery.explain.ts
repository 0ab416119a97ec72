import {
  AttendanceEvent,
  DeliveryEvent,
  EmploymentContract,
  ExitDestination,
  OutcomeSource,
  POSITIVE_EXIT_DESTINATIONS,
  RULES,
  TRAINEE_LEFT_EARLY_SCHEMA_VERSION,
} from '@app/procurement';
import { FacetExplain, money, words } from './facet-explain';

export const DELIVERY_EXPLAIN: FacetExplain<Exclude<DeliveryEvent, AttendanceEvent>> = {
  SessionStarted: (event) => [`Order ${event.data.orderId}: session ${event.data.sessionId} started on ${event.data.on}`, {}],
  SessionEnded: (event) => [`Order ${event.data.orderId}: session ${event.data.sessionId} ended on ${event.data.on}`, {}],
  TraineeEntered: (event) => [`Order ${event.data.orderId}: a trainee entered session ${event.data.sessionId} on ${event.data.enteredOn}`, {}],
  // The trainee's publics stay out, as for an entry: the sentence is read by every role that reads the history.
  TraineeWaitlisted: (event) => [`Order ${event.data.orderId}: a trainee put on the waiting list of session ${event.data.sessionId} on ${event.data.on}`, {}],
  TraineeAtRiskReported: (event) => [`Order ${event.data.orderId}: a trainee of session ${event.data.sessionId} reported at risk of dropping out on ${event.data.on}`, { reason: words(event.data.reason) }],
  TraineeReferred: (event) => {
    const d = event.data;
    const where = d.placement === 'SESSION' ? 'into' : 'onto the waiting list of';
    return [`Order ${d.orderId}: referral ${d.referralId} placed ${where} session ${d.sessionId} on ${d.referredOn}`, { figures: { ...d.check } }];
  },
  ReferralRefused: (event) => [`Order ${event.data.orderId}: referral ${event.data.referralId} refused on ${event.data.on}`, { reason: words(event.data.reason) }],
  ReferralNoShow: (event) => [`Order ${event.data.orderId}: referral ${event.data.referralId} did not show on ${event.data.on}`, {}],
  TraineeLeftEarly: (event, recorded) => {
    // Recorded before exits carried their destination (schema version 1): the store read it from its reason.
    const d = event.data;
    const readFromReason = (recorded.metadata.schemaVersion ?? 1) < TRAINEE_LEFT_EARLY_SCHEMA_VERSION;
    const positive = POSITIVE_EXIT_DESTINATIONS.includes(d.destination) ? ', a positive exit, not a dropout' : '';
    return [
      `Order ${d.orderId}: a trainee left session ${d.sessionId} early on ${d.on} ${exitWords(d.destination)}${employmentWords(d.employment)}${positive}`,
      {
        ...(d.reason ? { reason: words(d.reason) } : {}),
        figures: { destination: d.destination, ...(d.employment ? { employment: d.employment } : {}), ...(readFromReason ? { readFromReason: d.reason } : {}) },
      },
    ];
  },
  TraineeCompleted: (event) => [`Order ${event.data.orderId}: a trainee completed session ${event.data.sessionId} on ${event.data.on}`, {}],
  CertificationObtained: (event) => [`Order ${event.data.orderId}: a trainee obtained certification ${event.data.certificationCode} on ${event.data.on}`, {}],
  OpenDaysDelivered: (event) => [`Order ${event.data.orderId}: ${event.data.count} open days delivered on ${event.data.date}`, {}],
  HoursDelivered: (event) => [`Order ${event.data.orderId}: ${event.data.hours} trainee hours delivered on ${event.data.date}`, {}],
  SubscriptionMonthsDelivered: (event) => [`Order ${event.data.orderId}: ${event.data.count} subscription months delivered for ${event.data.month}`, {}],
  TraineeOutcomeObserved: (event) => {
    const d = event.data;
    const satisfaction = d.satisfied === undefined ? '' : d.satisfied ? '; satisfied with the training' : '; not satisfied with the training';
    return [
      `Order ${d.orderId}: a trainee of session ${d.sessionId}, out since ${d.exitedOn}, ${words(d.situation)}${employmentWords(d.employment)} at ${d.horizonMonths} months (observed on ${d.observedOn}, from ${OUTCOME_SOURCE_WORDS[d.source]})${satisfaction}`,
      { article: RULES.OUTCOME_OBSERVED_TOO_EARLY, figures: { ...d } },
    ];
  },
  ServiceStatementIssued: (event) => {
    const d = event.data;
    // Statements recorded before the order's cap (schema version 1) have no units: every unit listed was paid.
    const beyond = (d.units ?? []).filter((unit) => unit.beyondOrder > 0);
    const notPaid = beyond.map((unit) => `${unit.beyondOrder} ${unit.unitType} beyond the order of ${unit.orderedQuantity}`).join(', ');
    const withheld = d.qualityVariables.filter((part) => part.withheld).map((part) => `${money(part.baseAmountCents)} of ${words(part.indicator)} until measured`);
    const regularised = (d.regularisations ?? []).map((line) => `${money(line.amountCents)} for ${words(line.indicator)} of statement ${line.statementId}, measured at ${line.measuredPercent ?? '—'} %`);
    return [
      `Service statement ${d.statementId} for order ${d.orderId}, ${d.periodStart} to ${d.periodEnd}: ${money(d.totalCents)}${notPaid ? `; not payable: ${notPaid}` : ''}` +
        `${withheld.length > 0 ? `; withheld: ${withheld.join(', ')}` : ''}${regularised.length > 0 ? `; regularised: ${regularised.join(', ')}` : ''}`,
      {
        figures: {
          lines: d.lines,
          ...(d.units ? { units: d.units } : {}),
          fixedAmountCents: d.fixedAmountCents,
          qualityVariables: d.qualityVariables,
          ...(d.regularisations ? { regularisations: d.regularisations } : {}),
          rounding: d.rounding,
        },
      },
    ];
  },
};

const OUTCOME_SOURCE_WORDS: Record<OutcomeSource, string> = {
  SURVEY: 'the trainee’s answer to the survey',
  POLE_EMPLOI_IMPORT: 'Pôle emploi’s data',
  PROVIDER_REPORT: 'the provider’s report',
};

function exitWords(destination: ExitDestination): string {
  switch (destination) {
    case 'EMPLOYMENT':
      return 'for a job';
    case 'APPRENTICESHIP':
      return 'for an apprenticeship';
    case 'FURTHER_TRAINING':
      return 'for a further certifying training';
    case 'IAE':
      return 'for an insertion structure (IAE)';
    case 'WITHOUT_SOLUTION':
      return 'without a solution';
    case 'OTHER':
      return 'for another destination';
  }
}

function employmentWords(employment: EmploymentContract | undefined): string {
  if (!employment) return '';
  return employment.contractType === 'CDD' ? ` (CDD of ${employment.durationMonths} months)` : ` (${employment.contractType})`;
}
