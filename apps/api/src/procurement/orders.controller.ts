import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { GetContract, OrderState } from '@app/procurement';
import { CurrentPrincipal, etagOf, NotFoundError, Principal, Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { AdjustOrderDto, IssueOrderDto } from './dto/order.dto';
import { pointOf, PointInTimeQuery } from './dto/point-in-time.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/** Purchase orders against awarded lots, and their adjustments under the contract's clauses. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('contracts/:contractId/orders')
export class OrdersController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: QueryBus,
  ) {}

  @Roles('buyer')
  @Post()
  issue(
    @Param('contractId', Id) contractId: string,
    @Body() body: IssueOrderDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { orderId: string }> {
    return this.commands.sendNaming(request, response, contractId, { key: 'orderId', kind: 'order' }, (meta, orderId) => ({
      type: 'IssueOrder',
      meta,
      data: { ...body, orderId },
    }));
  }

  @Get(':orderId')
  async read(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Query() point: PointInTimeQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OrderState> {
    const view = await this.queries.execute(new GetContract(contractId, principal, pointOf(point)));
    const order = view.contract.orders[orderId];
    if (!order) throw new NotFoundError('Order', orderId);
    response.setHeader('ETag', etagOf(view.revision));
    return order;
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':orderId/adjustments')
  adjust(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: AdjustOrderDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'AdjustOrder',
      meta,
      data: { orderId, clauseId: body.clauseId, reason: body.reason, adjustment: body.adjustment },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':orderId/close')
  close(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'CloseOrder', meta, data: { orderId } }));
  }
}
