import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EVENT_STORE, EventStore, SnapshotStore } from '@app/event-store';
import { programmeTargeting, ProgrammeTargeting, programmeTargetingByMonth, ProgrammeTargetingByMonth, ReadModels } from '@app/projections';
import {
  loadExistingContract,
  ProgrammeCommand,
  programmeDecider,
  programmeEvaluations,
  programmeProgress,
  ProgrammeState,
  programmeStream,
  RULES,
} from '@app/procurement';
import { Clock, CLOCK, CommandRequests, CurrentPrincipal, etagOf, NotFoundError, Principal, Roles, RuleViolation } from '@app/shared';
import { foldOnStream, sendOnStream } from '../stream-commands';
import { ApiRequest } from './contract-commands';
import { AddFundingLineDto, AddProjectDto, AsOfQuery, AttachLotDto, DefineProgrammeDto, ProgrammeIdParam, SetObjectiveDto, SetTargetShareDto } from './dto/programme.dto';

/**
 * The tenant's programmes (its regional Pacte, or any multi-year plan): projects, objectives, funding lines and
 * the lots they fund, defined by buyers; their progress read by buyers, auditors and Pôle emploi, as of any day.
 */
@ApiTags('programmes')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly snapshots: SnapshotStore,
    private readonly requests: CommandRequests,
    private readonly readModels: ReadModels,
  ) {}

  @Roles('buyer')
  @Post()
  define(@Body() body: DefineProgrammeDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, body.programmeId, (meta, tenant) => ({ type: 'DefineProgramme', meta, data: { tenant, ...body } }));
  }

  @Roles('buyer')
  @Post(':programmeId/projects')
  addProject(@Param() { programmeId }: ProgrammeIdParam, @Body() body: AddProjectDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, programmeId, (meta) => ({ type: 'AddProject', meta, data: { programmeId, ...body } }));
  }

  @Roles('buyer')
  @Post(':programmeId/funding-lines')
  addFundingLine(@Param() { programmeId }: ProgrammeIdParam, @Body() body: AddFundingLineDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, programmeId, (meta) => ({ type: 'AddFundingLine', meta, data: { programmeId, ...body } }));
  }

  @Roles('buyer')
  @Post(':programmeId/objectives')
  setObjective(@Param() { programmeId }: ProgrammeIdParam, @Body() body: SetObjectiveDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, programmeId, (meta) => ({ type: 'SetObjective', meta, data: { programmeId, ...body } }));
  }

  /** Sets the share of a public aimed at among the programme's trainees, valid from a day (422 outside the programme). */
  @Roles('buyer')
  @Post(':programmeId/targets')
  setTargetShare(@Param() { programmeId }: ProgrammeIdParam, @Body() body: SetTargetShareDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, programmeId, (meta) => ({ type: 'SetTargetShare', meta, data: { programmeId, ...body } }));
  }

  /** Attaches a lot of one of the tenant's contracts (404 otherwise; 422 LOT_NOT_FOUND for a lot it does not have). */
  @Roles('buyer')
  @Post(':programmeId/lots')
  async attachLot(@Param() { programmeId }: ProgrammeIdParam, @Body() body: AttachLotDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    const { state } = await loadExistingContract(this.store, request.principal.tenant, body.contractId);
    if (!state.lots[body.lotId]) throw new RuleViolation('LOT_NOT_FOUND', `No lot ${body.lotId} in contract ${body.contractId}`, RULES.LOT_NOT_FOUND, { lotId: body.lotId });
    return this.send(request, response, programmeId, (meta) => ({ type: 'AttachLot', meta, data: { programmeId, ...body } }));
  }

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get(':programmeId')
  async programme(@Param() { programmeId }: ProgrammeIdParam, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const { state, revision } = await this.fold(principal.tenant, programmeId);
    if (!state.programme) throw new NotFoundError('Programme', programmeId);
    response.setHeader('ETag', etagOf(revision));
    return { ...state.programme, projects: Object.values(state.projects), fundingLines: Object.values(state.fundingLines), objectives: Object.values(state.objectives), lots: state.lots };
  }

  /** Commitments and statements per funding line, each objective's progress and the State's additionality, now or `?asOf=`. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get(':programmeId/progress')
  progress(@Param() { programmeId }: ProgrammeIdParam, @Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal) {
    return programmeProgress(this.store, this.snapshots, principal.tenant, programmeId, asOf === undefined ? this.clock.now().toISOString() : new Date(asOf).toISOString());
  }

  /** The evaluations of the programme's experimental projects: registration, the draw, and each arm over time. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get(':programmeId/evaluations')
  evaluations(@Param() { programmeId }: ProgrammeIdParam, @CurrentPrincipal() principal: Principal) {
    return programmeEvaluations(this.store, principal.tenant, programmeId);
  }

  /**
   * Each public's share among the trainees entered on the programme's lots, per lot, contract and for the whole
   * programme, against the target valid on the day, now or `?asOf=` (the targeting read model, with its position).
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get(':programmeId/targeting')
  async targeting(@Param() { programmeId }: ProgrammeIdParam, @Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<ProgrammeTargeting> {
    await this.mustExist(principal.tenant, programmeId);
    return programmeTargeting(this.readModels, { tenant: principal.tenant, programmeId, asOf: this.moment(asOf) });
  }

  /** The same shares month by month: of each month's entries and to date, against the target valid at its end. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get(':programmeId/targeting/months')
  async targetingByMonth(@Param() { programmeId }: ProgrammeIdParam, @Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<ProgrammeTargetingByMonth> {
    await this.mustExist(principal.tenant, programmeId);
    return programmeTargetingByMonth(this.readModels, { tenant: principal.tenant, programmeId, asOf: this.moment(asOf) });
  }

  /** The programme's stream says whether it exists for the tenant; the read model may not have caught up with it yet. */
  private async mustExist(tenant: string, programmeId: string): Promise<void> {
    const { state } = await this.fold(tenant, programmeId);
    if (!state.programme) throw new NotFoundError('Programme', programmeId);
  }

  private moment(asOf: string | undefined): string {
    return asOf === undefined ? this.clock.now().toISOString() : new Date(asOf).toISOString();
  }

  private async send(request: ApiRequest, response: Response, programmeId: string, command: (meta: { at: string; actorId: string }, tenant: string) => ProgrammeCommand) {
    const prepared = this.requests.from(request);
    const { context } = prepared;
    const built = command({ at: context.occurredAt, actorId: context.actorId }, context.tenant);
    const result = await sendOnStream(this.store, programmeDecider, programmeStream(context.tenant, programmeId), prepared, built, response);
    return { programmeId, revision: result.revision, replayed: result.replayed };
  }

  private fold(tenant: string, programmeId: string): Promise<{ state: ProgrammeState; revision: number }> {
    return foldOnStream(this.store, programmeDecider, programmeStream(tenant, programmeId));
  }
}
