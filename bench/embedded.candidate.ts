import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { EmbeddedEventStore } from '../libs/event-store/src/embedded/embedded-event-store';
import type { Candidate } from './candidate';
import { touch } from './candidate';
import type { BenchEvent } from './events';

/** (a) The project's adapter, used only through its public API. */
export class EmbeddedCandidate implements Candidate {
  readonly key = '(a)';
  readonly label = 'embedded adapter';
  private store!: EmbeddedEventStore;
  sink = 0;

  async open(dir: string): Promise<void> {
    this.store = EmbeddedEventStore.open({ file: join(dir, 'events.db') });
  }

  async describe(): Promise<string[]> {
    // Read back the live connection's settings (private field, read only, for the report).
    const db = (this.store as unknown as { db: Database.Database }).db;
    const journal = db.pragma('journal_mode', { simple: true }) as string;
    const sync = db.pragma('synchronous', { simple: true }) as number;
    return [
      `EmbeddedEventStore.open({ file }): journal_mode=${journal}, synchronous=${syncName(sync)}, ` +
        'group commit (appends queued before the next setImmediate share one transaction), ' +
        'sha256 stream + global hash chains, expectedRevision checked',
    ];
  }

  async append(streamId: string, event: BenchEvent, currentRevision: number): Promise<void> {
    await this.store.appendToStream(streamId, [event], {
      expectedRevision: currentRevision < 0 ? 'no_stream' : currentRevision,
    });
  }

  async fill(streamId: string, events: BenchEvent[], currentRevision: number): Promise<void> {
    await this.store.appendToStream(streamId, events, {
      expectedRevision: currentRevision < 0 ? 'no_stream' : currentRevision,
    });
  }

  async readStream(streamId: string): Promise<number> {
    const events = await this.store.readStream(streamId);
    for (const event of events) this.sink += touch(event.data);
    return events.length;
  }

  async readAll(pageSize: number): Promise<number> {
    let read = 0;
    let from = 0;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: from, maxCount: pageSize });
      for (const event of page) this.sink += touch(event.data);
      read += page.length;
      if (page.length < pageSize) return read;
      from = page[page.length - 1]!.position + 1;
    }
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}

export function syncName(value: number): string {
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][value] ?? String(value);
}
