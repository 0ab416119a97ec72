import { createHash } from 'node:crypto';
import { StreamFold } from '@app/event-store';
import { CONTRACT_FOLD_CODE, ContractState, evolveContract, initialContractState, ProcurementEvent } from '../domain/contract/contract.state';

/**
 * The contract stream's fold, for snapshots: its version is a hash of the fold's code, so a change to how
 * events fold (a new field, a fixed sum) invalidates every snapshot without anyone having to remember to.
 */
export const contractFold: StreamFold<ContractState> = {
  version: `contract-${createHash('sha256').update(CONTRACT_FOLD_CODE.map(String).join('\n')).digest('hex').slice(0, 16)}`,
  initial: initialContractState,
  evolve: (state, event) => evolveContract(state, { type: event.type, data: event.data } as ProcurementEvent),
};
