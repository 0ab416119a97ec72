/** Stable codes of the price revision rules, with the text or clause each enforces. */
export const PRICE_REVISION_RULES = {
  PRICE_REVISION_PARTS_NOT_WHOLE: 'Price revision clause: the fixed and indexed parts sum to 100% (10,000 basis points)',
  PRICE_REVISION_DATES_INVALID: 'Price revision clause: revision dates follow the base month, in order, once each',
  PRICE_REVISION_FORMULA_REQUIRED: 'CCP R2112-13 and R2112-14: a revisable price states how it is revised, by an index or a formula',
  PRICE_REVISION_CLAUSE_NOT_COMPUTABLE: 'CCP R2112-13: a price is revised by the formula of its clause; this clause holds only text',
  PRICE_REVISION_CLAUSE_NOT_FOUND: 'A price revision names a price revision clause of the contract',
  PRICE_REVISION_DATE_NOT_IN_CLAUSE: 'Price revision clause: prices are revised on the dates the clause sets',
  PRICE_REVISION_NOT_YET_DUE: 'Price revision clause: a revision is recorded on or after its date',
  PRICE_REVISION_ALREADY_RECORDED: 'Price revision clause: each revision date is applied once',
  PRICE_INDEX_VALUE_MISSING: 'Price revision clause: the index values the formula uses are imported before the revision',
  PRICE_REVISION_FORMULA_MISMATCH: 'CCP R2194-1: a price change under a price revision clause is the clause formula applied to the recorded index values',
  PRICE_REVISION_NOT_COMPUTED: 'CCP R2194-1: a price change under a price revision clause follows a revision recorded from index values',
  PRICE_INDEX_VALUE_CONFLICT: 'A published index value, once imported, is not replaced by another value for the same series and month',
  EMPTY_PRICE_INDEX_FILE: 'An index file holds at least one value',
} as const;
