/**
 * The service statement (état de service fait) of an order for a period: units delivered within what the
 * order commits × the unit price in force on the day each was delivered, of
 * which the lot's quality part is variable and adjusted by the tier of the quality-incentive clause that the
 * measured indicator reaches. Pure: the same delivery state and terms always give the same figures.
 *
 * Rounding: every computed amount is rounded down to the cent (floor), so the buyer never pays a fraction of a
 * cent that is not owed; products are computed with BigInt, percentages (at most 2 decimals) as basis points.
 */
import { QualityIndicator, WORK_UNIT_TYPES, WorkUnitType } from '../terms/procurement-terms';
import { DeliveryTerms, OrderedWorkUnit } from './delivery-terms';
import type { PriceSet } from '../price-revision/price-history';
import { priceOn } from '../price-revision/unit-price-in-force';
import {
  AppliedTier,
  OutcomeCounts,
  QualityInputs,
  QualityRegularisation,
  QualityVariablePart,
  ServiceStatement,
  StatementLine,
  StatementUnitCap,
} from './delivery.events';
import { DeliveryState, leftForPositiveExit, TraineeDelivery } from './delivery.state';
import { unitsDeliveredIn } from './units-delivered';

export interface StatementPeriod {
  /** First and last day of the period, both included (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
}

export type StatementFigures = Pick<
  ServiceStatement,
  'lines' | 'units' | 'fixedAmountCents' | 'qualityVariables' | 'regularisations' | 'totalCents' | 'rounding'
>;

export function computeServiceStatement(state: DeliveryState, terms: DeliveryTerms, period: StatementPeriod): StatementFigures {
  const lines: StatementLine[] = [];
  const units: StatementUnitCap[] = [];
  const qualityVariables: QualityVariablePart[] = [];
  for (const unitType of WORK_UNIT_TYPES) {
    const unit = terms.workUnits[unitType];
    if (!unit) continue;
    const stated = cappedLines(state, unitType, unit, period);
    lines.push(...stated.lines);
    units.push(stated.cap);
    const amountCents = stated.lines.reduce((sum, line) => sum + line.amountCents, 0);
    if (unit.qualityPart) qualityVariables.push(qualityVariablePart(state, terms, period, unitType, unit, amountCents));
  }
  const linesCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const fixedAmountCents = linesCents - qualityVariables.reduce((sum, part) => sum + part.baseAmountCents, 0);
  const regularised = regularisations(state, terms);
  const totalCents =
    fixedAmountCents + qualityVariables.reduce((sum, part) => sum + part.amountCents, 0) + regularised.reduce((sum, line) => sum + line.amountCents, 0);
  return { lines, units, fixedAmountCents, qualityVariables, ...(regularised.length > 0 ? { regularisations: regularised } : {}), totalCents, rounding: 'FLOOR_TO_CENT' };
}

/**
 * The payable lines of one work unit and the order's cap. Units are taken in the order they were delivered
 * (day by day) until the order's quantity, less what earlier statements paid, is reached; each day's units are
 * priced at the price in force that day and grouped by price. Units beyond are counted, valued and not paid.
 */
function cappedLines(
  state: DeliveryState,
  unitType: WorkUnitType,
  unit: OrderedWorkUnit,
  period: StatementPeriod,
): { lines: StatementLine[]; cap: StatementUnitCap } {
  const deliveries = deliveriesInPeriod(state, unitType, period);
  const statedBefore = statedUnits(state, unitType);
  let paidSoFar = statedBefore;
  const lines: StatementLine[] = [];
  let delivered = 0;
  let beyondOrder = 0;
  let beyondOrderValueCents = 0;
  for (const { day, quantity } of deliveries) {
    const price = priceInForce(unit, day);
    const payable = Math.max(0, Math.min(quantity, committedOn(unit, day) - paidSoFar));
    paidSoFar += payable;
    delivered += quantity;
    beyondOrder += quantity - payable;
    beyondOrderValueCents += (quantity - payable) * price.unitPriceCents;
    if (payable === 0) continue;
    const last = lines[lines.length - 1];
    if (last && last.unitPriceCents === price.unitPriceCents && last.price?.from === price.price?.from) {
      last.quantity += payable;
      last.amountCents = last.quantity * last.unitPriceCents;
      last.deliveredTo = day;
    } else {
      lines.push({
        unitType,
        quantity: payable,
        unitPriceCents: price.unitPriceCents,
        amountCents: payable * price.unitPriceCents,
        ...(price.price ? { price: price.price } : {}),
        deliveredFrom: day,
        deliveredTo: day,
      });
    }
  }
  if (lines.length === 0) {
    // Nothing payable: one empty line at the price in force at the end of the period, so each work unit shows.
    const price = priceInForce(unit, period.periodEnd);
    lines.push({
      unitType,
      quantity: 0,
      unitPriceCents: price.unitPriceCents,
      amountCents: 0,
      ...(price.price ? { price: price.price } : {}),
    });
  }
  const payable = delivered - beyondOrder;
  // The quantities that were in force over the period, when the order changed (the one at its end is orderedQuantity).
  const changes = (unit.commitments ?? []).filter((commitment) => commitment.from > period.periodStart && commitment.from <= period.periodEnd);
  const committedInPeriod =
    changes.length === 0 ? {} : { committed: [{ from: period.periodStart, quantity: committedOn(unit, period.periodStart) }, ...changes] };
  return {
    lines,
    cap: {
      unitType,
      orderedQuantity: committedOn(unit, period.periodEnd),
      ...committedInPeriod,
      statedBefore,
      delivered,
      payable,
      beyondOrder,
      beyondOrderValueCents,
    },
  };
}

/**
 * What the order commits of a work unit on a day: the quantity of the last change in force from that day or
 * before (of two for the same day, the one recorded later). Units delivered on that day are paid while the
 * units paid so far stay within it.
 */
function committedOn(unit: OrderedWorkUnit, day: string): number {
  const commitments = unit.commitments;
  if (!commitments || commitments.length === 0) return unit.orderedQuantity;
  let quantity = commitments[0].quantity;
  for (const commitment of commitments) if (commitment.from <= day) quantity = commitment.quantity;
  return quantity;
}

/** The price a delivery of the day is paid at, and what set it. */
function priceInForce(unit: OrderedWorkUnit, day: string): { unitPriceCents: number; price?: StatementLine['price'] } {
  if (!unit.priceHistory || unit.priceHistory.length === 0) return { unitPriceCents: unit.unitPriceCents };
  const { from, unitPriceCents, source, sourceId }: PriceSet = priceOn(unit.priceHistory, day);
  return { unitPriceCents, price: { from, source, ...(sourceId === undefined ? {} : { sourceId }) } };
}

/** Units of a work unit paid by the order's statements so far (a version 1 statement paid every unit it listed). */
export function statedUnits(state: DeliveryState, unitType: WorkUnitType): number {
  return state.statements
    .flatMap((statement) => statement.lines)
    .filter((line) => line.unitType === unitType)
    .reduce((sum, line) => sum + line.quantity, 0);
}

/** Units delivered in the period, by day (ascending), as UNITS_DELIVERED counts each work unit. */
function deliveriesInPeriod(state: DeliveryState, unitType: WorkUnitType, period: StatementPeriod): Array<{ day: string; quantity: number }> {
  const byDay = new Map<string, number>();
  for (const { day, quantity } of unitsDeliveredIn(state, unitType)) {
    if (day >= period.periodStart && day <= period.periodEnd && quantity > 0) byDay.set(day, (byDay.get(day) ?? 0) + quantity);
  }
  return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, quantity]) => ({ day, quantity }));
}

