import { BasisCheck, BasisVerdict } from './basis-check';
import { EformsModificationCode, LegalBasis } from './legal-basis.types';
import { checkReviewClause } from './r2194-1.review-clause';
import { checkAdditionalServices, checkUnforeseeableCircumstances } from './r2194-2-5.per-modification-cap';
import { checkContractorChange } from './r2194-6.contractor-change';
import { checkNotSubstantial } from './r2194-7.substantial-modification';
import { checkDeMinimis } from './r2194-8.de-minimis';

interface LegalBasisRule {
  /** The articles an allowed modification relies on, as cited in the record. */
  article: string;
  /** EU eForms BT-200 "reason for modification" code. */
  eformsCode: EformsModificationCode;
  /** The basis's verdict when the proposal invokes it, undefined when it does not. */
  check: (check: BasisCheck) => BasisVerdict | undefined;
}

/**
 * Every legal basis of a modification. The key order is the order of the per-basis running totals in the
 * recorded figures (`priorAbsoluteChangeByBasisCents`), not the order bases are tried (`BASES_TRIED_IN_ORDER`).
 */
export const LEGAL_BASES = {
  'R2194-1': { article: 'CCP R2194-1', eformsCode: 'mod-rev', check: checkReviewClause },
  'R2194-2': { article: 'CCP R2194-2 and R2194-3', eformsCode: 'add-wss', check: checkAdditionalServices },
  'R2194-5': { article: 'CCP R2194-5', eformsCode: 'mod-cir', check: checkUnforeseeableCircumstances },
  'R2194-6': { article: 'CCP R2194-6', eformsCode: 'mod-repl', check: checkContractorChange },
  'R2194-7': { article: 'CCP L2194-1 5° and R2194-7', eformsCode: 'mod-nons', check: checkNotSubstantial },
  'R2194-8': { article: 'CCP R2194-8 and R2194-9', eformsCode: 'mod-minv', check: checkDeMinimis },
} satisfies Record<LegalBasis, LegalBasisRule>;

export const LEGAL_BASIS_KEYS = Object.keys(LEGAL_BASES) as LegalBasis[];

/**
 * The bases a proposal may invoke, in the order they are tried: the first one invoked is the one checked, and
 * when it fails the modification is refused rather than moved to another basis. De minimis (R2194-8), which
 * needs no invocation, is checked when none is invoked.
 */
export const BASES_TRIED_IN_ORDER = everyInvokableBasis(['R2194-6', 'R2194-1', 'R2194-2', 'R2194-5', 'R2194-7']);

/** The order as given; it fails to compile ("not assignable to never") when a basis other than R2194-8 is missing. */
function everyInvokableBasis<const Order extends readonly Exclude<LegalBasis, 'R2194-8'>[]>(
  order: [Exclude<LegalBasis, Order[number] | 'R2194-8'>] extends [never] ? Order : never,
): Order {
  return order;
}
