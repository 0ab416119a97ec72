import { CommandMeta } from '../terms/command-meta';
import { Awardee, LotScope, WorkUnitTerms } from '../terms/procurement-terms';

export type DefineLot = {
  type: 'DefineLot';
  meta: CommandMeta;
  data: { lotId: string; title: string; scope: LotScope; workUnits: WorkUnitTerms[]; maximumValueCents?: number };
};
/** `bidsReceived` is optional only to decide again awards recorded before it was asked; the api requires it. */
export type AwardLot = { type: 'AwardLot'; meta: CommandMeta; data: { lotId: string; awardee: Awardee; bidsReceived?: number } };

export type LotCommand = DefineLot | AwardLot;
