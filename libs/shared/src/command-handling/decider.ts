/** A business fact as a decider emits it: a past-tense type and plain data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  /** Version of the data's shape; 1 unless the event's schema has changed. */
  schemaVersion?: number;
}

/**
 * An aggregate as pure functions (the Decider pattern): `decide` holds every rule and throws a RuleViolation
 * to refuse; `evolve` folds facts and never refuses.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: () => State;
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
}
