import { EventStore, eventsUpTo, RecordedEvent, SnapshotStore } from '@app/event-store';
import { NotFoundError } from '@app/shared';
import { deliveryStream } from '../domain/delivery/delivery.decider';
import { ServiceStatement } from '../domain/delivery/delivery.events';
import { paymentsStream } from '../domain/payment/payment.decider';
import { PaymentEvent } from '../domain/payment/payment.events';
import { evolvePayments, initialPaymentsState, PaymentsState } from '../domain/payment/payment.state';
import { evolveProgramme, initialProgrammeState, ProgrammeState } from '../domain/programme/programme.decider';
import { Funder, ObjectiveIndicator, ProgrammeEvent, programmeStream } from '../domain/programme/programme.events';
import { daysBetween } from '../domain/terms/command-meta';
import { loadContract } from './load-contract';

/** What the lots attached to a project have done, as of a moment. */
export interface LotFigures {
  projectId: string;
  contractId: string;
  lotId: string;
  fundingLineId: string;
  /** Value committed by the lot's purchase orders, adjustments included. */
  committedCents: number;
  /** Totals of the service statements issued on the lot's orders. */
  statedCents: number;
  /** What the buyer recorded as paid on the payment requests of the lot's orders (interest and indemnity apart). */
  paidCents: number;
  entries: number;
  certifications: number;
}

export interface FundingLineFigures {
  fundingLineId: string;
  funder: Funder;
  label: string;
  amountCents: number;
  committedCents: number;
  statedCents: number;
  paidCents: number;
  /** amount − committed; negative when the lots attached to the line committed beyond it. */
  remainingCents: number;
}

export interface ObjectiveProgress {
  objectiveId: string;
  projectId: string;
  indicator: ObjectiveIndicator;
  targetValue: number;
  targetDate: string;
  value: number;
  /** value / target in percent, truncated to 2 decimals. */
  progressPercent: number;
  /** REACHED once the value meets the target; MISSED past the target date without it; IN_PROGRESS before. */
  status: 'REACHED' | 'IN_PROGRESS' | 'MISSED';
}

/**
 * Whether the State's money adds to the Région's own effort. The Pactes régionaux d'investissement dans les
 * compétences (PIC, circular DGEFP of 2018 and the Pactes signed in 2019) fund, with State money, training beyond
 * the Région's reference level ("niveau de référence" of its own spending): State money spent while the Région's
 * own commitments are below that level replaces the Région's effort instead of adding to it. The reference level
 * covers the programme's whole period; as of a day it is counted pro rata of the days elapsed.
 */
export interface Additionality {
  regionReferenceLevelCents: number;
  /** The reference level pro rata of the programme's days elapsed on the day, rounded down. */
  referenceToDateCents: number;
  regionCommittedCents: number;
  stateCommittedCents: number;
  /** Région's and State's commitments beyond the reference to date (negative below it). */
  spendingBeyondReferenceCents: number;
  /** State money beyond the Région's shortfall: additional. */
  stateAdditionalCents: number;
  /** State money filling the Région's shortfall below its reference: substituting. */
  stateSubstitutingCents: number;
}

export interface ProgrammeProgress {
  programmeId: string;
  title: string;
  /** The moment the figures are as of. */
  asOf: string;
  fundingLines: FundingLineFigures[];
  objectives: ObjectiveProgress[];
  lots: LotFigures[];
  additionality: Additionality;
}

/**
 * A programme's progress as of a moment, replayed from the record: the programme's stream, the contracts of its
 * lots and their orders' delivery, each read up to the moment, so that an auditor asking for a past day gets
 * the figures the buyer saw then.
 */
