/**
 * Child process of the multi-process test (`embedded-event-store.multi-process.int.spec.ts`); not part of the
 * library.
 *
 * Usage: node --import tsx append-competing.ts <file> <process> <streams> <writers> <appends per writer>
 *
 * Opens the embedded store on <file>, prints `{"kind":"ready"}`, waits for a line on stdin (so two processes
 * start together), then runs <writers> concurrent loops (their appends share group commits). Each loop appends
 * to one of <streams> streams shared with the other process: it reads the stream's head, appends 1 or 2 events
 * with that head as the expected revision and records the revision it expected in every event; a
 * WrongExpectedRevisionError (the other process or loop got there first) is counted and the loop reads again.
 * At the end it prints `{"kind":"done","acks":[...],"conflicts":n}` and exits.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { WrongExpectedRevisionError } from '../../event-store.errors';
import { EventToAppend } from '../../event-store.port';
import { EmbeddedEventStore } from '../embedded-event-store';

export interface CompetingAck {
  stream: string;
  ids: string[];
  /** The stream's revision the append was checked against (-1: no stream yet). */
  expected: number;
  revision: number;
  position: number;
}

export interface CompetingDone {
  kind: 'done';
  acks: CompetingAck[];
  conflicts: number;
}

export const competingStream = (n: number): string => `competing-${n}`;

async function writerLoop(store: EmbeddedEventStore, processName: string, writer: number, streams: number, appends: number, done: CompetingDone): Promise<void> {
  for (let n = 0; n < appends; ) {
    const stream = competingStream((n + writer) % streams);
    const [head] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const expected = head ? head.revision : -1;
    const events: EventToAppend[] = Array.from({ length: 1 + (n % 2) }, (_, index) => {
      const commandId = randomUUID();
      return {
        id: randomUUID(),
        type: 'CompetingEventAppended',
        data: { process: processName, writer, n, index, expected },
        metadata: { actorId: processName, role: 'system', tenant: 'ARA', commandId, correlationId: commandId, causationId: commandId, occurredAt: new Date().toISOString(), schemaVersion: 1 },
      };
    });
    try {
      const result = await store.appendToStream(stream, events, { expectedRevision: expected < 0 ? 'no_stream' : expected });
      done.acks.push({ stream, ids: events.map((event) => event.id), expected, revision: result.revision, position: result.position });
      n += 1;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      done.conflicts += 1;
    }
  }
}

async function main(): Promise<void> {
  const [file, processName, streams, writers, appends] = process.argv.slice(2);
  if (!appends) throw new Error('usage: append-competing.ts <file> <process> <streams> <writers> <appends per writer>');
  const store = EmbeddedEventStore.open({ file });
  process.stdout.write(`${JSON.stringify({ kind: 'ready' })}\n`);
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const done: CompetingDone = { kind: 'done', acks: [], conflicts: 0 };
  await Promise.all(Array.from({ length: Number(writers) }, (_, writer) => writerLoop(store, processName, writer, Number(streams), Number(appends), done)));
  await store.close();
  process.stdout.write(`${JSON.stringify(done)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`append-competing failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
