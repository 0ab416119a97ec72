import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { AcceptDateShiftDto, DeclineDateShiftDto, RequestDateShiftDto } from './dto/date-shift.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/**
 * Date-shift requests on the shared session calendar: a Pôle emploi officer asks, the buyer accepts (a
 * MOVE_SESSION adjustment under the calendar clause named, checked like any other) or declines. Listed at
 * GET /coordination/date-shift-requests.
 */
@ApiTags('date-shift requests')
@ApiBearerAuth()
@Controller('contracts/:contractId')
export class DateShiftRequestsController {
  constructor(private readonly commands: ContractCommands) {}

  @Roles('pole_emploi')
  @Post('orders/:orderId/sessions/:sessionId/date-shift-requests')
  request(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Param('sessionId') sessionId: string,
    @Body() body: RequestDateShiftDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { requestId: string }> {
    return this.commands.sendNaming(request, response, contractId, { key: 'requestId', kind: 'date-shift-request' }, (meta, requestId) => ({
      type: 'RequestSessionDateShift',
      meta,
      data: { requestId, orderId, sessionId, ...body },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('date-shift-requests/:requestId/acceptance')
  accept(
    @Param('contractId', Id) contractId: string,
    @Param('requestId') requestId: string,
    @Body() body: AcceptDateShiftDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'AcceptSessionDateShift',
      meta,
      data: { requestId, clauseId: body.clauseId },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('date-shift-requests/:requestId/decline')
  decline(
    @Param('contractId', Id) contractId: string,
    @Param('requestId') requestId: string,
    @Body() body: DeclineDateShiftDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'DeclineSessionDateShift',
      meta,
      data: { requestId, reason: body.reason },
    }));
  }
}
