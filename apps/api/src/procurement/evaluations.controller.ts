import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  checkLotsFree,
  cohortCsv,
  countsByStratum,
  EvaluationCommand,
  evaluationCohort,
  evaluationDecider,
  evaluationStream,
  foldEvaluation,
  placeLotsUnderEvaluation,
  programmeDecider,
  ProgrammeState,
  programmeStream,
  RULES,
} from '@app/procurement';
import { CommandContext, CommandRequests, CurrentPrincipal, etagOf, foldStream, handleCommand, NotFoundError, Principal, Roles, RuleViolation } from '@app/shared';
import { ApiRequest } from './contract-commands';
import { CohortQuery, DeclareExperimentalProjectDto, DrawDto, EvaluationParams, RegisterCandidatesDto } from './dto/evaluation.dto';

/**
 * Randomised evaluation of a programme's experimental project: buyers declare the protocol with the commitment of
 * a secret seed, buyers and Pôle emploi register candidates, buyers close registration and reveal the seed at the
 * draw; buyers, auditors, Pôle emploi and administrators read the arms and the pseudonymised cohort.
 */
@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('programmes/:programmeId/projects/:projectId/evaluation')
export class EvaluationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly requests: CommandRequests,
  ) {}

  /** The lots named must be attached to the project in the tenant's programme (404 without the project). */
  @Roles('buyer')
  @Post()
  async declare(@Param() { programmeId, projectId }: EvaluationParams, @Body() protocol: DeclareExperimentalProjectDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    const tenant = request.principal.tenant;
    const { state: programme } = await foldStream(this.store, programmeStream(tenant, programmeId), programmeDecider.initialState, programmeDecider.evolve as (state: ProgrammeState, event: { type: string; data: unknown }) => ProgrammeState);
    const project = programme.projects[projectId];
    if (!project) throw new NotFoundError('Project', `${programmeId}/${projectId}`);
    const outside = protocol.lots.filter(({ contractId, lotId }) => !programme.lots.some((lot) => lot.projectId === projectId && lot.contractId === contractId && lot.lotId === lotId));
    if (outside.length > 0) {
      throw new RuleViolation('EVALUATION_LOT_NOT_IN_PROJECT', `${outside.length} lot(s) are not attached to project ${projectId}`, RULES.EVALUATION_LOT_NOT_IN_PROJECT, { lots: outside.map((lot) => ({ ...lot })) });
    }
    await checkLotsFree(this.store, tenant, programmeId, projectId, protocol.lots);
    const { criteria, requiredFlags, qualificationLevels } = protocol.eligibility;
    const data = {
      tenant,
      programmeId,
      projectId,
      title: project.title,
      protocol: {
        eligibility: { criteria, requiredFlags, ...(qualificationLevels === undefined ? {} : { qualificationLevels }) },
        arms: protocol.arms.map(({ name, ratio, receivesAction }) => ({ name, ratio, receivesAction })),
        strata: protocol.strata.map(({ factor, levels }) => ({ factor, levels })),
        seedCommitment: protocol.seedCommitment,
        lots: protocol.lots.map(({ contractId, lotId }) => ({ contractId, lotId })),
      },
    };
    return this.send(request, response, programmeId, projectId, (meta) => ({ type: 'DeclareExperimentalProject', meta, data }), (context) => placeLotsUnderEvaluation(this.store, data, context));
  }

  @Roles('buyer', 'pole_emploi')
  @Post('candidates')
  register(@Param() { programmeId, projectId }: EvaluationParams, @Body() { candidates }: RegisterCandidatesDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    const profiles = candidates.map(({ candidateId, strata, flags, qualificationLevel }) => ({ candidateId, strata: Object.fromEntries(strata.map(({ factor, level }) => [factor, level])), flags, ...(qualificationLevel === undefined ? {} : { qualificationLevel }) }));
    return this.send(request, response, programmeId, projectId, (meta) => ({ type: 'RegisterCandidates', meta, data: { programmeId, projectId, candidates: profiles } }));
  }

  @Roles('buyer')
  @Post('registration-closure')
  close(@Param() { programmeId, projectId }: EvaluationParams, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    return this.send(request, response, programmeId, projectId, (meta) => ({ type: 'CloseCandidateRegistration', meta, data: { programmeId, projectId } }));
  }

  /** Reveals the seed: 422 EVALUATION_SEED_MISMATCH unless it hashes to the commitment; the lots are placed first. */
  @Roles('buyer')
  @Post('draw')
  async draw(@Param() { programmeId, projectId }: EvaluationParams, @Body() { seed }: DrawDto, @Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    const { context, expectedRevision } = this.requests.from(request);
    const { state, revision } = await foldEvaluation(this.store, context.tenant, programmeId, projectId);
    const draw = (meta: { at: string; actorId: string }): EvaluationCommand => ({ type: 'DrawCandidates', meta, data: { programmeId, projectId, seed } });
    // The lots are placed only for a draw that will be recorded: a refusal (422) or a stale If-Match (409) writes nothing.
    if (state.declared && (expectedRevision === undefined || expectedRevision === revision)) {
      evaluationDecider.decide(draw({ at: context.occurredAt, actorId: context.actorId }), state);
      await placeLotsUnderEvaluation(this.store, state.declared, context);
    }
    return this.send(request, response, programmeId, projectId, draw);
  }

  /** The protocol, the candidates registered and, once drawn, the seed and the count per arm in each stratum. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get()
  async read(@Param() { programmeId, projectId }: EvaluationParams, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const { state, revision } = await foldEvaluation(this.store, principal.tenant, programmeId, projectId);
    if (!state.declared) throw new NotFoundError('Evaluation', `${programmeId}/${projectId}`);
    response.setHeader('ETag', etagOf(revision));
    const { protocol, title, declaredAt } = state.declared;
    return {
      programmeId,
      projectId,
      title,
      declaredAt,
      protocol,
      candidates: state.candidates.length,
      registrationClosed: state.registrationClosed,
      draw: state.draw ? { seed: state.draw.seed, drawnAt: state.draw.drawnAt, countsByStratum: countsByStratum(protocol.arms, state.draw.assignments) } : null,
    };
  }

  /** Per arm: candidates, entries, exits and 6-month employment, with the count per stratum. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('arms')
  async arms(@Param() { programmeId, projectId }: EvaluationParams, @CurrentPrincipal() principal: Principal) {
    const { arms, drawnAt, seedCommitment } = await evaluationCohort(this.store, principal.tenant, programmeId, projectId);
    return { programmeId, projectId, drawnAt, seedCommitment, arms };
  }

  /** The pseudonymised cohort for the evaluators, as JSON or `?format=csv`. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('cohort')
  async cohort(@Param() { programmeId, projectId }: EvaluationParams, @Query() { format }: CohortQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const cohort = await evaluationCohort(this.store, principal.tenant, programmeId, projectId);
    if (format !== 'csv') return cohort;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="cohort-${programmeId}-${projectId}.csv"`);
    return cohortCsv(cohort);
  }

  private async send(
    request: ApiRequest,
    response: Response,
    programmeId: string,
    projectId: string,
    command: (meta: { at: string; actorId: string }) => EvaluationCommand,
    after?: (context: CommandContext) => Promise<void>,
  ) {
    const { context, expectedRevision } = this.requests.from(request);
    const result = await handleCommand(
      this.store,
      evaluationDecider,
      evaluationStream(context.tenant, programmeId, projectId),
      command({ at: context.occurredAt, actorId: context.actorId }),
      context,
      expectedRevision === undefined ? {} : { expectedRevision },
    );
    await after?.(context);
    response.status(result.replayed ? 200 : 201);
    response.setHeader('ETag', etagOf(result.revision));
    return { programmeId, projectId, revision: result.revision, replayed: result.replayed, events: result.events.length };
  }
}
