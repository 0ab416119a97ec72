import { EventStore } from '@app/event-store';
import { NotFoundError } from '@app/shared';
import { ExitDestination, OutcomeSituation } from '../domain/delivery/delivery.events';
import { TraineeDelivery } from '../domain/delivery/delivery.state';
import { countsByStratum } from '../domain/evaluation/evaluation-draw';
import { deliveryOf } from './get-referrals.query';
import { foldEvaluation } from './evaluation-entry';
import { loadContract } from './load-contract';
import { evolveProgramme, initialProgrammeState } from '../domain/programme/programme.decider';
import { ProgrammeEvent, programmeStream } from '../domain/programme/programme.events';

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
  /** Per arm: candidates, entered, completed, left early, employed at 6 months, per stratum, and month by month (12 months too). */
  arms: ArmFigures[];
}

/** How far an arm had got by the end of a month (YYYY-MM): each count cumulative since the draw. */
export interface ArmMonth {
  month: string;
  entered: number;
  completed: number;
  leftEarly: number;
  /** Situations at 6 and 12 months observed by then, and how many of them in employment. */
  observedAt6Months: number;
  employedAt6Months: number;
  observedAt12Months: number;
  employedAt12Months: number;
}

export interface ArmFigures {
  arm: string;
  receivesAction: boolean;
  candidates: number;
  entered: number;
  completed: number;
  leftEarly: number;
  employedAt6Months: number;
  byStratum: Record<string, number>;
  /** From the month of the draw to the month of the last entry, exit or observation recorded for the cohort. */
  overTime: ArmMonth[];
}

/** The project's evaluation as the steering page shows it: whether declared, registration, the draw and its arms. */
export interface ProjectEvaluation {
  projectId: string;
  title: string;
  declaredAt: string;
  candidates: number;
  registrationClosed: boolean;
  /** Null until the draw. */
  drawnAt: string | null;
  arms: ArmFigures[] | null;
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

  // The day each fact became known to the record, per candidate, for the arms over time.
  const dates = new Map<string, { entered?: string; completed?: string; leftEarly?: string; observed6?: string; employed6?: boolean; observed12?: string; employed12?: boolean }>();
  for (const { trainee } of entered.values()) {
    dates.set(trainee.traineeId, {
      entered: trainee.enteredOn,
      completed: trainee.completedOn,
      leftEarly: trainee.completedOn ? undefined : trainee.leftEarly?.on,
      observed6: trainee.outcomes[6]?.observedOn,
      employed6: trainee.outcomes[6]?.situation === 'EMPLOYED',
      observed12: trainee.outcomes[12]?.observedOn,
      employed12: trainee.outcomes[12]?.situation === 'EMPLOYED',
    });
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
  const months = monthsBetween(draw.drawnAt.slice(0, 7), [...dates.values()].flatMap((facts) => [facts.entered, facts.completed, facts.leftEarly, facts.observed6, facts.observed12]));
  const arms = protocol.arms.map(({ name, receivesAction }): ArmFigures => {
    const ofArm = members.filter((member) => member.arm === name);
    const factsOfArm = ofArm.map((member) => dates.get(member.candidateId)).filter((facts) => facts !== undefined);
    const by = (month: string, day: string | undefined) => day !== undefined && day.slice(0, 7) <= month;
    return {
      arm: name,
      receivesAction,
      candidates: ofArm.length,
      entered: ofArm.filter((member) => member.entry).length,
      completed: ofArm.filter((member) => member.exit?.kind === 'COMPLETED').length,
      leftEarly: ofArm.filter((member) => member.exit?.kind === 'LEFT_EARLY').length,
      employedAt6Months: ofArm.filter((member) => member.outcomes.months6 === 'EMPLOYED').length,
      byStratum: Object.fromEntries(Object.entries(counts).map(([stratum, ofStratum]) => [stratum, ofStratum[name]])),
      overTime: months.map((month) => ({
        month,
        entered: factsOfArm.filter((facts) => by(month, facts.entered)).length,
        completed: factsOfArm.filter((facts) => by(month, facts.completed)).length,
        leftEarly: factsOfArm.filter((facts) => by(month, facts.leftEarly)).length,
        observedAt6Months: factsOfArm.filter((facts) => by(month, facts.observed6)).length,
        employedAt6Months: factsOfArm.filter((facts) => facts.employed6 && by(month, facts.observed6)).length,
        observedAt12Months: factsOfArm.filter((facts) => by(month, facts.observed12)).length,
        employedAt12Months: factsOfArm.filter((facts) => facts.employed12 && by(month, facts.observed12)).length,
      })),
    };
  });
  return { programmeId, projectId, seedCommitment: protocol.seedCommitment, drawnAt: draw.drawnAt, factors: protocol.strata.map(({ factor }) => factor), members, arms };
}

/** Every month (YYYY-MM) from `first` to the latest of `days`, `first` alone when none is later. */
function monthsBetween(first: string, days: Array<string | undefined>): string[] {
  const last = days.reduce<string>((latest, day) => (day !== undefined && day.slice(0, 7) > latest ? day.slice(0, 7) : latest), first);
  const months = [first];
  while (months.at(-1)! < last) {
    const [year, month] = months.at(-1)!.split('-').map(Number);
    months.push(month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The evaluations of a programme's projects, in the programme's order of projects: each declared one with its
 * registration, and once drawn its arms (as `evaluationCohort` counts them). 404 without the programme.
 */
export async function programmeEvaluations(store: EventStore, tenant: string, programmeId: string): Promise<{ programmeId: string; evaluations: ProjectEvaluation[] }> {
  const history = await store.readStream(programmeStream(tenant, programmeId));
  const programme = history.reduce((state, event) => evolveProgramme(state, { type: event.type, data: event.data } as ProgrammeEvent), initialProgrammeState());
  if (!programme.programme) throw new NotFoundError('Programme', programmeId);
  const evaluations: ProjectEvaluation[] = [];
  for (const projectId of Object.keys(programme.projects)) {
    const { state } = await foldEvaluation(store, tenant, programmeId, projectId);
    if (!state.declared) continue;
    const arms = state.draw ? (await evaluationCohort(store, tenant, programmeId, projectId)).arms : null;
    evaluations.push({
      projectId,
      title: state.declared.title,
      declaredAt: state.declared.declaredAt,
      candidates: state.candidates.length,
      registrationClosed: state.registrationClosed,
      drawnAt: state.draw?.drawnAt ?? null,
      arms,
    });
  }
  return { programmeId, evaluations };
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
