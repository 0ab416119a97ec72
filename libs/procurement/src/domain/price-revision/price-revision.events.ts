import { PriceRevisionTerms, WorkUnitType } from '../terms/procurement-terms';

/** One unit price revised: P0, what set it, and P with the exact fraction it was rounded from. */
export interface RevisedUnitPrice {
  lotId: string;
  unitType: WorkUnitType;
  basePriceCents: number;
  /** The award, or the amendment that set P0. */
  basePriceSetBy: string;
  revisedPriceCents: number;
  numerator: string;
  denominator: string;
}

/** The index values a revision used, with the import each came from. */
export interface RevisionIndexValues {
  seriesId: string;
  baseMonth: string;
  baseValue: string;
  baseImportId: string;
  month: string;
  value: string;
  importId: string;
}

/** Prices revised by the clause's formula on one of its dates: from that day, deliveries are paid at them. */
export type PricesRevised = {
  type: 'PricesRevised';
  data: {
    clauseId: string;
    revisionDate: string;
    formula: PriceRevisionTerms['formula'];
    rounding: PriceRevisionTerms['rounding'];
    index: RevisionIndexValues;
    prices: RevisedUnitPrice[];
    revisedAt: string;
  };
};

export type PriceRevisionEvent = PricesRevised;
