import { Awardee, LotScope, WorkUnitTerms } from '../terms/procurement-terms';

export type LotDefined = {
  type: 'LotDefined';
  data: {
    lotId: string;
    title: string;
    scope: LotScope;
    workUnits: WorkUnitTerms[];
    /** Maximum value of the lot for a framework agreement (R2162-4: a maximum per lot). */
    maximumValueCents?: number;
  };
};
/**
 * `bidsReceived`: the number of bids the buyer received for the lot (irregular, unacceptable and abnormally low
 * ones included, as DECP's offresRecues counts them). Absent from awards recorded before the count was asked.
 */
export type LotAwarded = { type: 'LotAwarded'; data: { lotId: string; awardee: Awardee; awardedAt: string; bidsReceived?: number } };

export type LotEvent = LotDefined | LotAwarded;
