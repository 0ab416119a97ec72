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
export type LotAwarded = { type: 'LotAwarded'; data: { lotId: string; awardee: Awardee; awardedAt: string } };

export type LotEvent = LotDefined | LotAwarded;
