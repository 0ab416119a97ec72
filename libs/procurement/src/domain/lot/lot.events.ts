import { QualiopiCheck } from '../provider-register/qualiopi-check';
import { Awardee, LotScope, LotTraining, WorkUnitTerms } from '../terms/procurement-terms';

/** LotDefined version 2: the lot may describe its training (training); version 1 lots have none. */
export const LOT_TRAINING_SCHEMA_VERSION = 2;

export type LotDefined = {
  type: 'LotDefined';
  schemaVersion?: number;
  data: {
    lotId: string;
    title: string;
    scope: LotScope;
    workUnits: WorkUnitTerms[];
    /** Maximum value of the lot for a framework agreement (R2162-4: a maximum per lot). */
    maximumValueCents?: number;
    /** What the training is, as the offer of training publishes it (schema version 2); absent before. */
    training?: LotTraining;
  };
};
/**
 * `bidsReceived`: the number of bids the buyer received for the lot (irregular, unacceptable and abnormally low
 * ones included, as DECP's offresRecues counts them). Absent from awards recorded before the count was asked.
 */
/**
 * `qualiopi` (schema version 2): the certificates of the awardee's providers the award was checked against
 * (art. L6316-1 Code du travail); absent from awards recorded before the register was consulted.
 */
export type LotAwarded = {
  type: 'LotAwarded';
  schemaVersion?: number;
  data: { lotId: string; awardee: Awardee; awardedAt: string; bidsReceived?: number; qualiopi?: QualiopiCheck };
};

export type LotEvent = LotDefined | LotAwarded;
