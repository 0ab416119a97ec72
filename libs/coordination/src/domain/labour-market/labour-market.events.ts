/** One figure of recruitment tension: an occupation in a territory for a month. */
export interface TensionSignal {
  /** ROME occupation code (e.g. M1805). */
  occupationCode: string;
  territoryCode: string;
  /** The month the figure is about, YYYY-MM. */
  period: string;
  unfilledOffers: number;
  /** The higher, the harder employers find people (0 to 100, two decimals at most). */
  tensionIndex: number;
}

export type LabourMarketSignalsImported = {
  type: 'LabourMarketSignalsImported';
  data: { importId: string; tenant: string; contentHash: string; rowCount: number; importedAt: string };
};
export type RecruitmentTensionObserved = { type: 'RecruitmentTensionObserved'; data: TensionSignal & { importId: string; tenant: string } };

export type LabourMarketEvent = LabourMarketSignalsImported | RecruitmentTensionObserved;

/** One stream of labour-market signals per tenant. */
export const labourMarketStream = (tenant: string): string => `labour-market-${tenant}`;
