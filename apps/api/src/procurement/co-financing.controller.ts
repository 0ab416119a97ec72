import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CommandMeta, ProcurementCommand } from '@app/procurement';
import { Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import {
  CoFinancingOfferAnswerDto,
  DeclineCoFinancingOfferDto,
  OfferCoFinancingDto,
  OfferCoFinancingTerminationDto,
  ReductionConsentDto,
} from './dto/co-financing.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/**
 * Co-financing (abondement) of an order by Pôle emploi, agreed by both parties: the officer offers (an
 * agreement, a change, an end), the buyer accepts or declines; the officer alone consents to a reduction
 * below the co-financed part. The agreement is read on the order (GET .../orders/:orderId, `coFinancing`).
 */
@ApiTags('co-financing')
@ApiBearerAuth()
@Controller('contracts/:contractId/orders/:orderId/co-financing')
export class CoFinancingController {
  constructor(private readonly commands: ContractCommands) {}

  @Roles('pole_emploi')
  @Post()
  offer(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: OfferCoFinancingDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { offerId: string }> {
    return this.sendOffer(request, response, contractId, (meta, offerId) => ({ type: 'OfferCoFinancing', meta, data: { orderId, offerId, ...body } }));
  }

  @Roles('pole_emploi')
  @Post('termination')
  offerTermination(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: OfferCoFinancingTerminationDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { offerId: string }> {
    return this.sendOffer(request, response, contractId, (meta, offerId) => ({ type: 'OfferCoFinancingTermination', meta, data: { orderId, offerId, ...body } }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('acceptance')
  accept(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: CoFinancingOfferAnswerDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'AcceptCoFinancingOffer',
      meta,
      data: { orderId, offerId: body.offerId },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('decline')
  decline(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: DeclineCoFinancingOfferDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'DeclineCoFinancingOffer',
      meta,
      data: { orderId, offerId: body.offerId, reason: body.reason },
    }));
  }

  /** Single use: the next reduction below the co-financed part may go down to the floor, once. */
  @Roles('pole_emploi')
  @Post('reduction-consent')
  consentToReduction(
    @Param('contractId', Id) contractId: string,
    @Param('orderId') orderId: string,
    @Body() body: ReductionConsentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { consentId: string }> {
    return this.commands.sendNaming(request, response, contractId, { key: 'consentId', kind: 'reduction-consent' }, (meta, consentId) => ({
      type: 'ConsentToCoFinancedReduction',
      meta,
      data: { orderId, consentId, ...body },
    }));
  }

  /** Sends an offer named after the request's command id, so a repeated request names the same offer. */
  private sendOffer(
    request: ApiRequest,
    response: Response,
    contractId: string,
    build: (meta: CommandMeta, offerId: string) => ProcurementCommand,
  ): Promise<CommandAnswer & { offerId: string }> {
    return this.commands.sendNaming(request, response, contractId, { key: 'offerId', kind: 'co-financing-offer' }, build);
  }
}
