import { createHash } from 'node:crypto';
import { StreamFold } from '@app/event-store';
import { CONTRACT_EVOLVE, CONTRACT_FOLD_HELPERS, ContractState, evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';

/**
 * The version of a fold by these tables: a hash of each table function's source under its event type and of the
 * helpers' source, so a change to how events fold (a new field, a fixed sum) invalidates every snapshot without
 * anyone having to remember to.
 */
export function contractFoldVersion(evolve: Readonly<Record<string, (...args: never[]) => unknown>> = CONTRACT_EVOLVE): string {
  const code = [...Object.entries(evolve).map(([type, fn]) => `${type}: ${String(fn)}`), ...CONTRACT_FOLD_HELPERS.map(String)];
  return `contract-${createHash('sha256').update(code.join('\n')).digest('hex').slice(0, 16)}`;
}

/** The contract stream's fold, for snapshots. */
export const contractFold: StreamFold<ContractState> = {
  version: contractFoldVersion(),
  initial: initialContractState,
  evolve: (state, event) => evolveContract(state, { type: event.type, data: event.data } as ProcurementEvent),
};
