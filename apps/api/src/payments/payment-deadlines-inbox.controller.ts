import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { daysBetween, lateInterest, PaymentDeadlineWarningKind, RECOVERY_INDEMNITY_CENTS } from '@app/procurement';
import { openPaymentDeadlineWarnings, ReadModels } from '@app/projections';
import { Clock, CLOCK, CurrentPrincipal, Principal, Roles } from '@app/shared';
import { PaymentDeadlinesQueryDto } from './dto/payments.dto';

/** One open warning of a payment deadline, with where the request stands today. */
export interface PaymentDeadlineInboxEntry {
  requestId: string;
  contractId: string;
  contractTitle: string | null;
  orderId: string;
  statementId: string;
  providerId: string;
  invoiceReference: string;
  amountCents: number;
  paidCents: number;
  unpaidCents: number;
  receivedOn: string;
  /** CCP R2192-10: the last day to pay without interest. */
  dueOn: string;
  /** Days to the deadline today (0 on the due day), 0 once passed. */
  daysLeft: number;
  /** Days since the deadline today, 0 until it has passed. */
  daysOverdue: number;
  warning: { kind: PaymentDeadlineWarningKind; warnedOn: string };
  /**
   * CCP L2192-13, R2192-31: the interest the unpaid part has accrued to today, owed by right once paid, and the
   * 40 € indemnity (D2192-35) the payment will owe unless an earlier late payment of the request already did.
   */
  accruing: { interestCents: number; basisPoints: number; indemnityCents: number } | null;
  /** What the request's earlier late payments already owe. */
  interestDueCents: number;
  indemnityDueCents: number;
}

/**
 * The buyer's inbox of payment deadlines: the warnings the worker's daily check gave (within
 * PAYMENT_DEADLINE_WARNING_DAYS of the deadline, or once passed) of requests still not paid in full. The
 * tenant's buyers and auditors see all of them; a provider its own requests.
 */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('inbox')
export class PaymentDeadlinesInboxController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('buyer', 'auditor', 'provider')
  @Get('payment-deadlines')
  paymentDeadlines(@Query() query: PaymentDeadlinesQueryDto, @CurrentPrincipal() principal: Principal): { position: number; on: string; warnings: PaymentDeadlineInboxEntry[] } {
    const on = this.clock.now().toISOString().slice(0, 10);
    const { position, rows } = openPaymentDeadlineWarnings(this.readModels, {
      tenant: principal.tenant,
      ...(principal.role === 'provider' ? { providerId: principal.providerId ?? '' } : {}),
      ...(query.contractId ? { contractId: query.contractId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    });
    const warnings = rows.map((row): PaymentDeadlineInboxEntry => {
      const unpaidCents = row.amount_cents - row.paid_cents;
      const daysLeft = daysBetween(on, row.due_on);
      const accrued = lateInterest(unpaidCents, row.due_on, on);
      return {
        requestId: row.request_id,
        contractId: row.contract_id,
        contractTitle: row.contract_title,
        orderId: row.order_id,
        statementId: row.statement_id,
        providerId: row.provider_id,
        invoiceReference: row.invoice_reference,
        amountCents: row.amount_cents,
        paidCents: row.paid_cents,
        unpaidCents,
        receivedOn: row.received_on,
        dueOn: row.due_on,
        daysLeft: Math.max(0, daysLeft),
        daysOverdue: Math.max(0, -daysLeft),
        warning: { kind: row.warning_kind, warnedOn: row.warned_on },
        accruing: accrued
          ? { interestCents: accrued.interestCents, basisPoints: accrued.rate.basisPoints, indemnityCents: row.indemnity_due_cents > 0 ? 0 : RECOVERY_INDEMNITY_CENTS }
          : null,
        interestDueCents: row.interest_due_cents,
        indemnityDueCents: row.indemnity_due_cents,
      };
    });
    return { position, on, warnings };
  }
}
