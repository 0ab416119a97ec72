import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  CommandMeta,
  GetContract,
  orderFacts,
  PaymentCommand,
  PaymentEvent,
  paymentsDecider,
  PaymentsState,
  paymentsStream,
  PaymentsView,
  paymentsView,
  statementFacts,
} from '@app/procurement';
import { Clock, CLOCK, CommandRequests, CurrentPrincipal, etagOf, idFromName, Principal, Roles } from '@app/shared';
import { ApiRequest } from '../procurement/contract-commands';
import { foldOnStream, sendOnStream } from '../stream-commands';
import {
  AnswerStatementDisputeDto,
  ContestStatementDto,
  GrantAdvanceDto,
  SetRetentionDto,
  InterruptPaymentPeriodDto,
  RecordPaymentDto,
  RequestPaymentDto,
  SupplyMissingDocumentsDto,
} from './dto/payments.dto';

const Id = new ParseUUIDPipe({ version: '5' });

export interface PaymentAnswer {
  contractId: string;
  /** Revision of the contract's payments stream: send it back as If-Match to write on it. */
  revision: number;
  events: Array<{ id: string; type: string; data: object }>;
  replayed: boolean;
}

/**
 * Paying the service stated, on the contract's payments stream: providers request payment of a statement
 * (their invoice) and contest statements; buyers interrupt a payment period for a missing document, record
 * payments and answer disputes; late-payment interest and the 40 € indemnity are computed when a payment is
 * recorded late. The revision and ETag are those of the payments stream, not of the contract's.
 */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('contracts/:contractId')
