import { RuleViolation } from '@app/shared/errors/domain-errors';
import { BuyerKind, legalParametersAt, PurchaseKind } from './legal-parameters';
import { formatCents } from './percent-of';

/**
 * How a contract was awarded, recorded when it is drafted: the tender committee's role (CGCT L1414-2 and
 * L1414-4), the thresholds its amendments are held to and what the DECP and OCDS exports publish follow from it.
 */
export const AWARD_PROCEDURES = [
  /** Procédure adaptée (CCP L2123-1, R2123-1). */
  'MAPA',
  /** Appel d'offres ouvert (CCP L2124-2, R2124-2 1°). */
  'OPEN_TENDER',
  /** Appel d'offres restreint (CCP L2124-2, R2124-2 2°). */
  'RESTRICTED_TENDER',
  /** Procédure avec négociation (CCP L2124-3, R2124-3). */
  'COMPETITIVE_NEGOTIATION',
  /** Dialogue compétitif (CCP L2124-4, R2124-5). */
  'COMPETITIVE_DIALOGUE',
  /** Marché sans publicité ni mise en concurrence préalables (CCP L2122-1, R2122-1 to R2122-11), on a ground. */
  'WITHOUT_PUBLICATION_OR_COMPETITION',
] as const;
export type AwardProcedureKind = (typeof AWARD_PROCEDURES)[number];

/** The grounds of CCP R2122-1 to R2122-11 on which a contract may be awarded without publication or competition. */
export const NO_COMPETITION_GROUNDS = [
  'R2122-1',
  'R2122-2',
  'R2122-3',
  'R2122-4',
  'R2122-5',
  'R2122-6',
  'R2122-7',
  'R2122-8',
  'R2122-9',
  'R2122-10',
  'R2122-11',
] as const;
export type NoCompetitionGround = (typeof NO_COMPETITION_GROUNDS)[number];

export interface AwardProcedure {
  procedure: AwardProcedureKind;
  /** The article the buyer relies on to award without publication or competition; only for that procedure. */
  ground?: NoCompetitionGround;
}

/** The formalised procedures of CCP L2124-1: the ones whose contracts the tender committee awards (CGCT L1414-2). */
const FORMALISED: readonly AwardProcedureKind[] = ['OPEN_TENDER', 'RESTRICTED_TENDER', 'COMPETITIVE_NEGOTIATION', 'COMPETITIVE_DIALOGUE'];

export const isFormalised = (procedure: AwardProcedureKind): boolean => FORMALISED.includes(procedure);

/** The article each procedure rests on, as cited in the record and the exports. */
export const AWARD_PROCEDURE_ARTICLES: Readonly<Record<AwardProcedureKind, string>> = {
  MAPA: 'CCP L2123-1 and R2123-1',
  OPEN_TENDER: 'CCP L2124-2 and R2124-2 1°',
  RESTRICTED_TENDER: 'CCP L2124-2 and R2124-2 2°',
  COMPETITIVE_NEGOTIATION: 'CCP L2124-3 and R2124-3',
  COMPETITIVE_DIALOGUE: 'CCP L2124-4 and R2124-5',
  WITHOUT_PUBLICATION_OR_COMPETITION: 'CCP L2122-1',
};

/**
 * Social and other specific services (CCP R2123-1 3° and the notice listing them, annexed to the CCP, JORF of
 * 31 March 2019, which takes Annex XIV of Directive 2014/24/EU): education and training services are CPV
 * 80000000-8 to 80660000-8, apart from 80533000-9, 80533100-0 and 80533200-1 (computer training), which are
 * ordinary services. Only the training part of the list is held here: it is what this product buys.
 */
const TRAINING_CPV_FIRST = 80_000_000;
const TRAINING_CPV_LAST = 80_660_000;
const TRAINING_CPV_EXCEPTIONS: readonly number[] = [80_533_000, 80_533_100, 80_533_200];