/**
 * Units delivered in the period (UNITS_DELIVERED): PATHWAY = trainees who completed in it, TRAINEE_HOUR = hours
 * delivered on its days, OPEN_DAY = open days delivered on its days, SUBSCRIPTION = months whose first day is in it.
 */
export function deliveredQuantity(state: DeliveryState, unitType: WorkUnitType, period: StatementPeriod): number {
  return deliveriesInPeriod(state, unitType, period).reduce((sum, { quantity }) => sum + quantity, 0);
}

/**
 * When the variable part is paid (the lot's quality-incentive clause, terms.qualityIncentive, read with these rules):
 * - the indicator is measured over the trainees of the sessions whose end was reported in the period;
 * - a rate over fewer trainees than the clause's minimumGroupSize (1 when it sets none) moves no tier: the base is
 *   paid, the group and the minimum recorded;
 * - COMPLETION_RATE and CERTIFICATION_RATE are known at the session's end. Trainees who left early for a job, an
 *   apprenticeship, a further certifying training or an IAE are positive exits: out of the completion rate's
 *   denominator, never counted as not completing;
 * - EMPLOYMENT_RATE_6_MONTHS and SATISFACTION_RATE are measured from the outcomes at 6 months recorded, once every
 *   trainee measured has one (UNKNOWN included, the situation looked for and not found): employed over the known
 *   situations, satisfied over the survey answers. Until then nothing of the variable part is paid (withheld, never
 *   a silent 100 %): a sum is paid once the service done is found (décret 2012-1246 (GBCP) art. 31, constatation du
 *   service fait), and the service the clause pays for is the outcome. The first statement of the order issued once
 *   it is measured pays it, adjusted by the tier reached (regularisations), at most once.
 */
