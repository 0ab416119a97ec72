import { RuleViolation } from '../errors/domain-errors';
import { Decider, DomainEvent } from '../command-handling/decider';

/**
 * Given / when / then on a decider: given these past events, when this command, then these events or this
 * refusal. Used by the domain's unit tests only.
 */
export function specify<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(history: Event[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]): void {
              expect(run()).toEqual(expected);
            },
            /** The events decided, for assertions on part of them. */
            events(): Event[] {
              return run();
            },
            thenRefuses(code: string, details?: Record<string, unknown>): void {
              let refusal: unknown;
              try {
                run();
              } catch (error) {
                refusal = error;
              }
              expect(refusal).toBeInstanceOf(RuleViolation);
              expect((refusal as RuleViolation).code).toBe(code);
              if (details) expect((refusal as RuleViolation).details).toMatchObject(details);
            },
          };
        },
      };
    },
  };
}