/** A CPV code: eight digits and the check digit (Regulation (EC) No 2195/2002, as amended by No 213/2008). */
export const CPV_CODE_PATTERN = /^\d{8}-\d$/;

export interface PurchaseKindFinding {
  purchaseKind: PurchaseKind;
  /** Why: the CPV code and the rule that classified it, or that none was recorded. */
  reason: string;
}

/**
 * The kind of purchase the thresholds of a contract follow, from its main CPV code. A contract drafted before
 * the code was recorded keeps the ordinary services thresholds it was decided under.
 */
export function purchaseKindOf(cpvCode: string | undefined): PurchaseKindFinding {
  if (cpvCode === undefined) {
    return { purchaseKind: 'SERVICES', reason: 'no CPV code recorded: ordinary services, as decided when it was drafted' };
  }
  const code = Number(cpvCode.slice(0, 8));
  const training = code >= TRAINING_CPV_FIRST && code <= TRAINING_CPV_LAST && !TRAINING_CPV_EXCEPTIONS.includes(code);
  return training
    ? { purchaseKind: 'SOCIAL_AND_SPECIFIC_SERVICES', reason: `CPV ${cpvCode}: education and training service listed under CCP R2123-1 3°` }
    : { purchaseKind: 'SERVICES', reason: `CPV ${cpvCode}: not among the social and other specific services (CCP R2123-1 3°)` };
}

export interface AwardProcedureFacts {
  award: AwardProcedure;
  /** Absent: ordinary services, the strictest reading. */
  cpvCode?: string;
  buyerKind: BuyerKind;
  /** The estimated value the procedure is chosen on (CCP R2121-8: a framework's maximum over its whole term). */
  estimatedValueCents: number;
  /** The day the procedure was launched: selects the dated thresholds. */
  date: string;
}

/**
 * Refuses a procedure the code does not allow for this purchase: the adapted procedure for ordinary services at
 * or above the European threshold (CCP R2123-1 1°; social and specific services may use it whatever their value,
 * R2123-1 3°), a ground given for a procedure that takes none, or an award without competition without its ground.
 */
export function checkAwardProcedure(facts: AwardProcedureFacts): void {
  const { award } = facts;
  if (award.procedure === 'WITHOUT_PUBLICATION_OR_COMPETITION' && award.ground === undefined) {
    throw new RuleViolation(
      'AWARD_GROUND_REQUIRED',
      'A contract awarded without publication or competition names the article of its ground (R2122-1 to R2122-11)',
      'CCP L2122-1',
      { procedure: award.procedure },
    );
  }
  if (award.procedure !== 'WITHOUT_PUBLICATION_OR_COMPETITION' && award.ground !== undefined) {
    throw new RuleViolation(
      'AWARD_GROUND_NOT_APPLICABLE',
      `A ground of R2122-1 to R2122-11 is for contracts awarded without publication or competition, not ${award.procedure}`,
      'CCP L2122-1',
      { procedure: award.procedure, ground: award.ground },
    );
  }
  if (award.procedure !== 'MAPA') return;
  const { purchaseKind, reason } = purchaseKindOf(facts.cpvCode);
  if (purchaseKind === 'SOCIAL_AND_SPECIFIC_SERVICES') return;
  const parameters = legalParametersAt(facts.date);
  const thresholdCents = parameters.euThresholdsCents[facts.buyerKind][purchaseKind];
  if (facts.estimatedValueCents >= thresholdCents) {
    throw new RuleViolation(
      'ADAPTED_PROCEDURE_ABOVE_THRESHOLD',
      `The adapted procedure is open to ordinary services below the European threshold of ${formatCents(thresholdCents)} ` +
        `in force on ${parameters.validFrom}; this purchase is estimated at ${formatCents(facts.estimatedValueCents)} (${reason})`,
      'CCP R2123-1 1°',
      { estimatedValueCents: facts.estimatedValueCents, euThresholdCents: thresholdCents, purchaseKind, cpvCode: facts.cpvCode },
    );
  }
}
