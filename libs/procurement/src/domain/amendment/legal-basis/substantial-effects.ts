/** The R2194-7 effects the buyer answers for a modification relied on as not substantial (1° to 3°). */
export const SUBSTANTIAL_EFFECTS = ['wouldHaveAttractedOtherBidders', 'shiftsEconomicBalanceToContractor', 'considerablyExtendsScope'] as const;
export type SubstantialEffect = (typeof SUBSTANTIAL_EFFECTS)[number];