export class PaymentsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly queryBus: QueryBus,
    private readonly requests: CommandRequests,
  ) {}

  /** The buyer grants an order's advance, computed from its amount and term (CCP R2191-3, R2191-7). */
  @Roles('buyer')
  @Post('orders/:orderId/advance')
  async grantAdvance(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Body() body: GrantAdvanceDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    const order = await orderFacts(this.store, contractId, orderId, request.principal);
    return this.send(request, response, contractId, (meta) => ({
      type: 'GrantAdvance',
      meta,
      order,
      data: { buyerCategory: body.buyerCategory, providerIsSme: body.providerIsSme, ratePercent: body.ratePercent, vatRatePercent: body.vatRatePercent },
    }));
  }

  /** The buyer sets the retention the contract keeps on each payment (CCP R2191-32), before the first request. */
  @Roles('buyer')
  @Post('retention')
  async setRetention(
    @Param('contractId', Id) contractId: string,
    @Body() body: SetRetentionDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    await this.queryBus.execute(new GetContract(contractId, request.principal));
    return this.send(request, response, contractId, (meta) => ({
      type: 'SetRetention',
      meta,
      data: { contractId, retentionPercent: body.retentionPercent, releaseOn: body.releaseOn },
    }));
  }

  /** The buyer releases the retention at the term of the guarantee (CCP R2191-35). */
  @Roles('buyer')
  @Post('retention/release')
  async releaseRetention(@Param('contractId', Id) contractId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response): Promise<PaymentAnswer> {
    await this.queryBus.execute(new GetContract(contractId, request.principal));
    return this.send(request, response, contractId, (meta) => ({ type: 'ReleaseRetention', meta }));
  }

  /** The provider's invoice for a statement: its receipt starts the 30-day payment period (CCP R2192-10, R2192-12). */
  @Roles('provider')
  @Post('orders/:orderId/service-statements/:statementId/payment-requests')
  async requestPayment(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Param('statementId', Id) statementId: string,
    @Body() body: RequestPaymentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer & { requestId: string }> {
    const statement = await statementFacts(this.store, contractId, orderId, statementId, request.principal);
    let requestId = '';
    const answer = await this.send(request, response, contractId, (meta, commandId) => {
      requestId = idFromName('payment-request', commandId);
      return { type: 'RequestPayment', meta, statement, data: { requestId, invoiceReference: body.invoiceReference, amountCents: body.amountCents } };
    });
    return { ...answer, requestId: (answer.events[0]?.data as { requestId?: string } | undefined)?.requestId ?? requestId };
  }

  /** The provider contests a statement: its reasons and the total it claims. */
  @Roles('provider')
  @Post('orders/:orderId/service-statements/:statementId/disputes')
  async contest(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Param('statementId', Id) statementId: string,
    @Body() body: ContestStatementDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer & { disputeId: string }> {
    const statement = await statementFacts(this.store, contractId, orderId, statementId, request.principal);
    let disputeId = '';
    const answer = await this.send(request, response, contractId, (meta, commandId) => {
      disputeId = idFromName('statement-dispute', commandId);
      return { type: 'ContestStatement', meta, statement, data: { disputeId, reasons: body.reasons, claimedTotalCents: body.claimedTotalCents } };
    });
    return { ...answer, disputeId: (answer.events[0]?.data as { disputeId?: string } | undefined)?.disputeId ?? disputeId };
  }

  /** The buyer interrupts the payment period, once, for missing or wrong documents (CCP R2192-27/-28). */
  @Roles('buyer')
  @Post('payment-requests/:requestId/interruption')
  interrupt(
    @Param('contractId', Id) contractId: string,
    @Param('requestId', Id) requestId: string,
    @Body() body: InterruptPaymentPeriodDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    return this.send(request, response, contractId, (meta) => ({
      type: 'InterruptPaymentPeriod',
      meta,
      data: { requestId, reason: body.reason, missingDocuments: [...body.missingDocuments] },
    }));
  }

  /** The provider supplies the documents asked for: a new period opens (CCP R2192-29). */
  @Roles('provider')
  @Post('payment-requests/:requestId/missing-documents')
  supply(
    @Param('contractId', Id) contractId: string,
    @Param('requestId', Id) requestId: string,
    @Body() body: SupplyMissingDocumentsDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    return this.send(request, response, contractId, (meta) => ({ type: 'SupplyMissingDocuments', meta, data: { requestId, documents: [...body.documents] } }));
  }

  /** The buyer records a payment; paid after the deadline, it owes interest and the 40 € indemnity by right. */
  @Roles('buyer')
  @Post('payment-requests/:requestId/payments')
  pay(
    @Param('contractId', Id) contractId: string,
    @Param('requestId', Id) requestId: string,
    @Body() body: RecordPaymentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    return this.send(request, response, contractId, (meta, commandId) => ({
      type: 'RecordPayment',
      meta,
      data: { requestId, paymentId: idFromName('payment', commandId), amountCents: body.amountCents, paidOn: body.paidOn },
    }));
  }

  /** The buyer answers a dispute: accepted, partly accepted (with the total agreed) or rejected. */
  @Roles('buyer')
  @Post('statement-disputes/:disputeId/answer')
  answer(
    @Param('contractId', Id) contractId: string,
    @Param('disputeId', Id) disputeId: string,
    @Body() body: AnswerStatementDisputeDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentAnswer> {
    return this.send(request, response, contractId, (meta) => ({
      type: 'AnswerStatementDispute',
      meta,
      data: { disputeId, outcome: body.outcome, answer: body.answer, ...(body.agreedTotalCents === undefined ? {} : { agreedTotalCents: body.agreedTotalCents }) },
    }));
  }

  /**
   * The contract's payment requests with their deadlines, what is paid, overdue and owed in interest and
   * indemnity, and its statement disputes: the buyer sees all, a provider its own.
   */
  @Roles('buyer', 'auditor', 'admin', 'provider')
  @Get('payments')
  async read(
    @Param('contractId', Id) contractId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentsView & { revision: number }> {
    await this.queryBus.execute(new GetContract(contractId, principal));
    const { state, revision } = await this.fold(principal.tenant, contractId);
    response.setHeader('ETag', etagOf(revision));
    const providerId = principal.role === 'provider' ? principal.providerId : undefined;
    return { ...paymentsView(contractId, state, this.clock.now().toISOString(), providerId), revision };
  }

  private async send(
    request: ApiRequest,
    response: Response,
    contractId: string,
    command: (meta: CommandMeta, commandId: string) => PaymentCommand,
  ): Promise<PaymentAnswer> {
    const prepared = this.requests.from(request);
    const { context } = prepared;
    const meta: CommandMeta = { at: context.occurredAt, actorId: context.actorId, ...(context.providerId ? { providerId: context.providerId } : {}) };
    const result = await sendOnStream(this.store, paymentsDecider, paymentsStream(context.tenant, contractId), prepared, command(meta, context.commandId), response);
    return {
      contractId,
      revision: result.revision,
      events: result.events.map((event: PaymentEvent & { id: string }) => ({ id: event.id, type: event.type, data: event.data })),
      replayed: result.replayed,
    };
  }

  private fold(tenant: string, contractId: string): Promise<{ state: PaymentsState; revision: number }> {
    return foldOnStream(this.store, paymentsDecider, paymentsStream(tenant, contractId));
  }
}
