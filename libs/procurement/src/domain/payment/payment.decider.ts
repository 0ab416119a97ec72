import { Decider, NotFoundError } from '@app/shared';
import { refuse } from '../contract/refuse';
import {
  BUYER_CATEGORIES,
  LATE_PAYMENT_COMPENSATION_PERIOD_DAYS,
  RETENTION_MAX_PERCENT,
  PAYMENT_PERIOD_DAYS,
  PERIOD_AFTER_INTERRUPTION_DAYS,
  RECOVERY_INDEMNITY_CENTS,
} from '../legal/payment-parameters';
import { addDays, CommandMeta, dayOf, daysBetween } from '../terms/command-meta';
import { advanceRepaidAt, computeAdvance } from './advance';
import { lateInterest } from './late-payment';
import { PaymentCommand, StatementFacts } from './payment.commands';
import { PaymentEvent } from './payment.events';
import { disputeAdjustmentOf, evolvePayments, initialPaymentsState, PaymentDeadlineWarningKind, PaymentRequestState, PaymentsState } from './payment.state';

/** The widest warning window: past a month the warning is no longer about the deadline near. */
export const PAYMENT_DEADLINE_WARNING_MAX_DAYS = 30;

/** One stream per contract per tenant, apart from the contract's own stream: paying never conflicts with ordering. */
export const paymentsStream = (tenant: string, contractId: string): string => `payments-${tenant}-${contractId}`;

