/** One value of a published index series for a month, as published (decimal string, dot as separator). */
export interface IndexValue {
  /** The series' identifier where it is published, e.g. an INSEE idbank (010567012). */
  seriesId: string;
  /** The month the value is for, YYYY-MM. */
  period: string;
  value: string;
}

/** A file of index values imported whole: the values are the facts revisions are computed from. */
export type PriceIndexValuesImported = {
  type: 'PriceIndexValuesImported';
  data: { importId: string; tenant: string; contentHash: string; values: IndexValue[]; importedAt: string };
};

export type PriceIndexEvent = PriceIndexValuesImported;

/** One stream of imported index values per tenant. */
export const priceIndexStream = (tenant: string): string => `price-indices-${tenant}`;
