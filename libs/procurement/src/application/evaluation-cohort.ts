import { EventStore } from '@app/event-store';
import { NotFoundError } from '@app/shared';
import { ExitDestination, OutcomeSituation } from '../domain/delivery/delivery.events';
import { TraineeDelivery } from '../domain/delivery/delivery.state';
import { countsByStratum } from '../domain/evaluation/evaluation-draw';
import { deliveryOf } from './get-referrals.query';
import { foldEvaluation } from './evaluation-entry';
import { loadContract } from './load-contract';

/** One candidate of a drawn evaluation as the evaluators receive it: pseudonymous id, arm, strata, entry and exit. */
export interface CohortMember {
  candidateId: string;
  arm: string;
  receivesAction: boolean;
  strata: Record<string, string>;
  /** Their entry on an order of a lot delivering the action, if any. */
  entry: { contractId: string; lotId: string; orderId: string; sessionId: string; enteredOn: string } | null;
  exit: { kind: 'COMPLETED'; on: string } | { kind: 'LEFT_EARLY'; on: string; destination: ExitDestination } | null;
  /** What became of them 6 and 12 months after the exit, as observed. */
  outcomes: { months6: OutcomeSituation | null; months12: OutcomeSituation | null };
}

export interface EvaluationCohort {
  programmeId: string;
  projectId: string;
  seedCommitment: string;
  drawnAt: string;
  factors: string[];
  members: CohortMember[];
  /** Per arm: candidates, entered, completed, left early, positive 6-month situations, and per stratum. */
  arms: Array<{ arm: string; receivesAction: boolean; candidates: number; entered: number; completed: number; leftEarly: number; employedAt6Months: number; byStratum: Record<string, number> }>;
}

/**
 * The cohort of a drawn evaluation, replayed from the record: each candidate's arm and strata from the draw, and
 * what the delivery streams of the orders of the action's lots say of them (entry, exit, outcomes).
 */
export async function evaluationCohort(store: EventStore, tenant: string, programmeId: string, projectId: string): Promise<EvaluationCohort> {
  const { state } = await foldEvaluation(store, tenant, programmeId, projectId);
  const declared = state.declared;
  if (!declared) throw new NotFoundError('Evaluation', `${programmeId}/${projectId}`);
  const draw = state.draw;
  if (!draw) throw new NotFoundError('Draw of the evaluation', `${programmeId}/${projectId}`);
  const { protocol } = declared;

  const entered = new Map<string, { trainee: TraineeDelivery; contractId: string; lotId: string; orderId: string }>();
  for (const { contractId, lotId } of protocol.lots) {
    const { state: contract } = await loadContract(store, contractId);
    if (contract.status === 'EMPTY' || contract.tenant !== tenant) continue;
    for (const [orderId, order] of Object.entries(contract.orders)) {
      if (order.lotId !== lotId) continue;
      const { delivery } = await deliveryOf(store, orderId);
      for (const trainee of Object.values(delivery.trainees)) entered.set(trainee.traineeId, { trainee, contractId, lotId, orderId });
    }
  }

  const profiles = new Map(state.candidates.map((candidate) => [candidate.candidateId, candidate]));
  const members = draw.assignments.map(({ candidateId, arm }): CohortMember => {
    const found = entered.get(candidateId);
    const trainee = found?.trainee;
    return {
      candidateId,
      arm,
      receivesAction: protocol.arms.find(({ name }) => name === arm)!.receivesAction,
      strata: profiles.get(candidateId)!.strata,
      entry: found ? { contractId: found.contractId, lotId: found.lotId, orderId: found.orderId, sessionId: found.trainee.sessionId, enteredOn: found.trainee.enteredOn } : null,
      exit: trainee?.completedOn
        ? { kind: 'COMPLETED', on: trainee.completedOn }
        : trainee?.leftEarly
          ? { kind: 'LEFT_EARLY', on: trainee.leftEarly.on, destination: trainee.leftEarly.destination }
          : null,
      outcomes: { months6: trainee?.outcomes[6]?.situation ?? null, months12: trainee?.outcomes[12]?.situation ?? null },
    };
  });
  const counts = countsByStratum(protocol.arms, draw.assignments);
  const arms = protocol.arms.map(({ name, receivesAction }) => {
    const ofArm = members.filter((member) => member.arm === name);
    return {
      arm: name,
      receivesAction,
      candidates: ofArm.length,
      entered: ofArm.filter((member) => member.entry).length,
      completed: ofArm.filter((member) => member.exit?.kind === 'COMPLETED').length,
      leftEarly: ofArm.filter((member) => member.exit?.kind === 'LEFT_EARLY').length,
      employedAt6Months: ofArm.filter((member) => member.outcomes.months6 === 'EMPLOYED').length,
      byStratum: Object.fromEntries(Object.entries(counts).map(([stratum, ofStratum]) => [stratum, ofStratum[name]])),
    };
  });
  return { programmeId, projectId, seedCommitment: protocol.seedCommitment, drawnAt: draw.drawnAt, factors: protocol.strata.map(({ factor }) => factor), members, arms };
}

/** A CSV cell: quoted when it holds a separator, a quote or a line break; a leading = + - @ neutralised for spreadsheets. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The cohort as CSV (RFC 4180, CRLF): one line per candidate, one column per stratification factor. */
export function cohortCsv(cohort: EvaluationCohort): string {
  const header = ['candidateId', 'arm', ...cohort.factors, 'enteredOn', 'orderId', 'exit', 'exitOn', 'exitDestination', 'situationAt6Months', 'situationAt12Months'];
  const lines = cohort.members.map((member) => [
    member.candidateId,
    member.arm,
    ...cohort.factors.map((factor) => member.strata[factor] ?? ''),
    member.entry?.enteredOn ?? '',
    member.entry?.orderId ?? '',
    member.exit?.kind ?? '',
    member.exit?.on ?? '',
    member.exit?.kind === 'LEFT_EARLY' ? member.exit.destination : '',
    member.outcomes.months6 ?? '',
    member.outcomes.months12 ?? '',
  ]);
  return [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
