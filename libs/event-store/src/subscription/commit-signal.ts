import { EventSubscription, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';

/** Where a subscription stands: the last position it delivered, and whether it was closed. */
export interface SubscriptionCursor {
  last: number;
  stopped: boolean;
}

/**
 * Wakes the subscriptions waiting for a commit. Each wait also ends after the poll interval, for commits that
 * no signal reaches (another process's, a lost notification).
 */
export class CommitSignal {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly pollIntervalMs: number) {}

  next(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.waiters.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** A subscription delivered from its cursor; closing it stops the cursor and wakes it from a wait for a commit. */
export function subscriptionFrom(
  options: SubscribeToAllOptions,
  signal: CommitSignal,
  deliver: (cursor: SubscriptionCursor) => AsyncGenerator<RecordedEvent>,
): EventSubscription {
  const cursor: SubscriptionCursor = { last: options.fromPosition === 'start' ? 0 : options.fromPosition, stopped: false };
  const iterator = deliver(cursor);
  return Object.assign(iterator, {
    close: async () => {
      cursor.stopped = true;
      signal.wakeAll();
      await iterator.return(undefined);
    },
  });
}
