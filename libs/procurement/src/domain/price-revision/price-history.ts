/** What set a unit price, from which day: the award, an amendment in force, or a price revision. */
export interface PriceSet {
  /** First day the price applies (YYYY-MM-DD); the award's price applies from the start. */
  from: string;
  unitPriceCents: number;
  source: 'AWARD' | 'AMENDMENT' | 'PRICE_REVISION';
  /** The amendment or revision that set it. */
  sourceId?: string;
}

/** The prices of one work unit, in the order they were set. */
export type PriceHistory = PriceSet[];
