import type { EventData, Upcaster } from '@app/event-store';
import { upcastAmendmentProposed } from './amendment/amendment.upcast';
import { AmendmentProposed } from './amendment/amendment.events';
import { ClauseAdded } from './clause/clause.events';
import { upcastClauseAdded } from './clause/clause.upcast';
import { TraineeEntered, TraineeLeftEarly } from './delivery/delivery.events';
import { upcastTraineeEntered } from './delivery/trainee-entered.upcast';
import { upcastTraineeLeftEarly } from './delivery/trainee-left-early.upcast';

/** The upcaster of one event type from one version to the next, typed on the event's data. */
function upcaster<E extends { type: string; data: object }>(type: E['type'], fromVersion: number, upcast: (recorded: never) => E['data']): Upcaster {
  return { type, fromVersion, upcast: upcast as unknown as (data: EventData) => EventData };
}

/**
 * A version that changed the rules the event was decided by, or added a field readers take as absent, but not
 * the meaning of what was recorded: read as recorded. Verification still sees the recorded version and folds
 * such events as recorded instead of deciding them again by today's rules.
 */
function asRecorded(type: string, fromVersion: number): Upcaster {
  return { type, fromVersion, upcast: (data) => data };
}

/**
 * Every event type's versions and how each is read into the next, applied when events are read (the store
 * behind EVENT_STORE, `withUpcasters`), so that folds, projections, exports and verification see the current
 * shape only. A type's current version is one more than its last upcaster's; list them in version order.
 */
export const EVENT_UPCASTERS: readonly Upcaster[] = [
  // Amendments: version 2 computes the change in value (computation); version 3 checks it with the thresholds
  // of the contract's kind of service, the tender committee only for formalised procedures, R2194-7 as its own basis.
  upcaster<AmendmentProposed>('AmendmentProposed', 1, upcastAmendmentProposed),
  asRecorded('AmendmentProposed', 2),
  // Version 2: a price revision clause holds its formula as data; one recorded as text is read as text.
  upcaster<ClauseAdded>('ClauseAdded', 1, upcastClauseAdded),
  // Version 2: checked under the rules of AmendmentProposed version 3.
  asRecorded('UnilateralModificationImposed', 1),
  // Version 2: a framework agreement's closing records its minimum as checked (CCP R2162-4); absent before.
  asRecorded('ContractClosed', 1),
  // Version 2: the lot may describe its training for the offer of training (training); absent before.
  asRecorded('LotDefined', 1),
  // Version 2: the Qualiopi certificates the award or order was checked against (qualiopi); absent before.
  asRecorded('LotAwarded', 1),
  asRecorded('OrderIssued', 1),
  // Version 2: the day the adjustment is in force from (adjustedOn); without it, over the whole order.
  asRecorded('OrderQuantityAdjusted', 1),
  asRecorded('OrderModuleAdded', 1),
  // Version 2: the exit's destination, read from the reason of a version 1 exit.
  upcaster<TraineeLeftEarly>('TraineeLeftEarly', 1, upcastTraineeLeftEarly),
  // Version 2: the targeting data at entry; a version 1 entry stated none, read as NOT_RECORDED.
  upcaster<TraineeEntered>('TraineeEntered', 1, upcastTraineeEntered),
  // Version 2: hours of a trainee on a session day, within the daily schedule; version 1 took none into account.
  asRecorded('HoursDelivered', 1),
  // Version 2: payable units capped by the order, priced on their day; version 3: quality from trainees' outcomes.
  asRecorded('ServiceStatementIssued', 1),
  asRecorded('ServiceStatementIssued', 2),
];
