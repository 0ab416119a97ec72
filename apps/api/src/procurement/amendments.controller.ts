import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AmendmentState, GetContract } from '@app/procurement';
import { CurrentPrincipal, etagOf, NotFoundError, Principal, Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { toAmendmentChange } from './dto/amendment-change.mapping';
import {
  AcceptCompensationClaimDto,
  CompensationClaimDto,
  DisputeAmendmentDto,
  ProposeAmendmentDto,
  RefuseCompensationClaimDto,
  RequestAmendmentDto,
  TenderCommitteeOpinionDto,
  UnilateralModificationDto,
  WithdrawAmendmentDto,
} from './dto/amendment.dto';
import { pointOf, PointInTimeQuery } from './dto/point-in-time.dto';

const Id = new ParseUUIDPipe({ version: '5' });
const NEW_AMENDMENT = { key: 'amendmentId', kind: 'amendment' } as const;

/**
 * Amendments: proposed by the buyer (or requested by a provider), checked for a legal basis, signed,
 * notified, then acknowledged, accepted or disputed by the provider.
 */
@ApiTags('amendments')
@ApiBearerAuth()
@Controller('contracts/:contractId')
export class AmendmentsController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: QueryBus,
  ) {}

  @Roles('buyer')
  @Post('amendments')
  async propose(
    @Param('contractId', Id) contractId: string,
    @Body() body: ProposeAmendmentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { amendmentId: string }> {
    const change = toAmendmentChange(body.change);
    return this.commands.sendNaming(request, response, contractId, { ...NEW_AMENDMENT, given: body.requestId }, (meta, amendmentId) => ({
      type: 'ProposeAmendment',
      meta,
      data: { ...body, change, amendmentId },
    }));
  }

  /**
   * The buyer modifies the contract alone (CCP L6 4°, L2194-2): checked as an amendment, in force at once, it opens
   * the right to compensation of the providers whose lots it changes. Answered with its id (an amendment id).
   */
  @Roles('buyer')
  @Post('unilateral-modifications')
  async imposeUnilaterally(
    @Param('contractId', Id) contractId: string,
    @Body() body: UnilateralModificationDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { amendmentId: string }> {
    const change = toAmendmentChange(body.change);
    return this.commands.sendNaming(request, response, contractId, NEW_AMENDMENT, (meta, amendmentId) => ({
      type: 'ImposeUnilateralModification',
      meta,
      data: { ...body, change, amendmentId },
    }));
  }

  /** A provider whose lot a unilateral modification changed claims compensation: the amount and its reasons. */
  @Roles('provider')
  @Post('unilateral-modifications/:amendmentId/compensation-claims')
  async fileCompensationClaim(
    @Param('contractId', Id) contractId: string,
    @Param('amendmentId') amendmentId: string,
    @Body() body: CompensationClaimDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { claimId: string }> {
    return this.commands.sendNaming(request, response, contractId, { key: 'claimId', kind: 'compensation-claim' }, (meta, claimId) => ({
      type: 'FileCompensationClaim',
      meta,
      data: { claimId, amendmentId, amountCents: body.amountCents, reasons: body.reasons },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('compensation-claims/:claimId/accept')
  acceptCompensationClaim(
    @Param('contractId', Id) contractId: string,
    @Param('claimId') claimId: string,
    @Body() body: AcceptCompensationClaimDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'AcceptCompensationClaim', meta, data: { claimId, ...body } }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('compensation-claims/:claimId/refuse')
  refuseCompensationClaim(
    @Param('contractId', Id) contractId: string,
    @Param('claimId') claimId: string,
    @Body() body: RefuseCompensationClaimDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'RefuseCompensationClaim', meta, data: { claimId, reason: body.reason } }));
  }

  @Roles('provider')
  @Post('amendment-requests')
  async requestAmendment(
    @Param('contractId', Id) contractId: string,
    @Body() body: RequestAmendmentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer & { amendmentId: string }> {
    const change = toAmendmentChange(body.change);
    return this.commands.sendNaming(request, response, contractId, NEW_AMENDMENT, (meta, amendmentId) => ({
      type: 'RequestAmendment',
      meta,
      data: { ...body, change, amendmentId },
    }));
  }

  @Get('amendments/:amendmentId')
  async read(
    @Param('contractId', Id) contractId: string,
    @Param('amendmentId') amendmentId: string,
    @Query() point: PointInTimeQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AmendmentState> {
    const view = await this.queries.execute(new GetContract(contractId, principal, pointOf(point)));
    const amendment = view.contract.amendments[amendmentId];
    if (!amendment) throw new NotFoundError('Amendment', amendmentId);
    response.setHeader('ETag', etagOf(view.revision));
    return amendment;
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/tender-committee-opinion')
  recordOpinion(
    @Param('contractId', Id) contractId: string,
    @Param('amendmentId') amendmentId: string,
    @Body() body: TenderCommitteeOpinionDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'RecordTenderCommitteeOpinion',
      meta,
      data: { amendmentId, ...body },
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/sign')
  sign(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'SignAmendment', meta, data: { amendmentId } }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/notify')
  notify(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'NotifyAmendment', meta, data: { amendmentId } }));
  }

  /**
   * Refused (422 DEEMED_ACCEPTANCE_NOT_ALLOWED): silence is not acceptance. Kept so that older clients learn why,
   * and which acts replace it (no-answer, unilateral-modifications).
   */
  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/deemed-acceptance')
  deemAccepted(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'RecordDeemedAcceptance', meta, data: { amendmentId } }));
  }

  /** After the response deadline without the provider's consent: recorded as no answer, the amendment lapses. */
  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/no-answer')
  recordNoAnswer(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'RecordNoAnswer', meta, data: { amendmentId } }));
  }

  /** An amendment never signed (proposed, or requested by a provider) is withdrawn, freeing its R2194-9 headroom. */
  @Roles('buyer')
  @HttpCode(200)
  @Post('amendments/:amendmentId/withdraw')
  withdraw(
    @Param('contractId', Id) contractId: string,
    @Param('amendmentId') amendmentId: string,
    @Body() body: WithdrawAmendmentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'WithdrawAmendment', meta, data: { amendmentId, reason: body.reason } }));
  }

  @Roles('provider')
  @HttpCode(200)
  @Post('amendments/:amendmentId/acknowledge')
  acknowledge(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'AcknowledgeAmendment', meta, data: { amendmentId } }));
  }

  @Roles('provider')
  @HttpCode(200)
  @Post('amendments/:amendmentId/accept')
  accept(@Param('contractId', Id) contractId: string, @Param('amendmentId') amendmentId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'AcceptAmendment', meta, data: { amendmentId } }));
  }

  @Roles('provider')
  @HttpCode(200)
  @Post('amendments/:amendmentId/dispute')
  dispute(
    @Param('contractId', Id) contractId: string,
    @Param('amendmentId') amendmentId: string,
    @Body() body: DisputeAmendmentDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'DisputeAmendment', meta, data: { amendmentId, reason: body.reason } }));
  }
}
