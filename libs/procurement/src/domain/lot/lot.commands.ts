import { CommandMeta } from '../terms/command-meta';
import { RegisterFact } from '../provider-register/qualiopi-check';
import { Awardee, LotScope, LotTraining, WorkUnitTerms } from '../terms/procurement-terms';

export type DefineLot = {
  type: 'DefineLot';
  meta: CommandMeta;
  data: { lotId: string; title: string; scope: LotScope; workUnits: WorkUnitTerms[]; maximumValueCents?: number; training?: LotTraining };
};
/**
 * `bidsReceived` is optional only to decide again awards recorded before it was asked; the api requires it.
 * `register`: the register's facts on the awardee's providers, which the command handler always adds; absent only
 * from awards rebuilt from a record made before the register was consulted (QUALIOPI_CHECKED_SCHEMA_VERSION).
 */
export type AwardLot = { type: 'AwardLot'; meta: CommandMeta; data: { lotId: string; awardee: Awardee; bidsReceived?: number; register?: RegisterFact[] } };

export type LotCommand = DefineLot | AwardLot;
