import { RecordedEvent } from '@app/event-store';
import { ContractState, OrderFacts, StatementFacts } from '@app/procurement';
import { Decider, DomainEvent } from '@app/shared';

/** The events one command wrote to a stream, with what it was decided on. */
export interface Group<State> {
  commandId: string;
  events: RecordedEvent[];
  stateBefore: State;
  /** For a delivery stream: the order's contract as it stood when the command was decided. */
  contractBefore?: ContractState;
  /** For a payments stream: the statement the command concerns, as its order's delivery stream held it then. */
  statementBefore?: StatementFacts;
  /** For an advance: its order, as the contract held it then. */
  orderBefore?: OrderFacts;
}

/** What a command was decided on beside its own stream, read from the other streams as they stood. */
export type FactsBefore = Pick<Group<unknown>, 'contractBefore' | 'statementBefore' | 'orderBefore'>;

/**
 * The decision taken again, or why it is not: 'not rebuildable' when the command cannot be rebuilt exactly (the
 * events are only folded), any other text a failure.
 */
export type Rerun = (() => Array<{ type: string; data: object }>) | 'not rebuildable' | string;

/** How the streams of one kind are decided again. */
export interface StreamVerifier<State> {
  /** The prefix of the ids of the streams of this kind. */
  prefix: string;
  initialState(): State;
  evolve(state: State, event: RecordedEvent): State;
  /** Read when a command's first event comes, from the other streams' states (`stateOf` a stream id). */
  factsBefore?(event: RecordedEvent, stateOf: (streamId: string) => unknown): FactsBefore;
  rerun(group: Group<State>): Rerun;
}

/** A stream whose command is rebuilt from its own events alone and decided by its decider. */
export function deciderStream<Command, Event extends DomainEvent, State>(
  prefix: string,
  decider: Decider<Command, Event, State>,
  commandOf: (events: RecordedEvent[]) => Command | undefined,
): StreamVerifier<State> {
  return {
    prefix,
    initialState: decider.initialState,
    evolve: (state, event) => decider.evolve(state, asFact<Event>(event)),
    rerun: (group) => {
      const command = commandOf(group.events);
      if (!command) return 'not rebuildable';
      return () => decider.decide(command, group.stateBefore);
    },
  };
}

/** The contract an event names, as its stream stands. */
export function contractOf(event: RecordedEvent, stateOf: (streamId: string) => unknown): ContractState | undefined {
  const contractId = (event.data as { contractId?: unknown }).contractId;
  if (typeof contractId !== 'string') return undefined;
  return stateOf(`contract-${contractId}`) as ContractState | undefined;
}

export function asFact<Event>(event: RecordedEvent): Event {
  return { type: event.type, data: event.data } as unknown as Event;
}