export async function programmeProgress(store: EventStore, snapshots: SnapshotStore, tenant: string, programmeId: string, asOf: string): Promise<ProgrammeProgress> {
  const point = { asOf };
  const programmeEvents = eventsUpTo(await store.readStream(programmeStream(tenant, programmeId)), point);
  const state = programmeEvents.reduce<ProgrammeState>((folded, event) => evolveProgramme(folded, { type: event.type, data: event.data } as ProgrammeEvent), initialProgrammeState());
  const programme = state.programme;
  if (!programme) throw new NotFoundError('Programme', programmeId);

  const payments = new Map<string, Promise<PaymentsState>>();
  const paymentsOf = (contractId: string): Promise<PaymentsState> => {
    if (!payments.has(contractId)) payments.set(contractId, paymentsUpTo(store, tenant, contractId, point));
    return payments.get(contractId)!;
  };
  const lots = await Promise.all(
    state.lots.map(async (attached): Promise<LotFigures> => {
      const { state: contract } = await loadContract(store, attached.contractId, { at: asOf }, snapshots);
      const lot = contract.status === 'EMPTY' ? undefined : contract.lots[attached.lotId];
      const orders = contract.status === 'EMPTY' || !lot ? [] : Object.values(contract.orders).filter((order) => order.lotId === attached.lotId);
      const delivery = (await Promise.all(orders.map(async (order) => eventsUpTo(await store.readStream(deliveryStream(order.orderId)), point)))).flat();
      const orderIds = new Set(orders.map((order) => order.orderId));
      const requests = Object.values((await paymentsOf(attached.contractId)).requests).filter((request) => orderIds.has(request.orderId));
      return {
        ...pick(attached),
        committedCents: lot?.orderedValueCents ?? 0,
        statedCents: sumOf(delivery.filter((event) => event.type === 'ServiceStatementIssued').map((event) => (event.data as unknown as ServiceStatement).totalCents)),
        paidCents: sumOf(requests.map((request) => request.paidCents)),
        entries: new Set(delivery.filter((event) => event.type === 'TraineeEntered').map(traineeOf)).size,
        certifications: delivery.filter((event) => event.type === 'CertificationObtained').length,
      };
    }),
  );

  const fundingLines = Object.values(state.fundingLines).map((line): FundingLineFigures => {
    const ofLine = lots.filter((lot) => lot.fundingLineId === line.fundingLineId);
    const committedCents = sumOf(ofLine.map((lot) => lot.committedCents));
    return {
      fundingLineId: line.fundingLineId,
      funder: line.funder,
      label: line.label,
      amountCents: line.amountCents,
      committedCents,
      statedCents: sumOf(ofLine.map((lot) => lot.statedCents)),
      paidCents: sumOf(ofLine.map((lot) => lot.paidCents)),
      remainingCents: line.amountCents - committedCents,
    };
  });

  const day = asOf.slice(0, 10);
  const objectives = Object.values(state.objectives).map((objective): ObjectiveProgress => {
    const ofProject = lots.filter((lot) => lot.projectId === objective.projectId);
    const value = sumOf(ofProject.map((lot) => indicatorValue(objective.indicator, lot)));
    const status = value >= objective.targetValue ? 'REACHED' : day > objective.targetDate ? 'MISSED' : 'IN_PROGRESS';
    return {
      objectiveId: objective.objectiveId,
      projectId: objective.projectId,
      indicator: objective.indicator,
      targetValue: objective.targetValue,
      targetDate: objective.targetDate,
      value,
      progressPercent: Math.floor((value * 10_000) / objective.targetValue) / 100,
      status,
    };
  });

  return { programmeId, title: programme.title, asOf, fundingLines, objectives, lots, additionality: additionalityOf(programme, fundingLines, day) };
}

/** A contract's payments as recorded up to the moment. */
async function paymentsUpTo(store: EventStore, tenant: string, contractId: string, point: { asOf: string }): Promise<PaymentsState> {
  const recorded = eventsUpTo(await store.readStream(paymentsStream(tenant, contractId)), point);
  return recorded.reduce<PaymentsState>((folded, event) => evolvePayments(folded, { type: event.type, data: event.data } as PaymentEvent), initialPaymentsState());
}

function additionalityOf(programme: NonNullable<ProgrammeState['programme']>, lines: FundingLineFigures[], day: string): Additionality {
  const totalDays = daysBetween(programme.startDate, programme.endDate) + 1;
  const elapsedDays = Math.min(totalDays, Math.max(0, daysBetween(programme.startDate, day) + 1));
  const referenceToDateCents = Number((BigInt(programme.regionReferenceLevelCents) * BigInt(elapsedDays)) / BigInt(totalDays));
  const committedBy = (funder: Funder) => sumOf(lines.filter((line) => line.funder === funder).map((line) => line.committedCents));
  const regionCommittedCents = committedBy('REGION');
  const stateCommittedCents = committedBy('STATE_PIC');
  const stateSubstitutingCents = Math.min(stateCommittedCents, Math.max(0, referenceToDateCents - regionCommittedCents));
  return {
    regionReferenceLevelCents: programme.regionReferenceLevelCents,
    referenceToDateCents,
    regionCommittedCents,
    stateCommittedCents,
    spendingBeyondReferenceCents: regionCommittedCents + stateCommittedCents - referenceToDateCents,
    stateAdditionalCents: stateCommittedCents - stateSubstitutingCents,
    stateSubstitutingCents,
  };
}

function indicatorValue(indicator: ObjectiveIndicator, lot: LotFigures): number {
  switch (indicator) {
    case 'ENTRIES':
      return lot.entries;
    case 'CERTIFICATIONS':
      return lot.certifications;
    case 'COMMITTED_VALUE_CENTS':
      return lot.committedCents;
  }
}

const pick = ({ projectId, contractId, lotId, fundingLineId }: ProgrammeState['lots'][number]) => ({ projectId, contractId, lotId, fundingLineId });
const sumOf = (values: number[]): number => values.reduce((sum, value) => sum + value, 0);
const traineeOf = (event: RecordedEvent): string => (event.data as { traineeId: string }).traineeId;