function qualityVariablePart(
  state: DeliveryState,
  terms: DeliveryTerms,
  period: StatementPeriod,
  unitType: WorkUnitType,
  unit: OrderedWorkUnit,
  amountCents: number,
): QualityVariablePart {
  const { percent, indicator } = unit.qualityPart!;
  const baseAmountCents = floorPercentOf(amountCents, percent);
  const settled = settle(terms, indicator, measure(state, terms, indicator, measuredSessions(state, period)), baseAmountCents);
  return { unitType, indicator, qualityPartPercent: percent, baseAmountCents, ...settled };
}

/**
 * The variable parts the order's earlier statements withheld and that can be measured now, each paid once: on the
 * first statement issued after its measure (the regularisation names the statement and period it completes).
 */
function regularisations(state: DeliveryState, terms: DeliveryTerms): QualityRegularisation[] {
  const paid = new Set(state.statements.flatMap((statement) => (statement.regularisations ?? []).map((line) => `${line.statementId}/${line.unitType}`)));
  const lines: QualityRegularisation[] = [];
  for (const earlier of state.statements) {
    for (const part of earlier.qualityVariables) {
      if (!part.withheld || paid.has(`${earlier.statementId}/${part.unitType}`)) continue;
      const measured = measure(state, terms, part.indicator, part.inputs.sessionsEndedInPeriod);
      if (measured.kind === 'PENDING') continue;
      const { measuredPercent, tierApplied, adjustmentPercent, amountCents, inputs } = settle(terms, part.indicator, measured, part.baseAmountCents);
      lines.push({
        statementId: earlier.statementId,
        periodStart: earlier.periodStart,
        periodEnd: earlier.periodEnd,
        unitType: part.unitType,
        indicator: part.indicator,
        baseAmountCents: part.baseAmountCents,
        measuredPercent,
        tierApplied,
        adjustmentPercent,
        amountCents,
        inputs,
      });
    }
  }
  return lines;
}

interface Population {
  sessionIds: string[];
  entered: TraineeDelivery[];
  completed: TraineeDelivery[];
  certified: TraineeDelivery[];
}

/** The sessions whose end was reported within the period: their trainees are the population measured. */
function measuredSessions(state: DeliveryState, period: StatementPeriod): string[] {
  return Object.entries(state.sessions)
    .filter(([, session]) => session.endedOn !== undefined && session.endedOn >= period.periodStart && session.endedOn <= period.periodEnd)
    .map(([sessionId]) => sessionId)
    .sort();
}

