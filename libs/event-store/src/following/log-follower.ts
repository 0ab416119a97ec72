import { EventStore, RecordedEvent } from '../event-store.port';

/** Events read at a time when catching up. */
const PAGE = 5000;

/**
 * Keeps something held in memory (an index, a directory) up to date with the global log, on demand:
 * `catchUp()` hands each event appended since the last one to `apply`, in order, page by page. One catch-up
 * runs at a time; callers arriving meanwhile share it, so each sees every event appended before its call.
 */
export class LogFollower {
  private position = 0;
  private catchingUp?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: RecordedEvent) => void,
  ) {}

  catchUp(): Promise<void> {
    this.catchingUp ??= this.readNewEvents().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ afterPosition: this.position, maxCount: PAGE });
      for (const event of events) {
        this.apply(event);
        this.position = event.position;
      }
      if (events.length < PAGE) return;
    }
  }
}