export function decidePayments(command: PaymentCommand, state: PaymentsState): PaymentEvent[] {
  const today = dayOf(command.meta.at);
  switch (command.type) {
    case 'GrantAdvance': {
      const { order } = command;
      const earlier = state.advances[order.orderId];
      if (earlier) refuse('ADVANCE_ALREADY_GRANTED', 'The order already has its advance', { orderId: order.orderId, amountCents: earlier.computation.amountCents });
      const { buyerCategory, providerIsSme, ratePercent, vatRatePercent } = command.data;
      if (!BUYER_CATEGORIES.includes(buyerCategory)) refuse('ADVANCE_RATE_INVALID', 'Unknown buyer category', { buyerCategory });
      if (!(ratePercent > 0 && ratePercent <= 100)) refuse('ADVANCE_RATE_INVALID', 'An advance rate is above 0 and at most 100 %', { ratePercent });
      const computation = computeAdvance({ ...order, buyerCategory, providerIsSme, ratePercent, vatRatePercent });
      // CCP R2191-7: the mandatory advance is at least the minimum rate for this buyer and holder.
      if (computation.eligibility.mandatory && ratePercent < computation.minimumRatePercent) {
        refuse('ADVANCE_RATE_BELOW_MINIMUM', `The advance of this order is at least ${computation.minimumRatePercent} %`, {
          ratePercent,
          minimumRatePercent: computation.minimumRatePercent,
          buyerCategory,
          providerIsSme,
        });
      }
      return [{ type: 'AdvanceGranted', data: { contractId: order.contractId, orderId: order.orderId, providerIds: order.providerIds, computation, grantedOn: today } }];
    }
    case 'SetRetention': {
      const { contractId, retentionPercent, releaseOn } = command.data;
      if (state.retention) refuse('RETENTION_ALREADY_SET', 'The contract’s retention is already set', { retentionPercent: state.retention.retentionPercent });
      const requests = Object.keys(state.requests).length;
      if (requests > 0) refuse('RETENTION_AFTER_PAYMENT_REQUESTS', 'A retention is set before the first payment request', { paymentRequests: requests });
      if (!(retentionPercent > 0 && retentionPercent <= RETENTION_MAX_PERCENT)) {
        refuse('RETENTION_ABOVE_MAXIMUM', `A retention is above 0 and at most ${RETENTION_MAX_PERCENT} %`, { retentionPercent, maximumPercent: RETENTION_MAX_PERCENT });
      }
      return [{ type: 'RetentionSet', data: { contractId, retentionPercent, maximumPercent: RETENTION_MAX_PERCENT, releaseOn, setOn: today } }];
    }
    case 'ReleaseRetention': {
      const { retention } = state;
      if (!retention) refuse('RETENTION_NOT_SET', 'The contract keeps no retention');
      if (retention.releasedOn) refuse('RETENTION_ALREADY_RELEASED', `The retention was released on ${retention.releasedOn}`, { releasedOn: retention.releasedOn });
      if (today < retention.releaseOn) refuse('RETENTION_NOT_DUE', `The retention is released from ${retention.releaseOn}`, { releaseOn: retention.releaseOn, today });
      const byStatement = { ...state.retainedByStatement };
      const amountCents = Object.values(byStatement).reduce((total, cents) => total + cents, 0);
      return [{ type: 'RetentionReleased', data: { contractId: retention.contractId, releasedOn: today, amountCents, byStatement } }];
    }
    case 'RequestPayment': {
      const { statement } = command;
      const { requestId, invoiceReference, amountCents } = command.data;
      const providerId = providerOf(command.meta, statement);
      if (!Number.isSafeInteger(amountCents) || amountCents <= 0) refuse('PAYMENT_REQUEST_AMOUNT_INVALID', 'A payment request asks a positive amount', { amountCents });
      const usedBy = state.invoiceReferences[invoiceReference];
      if (usedBy) refuse('INVOICE_REFERENCE_ALREADY_USED', `Invoice ${invoiceReference} was already presented`, { invoiceReference, requestId: usedBy });
      const disputeAdjustmentCents = disputeAdjustmentOf(state, statement.statementId);
      const requestedBeforeCents = state.requestedByStatement[statement.statementId] ?? 0;
      const advanceRepaymentCents = advanceRepaymentOf(state, statement);
      // CCP R2191-32: the retention is kept on each sum paid.
      const retentionCents = state.retention ? Math.floor((statement.totalCents * state.retention.retentionPercent) / 100) : 0;
      const payableCents = statement.totalCents + disputeAdjustmentCents - advanceRepaymentCents - retentionCents - requestedBeforeCents;
      const payable = { statementTotalCents: statement.totalCents, disputeAdjustmentCents, advanceRepaymentCents, retentionCents, requestedBeforeCents, payableCents };
      if (amountCents > payableCents) {
        refuse('PAYMENT_REQUEST_EXCEEDS_PAYABLE', `The request asks ${amountCents} cents; the statement leaves ${payableCents} payable`, { amountCents, ...payable });
      }
      // CCP R2192-12: the period runs from the receipt of the request; R2192-10: 30 days.
      return [
        {
          type: 'PaymentRequested',
          data: {
            contractId: statement.contractId,
            orderId: statement.orderId,
            statementId: statement.statementId,
            requestId,
            providerId,
            invoiceReference,
            amountCents,
            receivedOn: today,
            payable,
            periodDays: PAYMENT_PERIOD_DAYS,
            dueOn: addDays(today, PAYMENT_PERIOD_DAYS),
          },
        },
      ];
    }
    case 'InterruptPaymentPeriod': {
      const request = requestOf(state, command.data.requestId, command.meta);
      if (request.paidCents >= request.amountCents) refuse('PAYMENT_REQUEST_PAID', 'The request is paid in full', { requestId: request.requestId, paidCents: request.paidCents });
      if (request.interruption) {
        refuse('PAYMENT_PERIOD_ALREADY_INTERRUPTED', 'The payment period of this request was already interrupted', {
          requestId: request.requestId,
          interruptedOn: request.interruption.interruptedOn,
        });
      }
      const dueOn = request.dueOn!;
      const daysLeft = daysBetween(today, dueOn);
      if (daysLeft < 0) refuse('PAYMENT_PERIOD_EXPIRED', `The payment period ended on ${dueOn}`, { requestId: request.requestId, dueOn, on: today, daysLate: -daysLeft });
      const { reason, missingDocuments } = command.data;
      return [{ type: 'PaymentPeriodInterrupted', data: { ...ofRequest(request), interruptedOn: today, reason, missingDocuments, daysLeft } }];
    }
    case 'SupplyMissingDocuments': {
      const request = requestOf(state, command.data.requestId, command.meta);
      if (!request.interruption || request.interruption.documentsReceivedOn) {
        refuse('PAYMENT_PERIOD_NOT_INTERRUPTED', 'No interruption of this request waits for documents', { requestId: request.requestId });
      }
      // CCP R2192-29: a new period of 30 days, or the balance left at the interruption when longer.
      const periodDays = Math.max(PERIOD_AFTER_INTERRUPTION_DAYS, request.interruption.daysLeft);
      return [
        {
          type: 'MissingDocumentsReceived',
          data: { ...ofRequest(request), receivedOn: today, documents: command.data.documents, periodDays, dueOn: addDays(today, periodDays) },
        },
      ];
    }
    case 'WarnOfPaymentDeadline': {
      const request = requestOf(state, command.data.requestId, command.meta);
      const { windowDays } = command.data;
      if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > PAYMENT_DEADLINE_WARNING_MAX_DAYS) {
        refuse('PAYMENT_DEADLINE_WARNING_WINDOW_INVALID', `A warning window is 1 to ${PAYMENT_DEADLINE_WARNING_MAX_DAYS} days`, { windowDays });
      }
      const unpaidCents = request.amountCents - request.paidCents;
      if (unpaidCents <= 0) refuse('PAYMENT_REQUEST_PAID', 'The request is paid in full', { requestId: request.requestId, paidCents: request.paidCents });
      const dueOn = request.dueOn;
      if (!dueOn) refuse('PAYMENT_DEADLINE_NOT_RUNNING', 'The payment period is interrupted until the documents asked for are supplied', { requestId: request.requestId, interruptedOn: request.interruption?.interruptedOn });
      const daysLeft = daysBetween(today, dueOn);
      const kind: PaymentDeadlineWarningKind = daysLeft < 0 ? 'PASSED' : 'APPROACHING';
      if (daysLeft > windowDays) refuse('PAYMENT_DEADLINE_NOT_NEAR', `The deadline ${dueOn} is ${daysLeft} days away, beyond the ${windowDays}-day window`, { requestId: request.requestId, dueOn, on: today, daysLeft, windowDays });
      const earlier = request.warnings.find((warning) => warning.kind === kind && warning.dueOn === dueOn);
      if (earlier) refuse('PAYMENT_DEADLINE_ALREADY_WARNED', `The buyer was warned of the deadline ${dueOn} on ${earlier.warnedOn}`, { requestId: request.requestId, kind, dueOn, warnedOn: earlier.warnedOn });
      const warned = { ...ofRequest(request), dueOn, windowDays, unpaidCents, warnedOn: today };
      return [
        kind === 'PASSED'
          ? { type: 'PaymentDeadlinePassed', data: { ...warned, daysLate: -daysLeft } }
          : { type: 'PaymentDeadlineApproaching', data: { ...warned, daysLeft } },
      ];
    }
    case 'RecordPayment': {
      const request = requestOf(state, command.data.requestId, command.meta);
      const { paymentId, amountCents, paidOn } = command.data;
      const unpaidCents = request.amountCents - request.paidCents;
      if (unpaidCents <= 0) refuse('PAYMENT_REQUEST_PAID', 'The request is paid in full', { requestId: request.requestId, paidCents: request.paidCents });
      if (!Number.isSafeInteger(amountCents) || amountCents <= 0) refuse('PAYMENT_AMOUNT_INVALID', 'A payment is a positive amount', { amountCents });
      if (amountCents > unpaidCents) refuse('PAYMENT_EXCEEDS_REQUEST', `The payment of ${amountCents} cents exceeds the ${unpaidCents} unpaid`, { amountCents, unpaidCents, requestedCents: request.amountCents, paidCents: request.paidCents });
      if (paidOn < request.receivedOn) refuse('PAYMENT_DATE_BEFORE_REQUEST', `The request was received on ${request.receivedOn}`, { paidOn, receivedOn: request.receivedOn });
      if (paidOn > today) refuse('PAYMENT_DATE_IN_FUTURE', `${paidOn} has not come yet`, { paidOn, today });
      // While interrupted the clock is stopped: a payment then is not late.
      const dueOn = request.dueOn ?? addDays(paidOn, request.interruption!.daysLeft);
      const interest = lateInterest(amountCents, dueOn, paidOn);
      const recorded: PaymentEvent = { type: 'PaymentRecorded', data: { ...ofRequest(request), paymentId, amountCents, paidOn, dueOn, late: interest !== undefined } };
      if (!interest) return [recorded];
      // CCP D2192-35: the flat indemnity is owed once for the late payment of the request.
      const indemnityCents = request.indemnityDueCents > 0 ? 0 : RECOVERY_INDEMNITY_CENTS;
      return [
        recorded,
        {
          type: 'LatePaymentCompensationDue',
          data: {
            ...ofRequest(request),
            paymentId,
            providerId: request.providerId,
            interest,
            indemnityCents,
            totalCents: interest.interestCents + indemnityCents,
            payableBy: addDays(paidOn, LATE_PAYMENT_COMPENSATION_PERIOD_DAYS),
          },
        },
      ];
    }
    case 'ContestStatement': {
      const { statement } = command;
      const providerId = providerOf(command.meta, statement);
      const earlier = state.disputeOfStatement[statement.statementId];
      if (earlier) refuse('STATEMENT_ALREADY_CONTESTED', 'The statement was already contested', { statementId: statement.statementId, disputeId: earlier });
      const { disputeId, reasons, claimedTotalCents } = command.data;
      if (claimedTotalCents === statement.totalCents) {
        refuse('DISPUTE_CLAIM_EQUALS_STATEMENT', 'The total claimed is the total stated', { statedTotalCents: statement.totalCents, claimedTotalCents });
      }
      return [
        {
          type: 'StatementContested',
          data: {
            contractId: statement.contractId,
            orderId: statement.orderId,
            statementId: statement.statementId,
            disputeId,
            providerId,
            reasons,
            statedTotalCents: statement.totalCents,
            claimedTotalCents,
            differenceCents: claimedTotalCents - statement.totalCents,
            contestedOn: today,
          },
        },
      ];
    }
    case 'AnswerStatementDispute': {
      const dispute = state.disputes[command.data.disputeId];
      if (!dispute || !visibleTo(command.meta, dispute.providerId)) throw new NotFoundError('Dispute', command.data.disputeId);
      if (dispute.answer) refuse('DISPUTE_ALREADY_ANSWERED', 'The dispute was already answered', { disputeId: dispute.disputeId, outcome: dispute.answer.outcome });
      const { outcome, answer } = command.data;
      const { statedTotalCents, claimedTotalCents } = dispute;
      const agreedTotalCents = agreedTotal(outcome, statedTotalCents, claimedTotalCents, command.data.agreedTotalCents);
      return [
        {
          type: 'StatementDisputeAnswered',
          data: {
            contractId: dispute.contractId,
            orderId: dispute.orderId,
            statementId: dispute.statementId,
            disputeId: dispute.disputeId,
            outcome,
            answer,
            statedTotalCents,
            claimedTotalCents,
            agreedTotalCents,
            adjustmentCents: agreedTotalCents - statedTotalCents,
            answeredOn: today,
          },
        },
      ];
    }
  }
}

