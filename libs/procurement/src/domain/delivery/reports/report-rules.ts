import { DeliveryTerms } from '../delivery-terms';
import { DeliveryReport, DeliveryReportKind } from '../delivery.commands';
import { DeliveryReportedEvent } from '../delivery.events';
import { DeliveryState } from '../delivery.state';

/** What a report is decided against: the order's terms, its delivery so far, the day of the report and the ids its events carry. */
export type ReportContext = {
  terms: DeliveryTerms;
  state: DeliveryState;
  today: string;
  of: { contractId: string; orderId: string };
};

/**
 * How each kind of delivery report is decided, one function per kind: the compiler asks for a case for every kind,
 * and the decider's table is the groups' tables merged.
 */
export type ReportRules<K extends DeliveryReportKind> = {
  readonly [T in K]: (report: Extract<DeliveryReport, { kind: T }>, context: ReportContext) => DeliveryReportedEvent[];
};
