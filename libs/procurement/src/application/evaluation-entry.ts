import { EventStore } from '@app/event-store';
import { CommandContext, foldStream, handleCommand, idFromName, RuleViolation } from '@app/shared';
import { RULES } from '../domain/contract/rule-codes';
import { armOf, EvaluatedLotState, evaluatedLotDecider, evaluationDecider, EvaluationState } from '../domain/evaluation/evaluation.decider';
import { evaluatedLotStream, evaluationStream, ExperimentalProjectDeclared, LotPlacedUnderEvaluation } from '../domain/evaluation/evaluation.events';

type Fold<State> = (state: State, event: { type: string; data: unknown }) => State;

export function foldEvaluation(store: EventStore, tenant: string, programmeId: string, projectId: string): Promise<{ state: EvaluationState; revision: number }> {
  return foldStream(store, evaluationStream(tenant, programmeId, projectId), evaluationDecider.initialState, evaluationDecider.evolve as Fold<EvaluationState>);
}

/** The evaluation a lot delivers the experimental action of, when one was placed on it. */
export async function evaluationOfLot(store: EventStore, tenant: string, contractId: string, lotId: string): Promise<LotPlacedUnderEvaluation['data'] | undefined> {
  const { state } = await foldStream(store, evaluatedLotStream(tenant, contractId, lotId), evaluatedLotDecider.initialState, evaluatedLotDecider.evolve as Fold<EvaluatedLotState>);
  return state.evaluation;
}

/**
 * Places each lot of the protocol under its evaluation (a pointer stream per lot, `evaluated-lot-…`), so that an
 * entry on the lot finds the draw. Done after the declaration and again before the draw: the second placement
 * writes nothing, and completes a declaration whose placement was interrupted.
 */
export async function placeLotsUnderEvaluation(store: EventStore, declared: Pick<ExperimentalProjectDeclared['data'], 'tenant' | 'programmeId' | 'projectId' | 'protocol'>, context: CommandContext): Promise<void> {
  for (const { contractId, lotId } of declared.protocol.lots) {
    // A command of its own per lot: event ids are named after the command id, and must differ from the evaluation's.
    const placement = { ...context, commandId: idFromName('lot-under-evaluation', context.commandId, contractId, lotId) };
    await handleCommand(
      store,
      evaluatedLotDecider,
      evaluatedLotStream(declared.tenant, contractId, lotId),
      { type: 'PlaceLotUnderEvaluation', meta: { at: context.occurredAt, actorId: context.actorId }, data: { tenant: declared.tenant, contractId, lotId, programmeId: declared.programmeId, projectId: declared.projectId } },
      placement,
    );
  }
}

/** Refuses a lot already placed under another evaluation, before a declaration naming it is recorded. */
export async function checkLotsFree(store: EventStore, tenant: string, programmeId: string, projectId: string, lots: Array<{ contractId: string; lotId: string }>): Promise<void> {
  for (const { contractId, lotId } of lots) {
    const placed = await evaluationOfLot(store, tenant, contractId, lotId);
    if (placed && (placed.programmeId !== programmeId || placed.projectId !== projectId)) {
      throw new RuleViolation('LOT_UNDER_ANOTHER_EVALUATION', `Lot ${lotId} of contract ${contractId} delivers the experimental action of project ${placed.projectId}`, RULES.LOT_UNDER_ANOTHER_EVALUATION, {
        contractId,
        lotId,
        programmeId: placed.programmeId,
        projectId: placed.projectId,
      });
    }
  }
}

/**
 * The draw decides who receives the experimental action: a candidate drawn into an arm that does not receive it
 * (a control arm) is not entered on an order of a lot delivering the action, or the comparison the evaluation
 * rests on is lost (seed 002 §3.5, "protocole d'assignation aléatoire"). Checked on the command path, from the
 * lot's evaluation stream: a trainee who is not a candidate, or an entry before the draw, is not concerned.
 */
export async function checkEntryAgainstDraw(store: EventStore, tenant: string, contractId: string, lotId: string, traineeId: string): Promise<void> {
  const placed = await evaluationOfLot(store, tenant, contractId, lotId);
  if (!placed) return;
  const { state } = await foldEvaluation(store, tenant, placed.programmeId, placed.projectId);
  const drawn = armOf(state, traineeId);
  if (!drawn || drawn.receivesAction) return;
  throw new RuleViolation(
    'EVALUATION_CONTROL_ARM_NOT_ENTERED',
    `Candidate ${traineeId} was drawn into arm ${drawn.arm}, which does not receive the experimental action of project ${placed.projectId}`,
    RULES.EVALUATION_CONTROL_ARM_NOT_ENTERED,
    { traineeId, arm: drawn.arm, programmeId: placed.programmeId, projectId: placed.projectId, drawnAt: state.draw!.drawnAt },
  );
}