/** The total an answer agrees: the claim when accepted, the statement when rejected, strictly between when partly accepted. */
function agreedTotal(outcome: string, stated: number, claimed: number, agreed: number | undefined): number {
  const low = Math.min(stated, claimed);
  const high = Math.max(stated, claimed);
  const figures = { outcome, statedTotalCents: stated, claimedTotalCents: claimed, agreedTotalCents: agreed ?? null };
  switch (outcome) {
    case 'ACCEPTED':
      if (agreed !== undefined && agreed !== claimed) refuse('DISPUTE_AGREED_TOTAL_INVALID', 'An accepted dispute agrees the claimed total', figures);
      return claimed;
    case 'REJECTED':
      if (agreed !== undefined && agreed !== stated) refuse('DISPUTE_AGREED_TOTAL_INVALID', 'A rejected dispute keeps the stated total', figures);
      return stated;
    default:
      if (agreed === undefined || !Number.isSafeInteger(agreed) || agreed <= low || agreed >= high) {
        refuse('DISPUTE_AGREED_TOTAL_INVALID', `A partly accepted dispute agrees a total strictly between ${low} and ${high} cents`, figures);
      }
      return agreed;
  }
}

/** CCP R2191-11: what the statement repays of its order's advance, from the service executed before and with it. */
function advanceRepaymentOf(state: PaymentsState, statement: StatementFacts): number {
  const advance = state.advances[statement.orderId];
  if (!advance) return 0;
  const { amountCents } = advance.computation;
  const orderAmount = advance.computation.eligibility.amountExclVatCents;
  return (
    advanceRepaidAt(amountCents, statement.statedBeforeCents + statement.totalCents, orderAmount) -
    advanceRepaidAt(amountCents, statement.statedBeforeCents, orderAmount)
  );
}

function providerOf(meta: CommandMeta, statement: StatementFacts): string {
  if (!meta.providerId || !statement.providerIds.includes(meta.providerId)) {
    refuse('NOT_PROVIDER_OF_STATEMENT', 'The statement is of an order another provider performs', { statementId: statement.statementId });
  }
  return meta.providerId;
}

/** A provider sees its own requests and disputes only: another's is answered as missing. */
function visibleTo(meta: CommandMeta, providerId: string): boolean {
  return meta.providerId === undefined || meta.providerId === providerId;
}

function requestOf(state: PaymentsState, requestId: string, meta: CommandMeta): PaymentRequestState {
  const request = state.requests[requestId];
  if (!request || !visibleTo(meta, request.providerId)) throw new NotFoundError('PaymentRequest', requestId);
  return request;
}

function ofRequest(request: PaymentRequestState) {
  return { contractId: request.contractId, orderId: request.orderId, statementId: request.statementId, requestId: request.requestId };
}

export const paymentsDecider: Decider<PaymentCommand, PaymentEvent, PaymentsState> = {
  initialState: initialPaymentsState,
  decide: decidePayments,
  evolve: evolvePayments,
};
