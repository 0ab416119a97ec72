import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { DeliveryEvent, DeliveryReport, DeliveryView, GetDelivery, IssueServiceStatement, ReportDelivery, ServiceStatement } from '@app/procurement';
import { CommandRequests, CommandResult, CurrentPrincipal, etagOf, idFromName, Principal, Roles } from '@app/shared';
import { DeliveryReportPipe } from './delivery-report.pipe';
import { DELIVERY_REPORT_DTOS } from './dto/delivery-report.dto';
import { IssueServiceStatementDto } from './dto/service-statement.dto';

const Id = new ParseUUIDPipe({ version: '5' });

type ApiRequest = Request & { principal: Principal };

export interface DeliveryAnswer {
  contractId: string;
  orderId: string;
  /** Revision of the order's delivery stream after the command: send it back as If-Match to write on it. */
  revision: number;
  /** Empty when the same fact had already been reported: nothing new was written. */
  events: Array<{ id: string; type: string }>;
  /** True when this Idempotency-Key had been used: the first answer, nothing new written. */
  replayed: boolean;
}

/**
 * Delivery of an order: providers report what they delivered, one fact per request; buyers issue the service
 * statements (états de service fait) that make it payable; everyone of the tenant who may see the order reads
 * it. The revision and ETag here are those of the order's delivery stream, not of the contract's.
 */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller('contracts/:contractId/orders/:orderId')
export class DeliveriesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly requests: CommandRequests,
  ) {}

  @Roles('provider')
  @Post('deliveries')
  @ApiBody({
    description: 'One fact of the delivery, by kind; trainees are named by a pseudonymous id only',
    schema: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: Object.keys(DELIVERY_REPORT_DTOS) } } },
  })
  async report(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Body(DeliveryReportPipe) report: DeliveryReport,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeliveryAnswer> {
    const { context, expectedRevision } = this.requests.from(request);
    // The contact arrives in clear and goes to the command apart from the report: only its sealed form is recorded.
    const { surveyContact, ...fact } = report as DeliveryReport & { surveyContact?: string };
    const result: CommandResult<DeliveryEvent> = await this.commandBus.execute(
      new ReportDelivery(contractId, orderId, fact as DeliveryReport, context, expectedRevision, surveyContact === undefined ? {} : { surveyContact }),
    );
    return answer(response, contractId, orderId, result);
  }

  @Get('deliveries')
  async read(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeliveryView> {
    const view: DeliveryView = await this.queryBus.execute(new GetDelivery(contractId, orderId, principal));
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  @Roles('buyer')
  @Post('service-statements')
  async issueStatement(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Body() body: IssueServiceStatementDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeliveryAnswer & { statementId: string; statement: ServiceStatement }> {
    const { context, expectedRevision } = this.requests.from(request);
    // Named after the command: the same Idempotency-Key names the same statement.
    const statementId = idFromName('statement', context.commandId);
    const result: CommandResult<DeliveryEvent> = await this.commandBus.execute(
      new IssueServiceStatement(contractId, orderId, statementId, body.periodStart, body.periodEnd, context, expectedRevision),
    );
    const issued = result.events.find((event) => event.type === 'ServiceStatementIssued');
    return { ...answer(response, contractId, orderId, result), statementId, statement: issued!.data as ServiceStatement };
  }
}

function answer(response: Response, contractId: string, orderId: string, result: CommandResult<DeliveryEvent>): DeliveryAnswer {
  response.setHeader('ETag', etagOf(result.revision));
  return {
    contractId,
    orderId,
    revision: result.revision,
    events: result.events.map((event) => ({ id: event.id, type: event.type })),
    replayed: result.replayed,
  };
}
