import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Awardee, ContractDirectory, ContractSummary, ExistingContract, GetContract, LotState } from '@app/procurement';
import { CurrentPrincipal, etagOf, idFromName, NotFoundError, Principal, Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { AwardLotDto, CloseContractDto, DefineLotDto, DraftContractDto, TerminateContractDto } from './dto/contract.dto';
import { AddClauseDto } from './dto/clause.dto';
import { pointOf, PointInTimeQuery } from './dto/point-in-time.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/** Contracts, their lots and clauses: drafted and awarded by buyers, read by everyone of the tenant. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: ContractCommands,
    private readonly queries: QueryBus,
    private readonly directory: ContractDirectory,
  ) {}

  @Roles('buyer')
  @Post()
  draft(@Body() body: DraftContractDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response): Promise<CommandAnswer> {
    const prepared = this.commands.context(request);
    // Named after the command: the same Idempotency-Key drafts the same contract.
    const contractId = idFromName('contract', prepared.context.commandId);
    return this.commands.send(
      request,
      response,
      contractId,
      (meta, context) => ({ type: 'DraftContract', meta, data: { ...body, contractId, tenant: context.tenant } }),
      prepared,
    );
  }

  /** The contracts of the caller's tenant (for a provider: those where it performs a lot). */
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ContractSummary[]> {
    return this.directory.list(principal);
  }

  /** The contract now, or as it was at `?asOf=` (a moment) or `?revision=` (a stream revision). */
  @Get(':contractId')
  async read(
    @Param('contractId', Id) contractId: string,
    @Query() point: PointInTimeQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExistingContract> {
    const view = await this.queries.execute(new GetContract(contractId, principal, pointOf(point)));
    response.setHeader('ETag', etagOf(view.revision));
    return view.contract;
  }

  /** One lot of the contract, now or at a point of its history. */
  @Get(':contractId/lots/:lotId')
  async readLot(
    @Param('contractId', Id) contractId: string,
    @Param('lotId') lotId: string,
    @Query() point: PointInTimeQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LotState> {
    const view = await this.queries.execute(new GetContract(contractId, principal, pointOf(point)));
    const lot = view.contract.lots[lotId];
    if (!lot) throw new NotFoundError('Lot', lotId);
    response.setHeader('ETag', etagOf(view.revision));
    return lot;
  }

  @Roles('buyer')
  @Post(':contractId/lots')
  defineLot(
    @Param('contractId', Id) contractId: string,
    @Body() body: DefineLotDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'DefineLot', meta, data: body }));
  }

  @Roles('buyer')
  @Post(':contractId/clauses')
  addClause(
    @Param('contractId', Id) contractId: string,
    @Body() body: AddClauseDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'AddClause', meta, data: body }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':contractId/publish')
  publish(@Param('contractId', Id) contractId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'PublishContract', meta }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':contractId/lots/:lotId/award')
  award(
    @Param('contractId', Id) contractId: string,
    @Param('lotId') lotId: string,
    @Body() body: AwardLotDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    const awardee: Awardee =
      body.providerIds.length === 1 && body.leadProviderId === undefined
        ? { kind: 'PROVIDER', providerId: body.providerIds[0] }
        : { kind: 'GROUPING', memberIds: body.providerIds, leadProviderId: body.leadProviderId ?? body.providerIds[0] };
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'AwardLot', meta, data: { lotId, awardee, bidsReceived: body.bidsReceived } }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':contractId/activate')
  activate(@Param('contractId', Id) contractId: string, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'ActivateContract', meta }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':contractId/close')
  close(@Param('contractId', Id) contractId: string, @Body() body: CloseContractDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    const { minimumShortfallReason } = body;
    return this.commands.send(request, response, contractId, (meta) => ({
      type: 'CloseContract',
      meta,
      ...(minimumShortfallReason === undefined ? {} : { data: { minimumShortfallReason } }),
    }));
  }

  @Roles('buyer')
  @HttpCode(200)
  @Post(':contractId/terminate')
  terminate(
    @Param('contractId', Id) contractId: string,
    @Body() body: TerminateContractDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'TerminateContract', meta, data: body }));
  }
}