function populationOf(state: DeliveryState, sessionIds: string[]): Population {
  const entered = Object.values(state.trainees).filter((trainee) => sessionIds.includes(trainee.sessionId));
  const completed = entered.filter((trainee) => trainee.completedOn !== undefined);
  const certified = completed.filter((trainee) => Object.keys(trainee.certifications).length > 0);
  return { sessionIds, entered, completed, certified };
}

/** An indicator over a population: measured (a ratio), not measured (the base is paid), or pending (withheld). */
type Measure =
  | { kind: 'MEASURED'; numerator: number; denominator: number; inputs: QualityInputs }
  | { kind: 'AT_BASE'; note: string; inputs: QualityInputs }
  | { kind: 'PENDING'; note: string; inputs: QualityInputs };

function measure(state: DeliveryState, terms: DeliveryTerms, indicator: QualityIndicator, sessionIds: string[]): Measure {
  const population = populationOf(state, sessionIds);
  const clause = terms.qualityIncentive;
  const minimumGroupSize = clause?.minimumGroupSize ?? 1;
  const inputs: QualityInputs = {
    sessionsEndedInPeriod: population.sessionIds,
    traineesEntered: population.entered.length,
    traineesCompleted: population.completed.length,
    traineesCertified: population.certified.length,
    ...(clause?.minimumGroupSize === undefined ? {} : { minimumGroupSize: clause.minimumGroupSize }),
    clauseId: clause?.clauseId ?? null,
    tiersConsidered: (clause?.tiers ?? [])
      .filter((tier) => tier.indicator === indicator)
      .map(({ thresholdPercent, adjustmentPercent }) => ({ thresholdPercent, adjustmentPercent })),
  };
  const ratio = (numerator: number, denominator: number, what: string, counted: Partial<QualityInputs> = {}): Measure =>
    denominator < minimumGroupSize
      ? {
          kind: 'AT_BASE',
          note: `${denominator} ${what}, fewer than the minimum group of ${minimumGroupSize}${clause ? ` of clause ${clause.clauseId}` : ''}: the rate moves no tier, the variable part is paid at its base`,
          inputs: { ...inputs, ...counted, numerator, denominator },
        }
      : { kind: 'MEASURED', numerator, denominator, inputs: { ...inputs, ...counted, numerator, denominator } };
  switch (indicator) {
    case 'COMPLETION_RATE': {
      if (population.entered.length === 0) {
        return { kind: 'AT_BASE', note: 'No trainee entered a session that ended in the period: not measured, the variable part is paid at its base', inputs };
      }
      const positive = population.entered.filter(leftForPositiveExit).length;
      return ratio(population.completed.length, population.entered.length - positive, 'trainees did not leave for a positive exit', {
        traineesLeftForPositiveExit: positive,
      });
    }
    case 'CERTIFICATION_RATE':
      if (population.completed.length === 0) {
        return { kind: 'AT_BASE', note: 'No trainee completed a session that ended in the period: not measured, the variable part is paid at its base', inputs };
      }
      return ratio(population.certified.length, population.completed.length, 'trainees completed');
    case 'EMPLOYMENT_RATE_6_MONTHS':
    case 'SATISFACTION_RATE': {
      const outcomes = population.entered.flatMap((trainee) => (trainee.outcomes[6] ? [trainee.outcomes[6]] : []));
      const counts: OutcomeCounts = {
        trainees: population.entered.length,
        observed: outcomes.length,
        known: outcomes.filter((outcome) => outcome.situation !== 'UNKNOWN').length,
        employed: outcomes.filter((outcome) => outcome.situation === 'EMPLOYED').length,
        satisfactionAnswers: outcomes.filter((outcome) => outcome.satisfied !== undefined).length,
        satisfied: outcomes.filter((outcome) => outcome.satisfied === true).length,
      };
      const withCounts = { ...inputs, outcomesAt6Months: counts };
      // A population smaller than the minimum can never move a tier: there is nothing to wait for.
      if (counts.trainees < minimumGroupSize) {
        return {
          kind: 'AT_BASE',
          note: `${counts.trainees} trainees measured, fewer than the minimum group of ${minimumGroupSize}${clause ? ` of clause ${clause.clauseId}` : ''}: the rate moves no tier, the variable part is paid at its base`,
          inputs: withCounts,
        };
      }
      if (counts.observed < counts.trainees) {
        return {
          kind: 'PENDING',
          note: `${indicator} not measured yet: ${counts.observed} of ${counts.trainees} outcomes at 6 months recorded; nothing of the variable part is paid until it is measured${clause ? ` (clause ${clause.clauseId})` : ''}, then a later statement pays it (regularisation)`,
          inputs: withCounts,
        };
      }
      return indicator === 'EMPLOYMENT_RATE_6_MONTHS'
        ? ratio(counts.employed, counts.known, 'trainees of known situation at 6 months', { outcomesAt6Months: counts })
        : ratio(counts.satisfied, counts.satisfactionAnswers, 'trainees answered the satisfaction question', { outcomesAt6Months: counts });
    }
  }
}

