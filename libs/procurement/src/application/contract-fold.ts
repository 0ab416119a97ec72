import { createHash } from 'node:crypto';
import { StreamFold, Upcaster } from '@app/event-store';
import { CONTRACT_EVOLVE, CONTRACT_FOLD_HELPERS, ContractState, evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { EVENT_UPCASTERS } from '../domain/event-upcasters';

/**
 * The upcasters of the contract stream's event types: the fold gets its events through them (the store is read
 * through EVENT_UPCASTERS), so a snapshot holds their output as much as the fold's.
 */
export const CONTRACT_EVENT_UPCASTERS: readonly Upcaster[] = EVENT_UPCASTERS.filter(({ type }) => type === 'ContractDrafted' || Object.hasOwn(CONTRACT_EVOLVE, type));

/**
 * The version of a fold by these tables: a hash of each table function's source under its event type, of the
 * helpers' source and of the upcasters' (by type and version), so a change to how events are read or fold (a new
 * field, a fixed sum) invalidates every snapshot without anyone having to remember to.
 */
export function contractFoldVersion(
  evolve: Readonly<Record<string, (...args: never[]) => unknown>> = CONTRACT_EVOLVE,
  upcasters: readonly Upcaster[] = CONTRACT_EVENT_UPCASTERS,
): string {
  const code = [
    ...Object.entries(evolve).map(([type, fn]) => `${type}: ${String(fn)}`),
    ...CONTRACT_FOLD_HELPERS.map(String),
    ...upcasters.map(({ type, fromVersion, upcast }) => `${type} from ${fromVersion}: ${String(upcast)}`),
  ];
  return `contract-${createHash('sha256').update(code.join('\n')).digest('hex').slice(0, 16)}`;
}

/** The contract stream's fold, for snapshots. */
export const contractFold: StreamFold<ContractState> = {
  version: contractFoldVersion(),
  initial: initialContractState,
  evolve: (state, event) => evolveContract(state, { type: event.type, data: event.data } as ProcurementEvent),
};
