import { EventStore, foldAt, PointInTime, SnapshotStore } from '@app/event-store';
import { foldStream, NotFoundError } from '@app/shared';
import { ContractState, ExistingContract } from '../domain/contract/contract.state';
import { contractStream, procurementDecider } from '../domain/procurement.decider';
import { contractFold } from './contract-fold';

/** Which state of a contract to read: now (neither given), as of a moment (business time), or at a revision. */
export interface ContractPoint {
  at?: string;
  revision?: number;
}

export interface LoadedContract<State extends ContractState = ContractState> {
  state: State;
  /** The last revision folded (-1: no event). */
  revision: number;
}

/** The command path's own fold of the contract stream: a load now shares what the last command kept. */
const evolveNow = procurementDecider.evolve as (state: ContractState, event: { type: string; data: unknown }) => ContractState;

/**
 * The one way a contract is read. Now: the fold the command path keeps, so only the events appended since
 * the last read or command are read. At a point: from the last snapshot at or before it (the api's snapshot
 * cache; without one, from the first event).
 */
export async function loadContract(store: EventStore, contractId: string, point: ContractPoint = {}, snapshots?: SnapshotStore): Promise<LoadedContract> {
  const at = pointInTime(point);
  if (at === undefined) {
    const { state, revision } = await foldStream(store, contractStream(contractId), procurementDecider.initialState, evolveNow);
    return { state, revision };
  }
  return foldAt(store, snapshots, contractStream(contractId), contractFold, at);
}

/**
 * The contract of the tenant at the point asked: missing (404) when it does not exist there (a revision it has
 * not reached, a moment before its first event) or belongs to another tenant.
 */
export async function loadExistingContract(
  store: EventStore,
  tenant: string,
  contractId: string,
  point: ContractPoint = {},
  snapshots?: SnapshotStore,
): Promise<LoadedContract<ExistingContract>> {
  const { state, revision } = await loadContract(store, contractId, point, snapshots);
  if (point.revision !== undefined && revision < point.revision) throw new NotFoundError('Contract', contractId);
  if (state.status === 'EMPTY' || state.tenant !== tenant) throw new NotFoundError('Contract', contractId);
  return { state, revision };
}

function pointInTime({ at, revision }: ContractPoint): PointInTime | undefined {
  if (revision !== undefined) return { revision };
  if (at !== undefined) return { asOf: at };
  return undefined;
}