type Settled = Pick<QualityVariablePart, 'measured' | 'measuredPercent' | 'tierApplied' | 'adjustmentPercent' | 'amountCents' | 'inputs'> & { withheld?: boolean };

/** What a measure pays of a base: nothing while pending, the base when no tier moves, else base × the tier reached. */
function settle(terms: DeliveryTerms, indicator: QualityIndicator, measured: Measure, baseAmountCents: number): Settled {
  const atBase = (note: string, measuredPercent: number | null = null): Settled => ({
    measured: measured.kind === 'MEASURED',
    measuredPercent,
    tierApplied: null,
    adjustmentPercent: 0,
    amountCents: baseAmountCents,
    inputs: { ...measured.inputs, note },
  });
  if (measured.kind === 'PENDING') {
    return { measured: false, measuredPercent: null, tierApplied: null, adjustmentPercent: 0, amountCents: 0, withheld: true, inputs: { ...measured.inputs, note: measured.note } };
  }
  if (measured.kind === 'AT_BASE') return atBase(measured.note);
  const { numerator, denominator } = measured;
  const measuredPercent = truncatedPercent(numerator, denominator);
  const clause = terms.qualityIncentive;
  if (!clause) return atBase('No quality-incentive clause: the variable part is paid at its base', measuredPercent);
  const tiers = measured.inputs.tiersConsidered;
  if (tiers.length === 0) {
    return atBase(`The quality-incentive clause has no tier for ${indicator}: the variable part is paid at its base`, measuredPercent);
  }
  const reached = tiers.filter((tier) => reaches(numerator, denominator, tier.thresholdPercent));
  if (reached.length === 0) return atBase('The indicator reaches no tier of the clause: the variable part is paid at its base', measuredPercent);
  // The highest threshold reached; on equal thresholds, the first listed in the clause.
  const tier = reached.reduce((best, candidate) => (candidate.thresholdPercent > best.thresholdPercent ? candidate : best));
  const tierApplied: AppliedTier = { clauseId: clause.clauseId, indicator, ...tier };
  return {
    measured: true,
    measuredPercent,
    tierApplied,
    adjustmentPercent: tier.adjustmentPercent,
    amountCents: floorPercentOf(baseAmountCents, 100 + tier.adjustmentPercent),
    inputs: measured.inputs,
  };
}

/** Whether numerator / denominator reaches thresholdPercent, compared exactly (no floating point). */
function reaches(numerator: number, denominator: number, thresholdPercent: number): boolean {
  return BigInt(numerator) * 10_000n >= basisPoints(thresholdPercent) * BigInt(denominator);
}

/** The ratio in percent, truncated to 2 decimals, for the record. */
function truncatedPercent(numerator: number, denominator: number): number {
  return Number((BigInt(numerator) * 10_000n) / BigInt(denominator)) / 100;
}

/** percent% of a non-negative amount in cents, rounded down to the cent. */
export function floorPercentOf(amountCents: number, percent: number): number {
  return Number((BigInt(amountCents) * basisPoints(percent)) / 10_000n);
}

function basisPoints(percent: number): bigint {
  return BigInt(Math.round(percent * 100));
}
