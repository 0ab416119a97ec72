import { Decider, DomainEvent } from '../command-handling/decider';

/** Stream where a tenant's erasures are recorded: who erased whose data, and when; no personal data. */
export const personalDataStream = (tenant: string): string => `personal-data-${tenant}`;

/** A person's keys destroyed in the vault: the erasure to record. */
export interface RecordPersonalDataErasure {
  type: 'RecordPersonalDataErasure';
  data: { personId: string; keyIds: string[]; erasedAt: string };
}

export type PersonalDataErased = DomainEvent<'PersonalDataErased', { personId: string; keyIds: string[]; erasedAt: string }>;

export interface PersonalDataErasures {
  erasures: number;
}

/**
 * The record of erasures (GDPR art. 17, by crypto-shredding in the vault): the keys are destroyed first, and
 * the erasure is then recorded as it happened, even when an earlier request had destroyed every key already.
 */
export const personalDataErasureDecider: Decider<RecordPersonalDataErasure, PersonalDataErased, PersonalDataErasures> = {
  initialState: () => ({ erasures: 0 }),
  decide: (command) => [{ type: 'PersonalDataErased', data: command.data }],
  evolve: (state) => ({ erasures: state.erasures + 1 }),
};
