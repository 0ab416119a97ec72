/**
 * Child process of the crash tests (`killed-while-appending.ts`, run by the embedded and the PostgreSQL store's
 * `*.crash.int.spec.ts`); not part of the library.
 *
 * Usage: node --import tsx append-until-killed.ts <writers> <round> embedded <file>
 *        node --import tsx append-until-killed.ts <writers> <round> postgres <url> <schema>
 *
 * Opens the store named and runs <writers> concurrent loops, each appending to its own stream
 * (`crash-writer-<n>`) with the expected revision it last saw, picked up from the stream's head at start so a
 * restarted child continues the streams of a killed one. Appends carry 1 to 3 events, so one commit of the group
 * holds several appends and some appends several events. Every line goes to stdout, and the next step waits until
 * the line is in the kernel's buffer: stdout to a pipe is asynchronous once the pipe is full (the parent reading
 * slowly), and a line still queued in the child when it is killed would be lost. So a line the parent reads was
 * written before the next step, and every append the store may hold was announced:
 *   {"kind":"ready"}                                          the store is open
 *   {"kind":"try","stream":s,"ids":[...]}                     an append is about to be handed to the store
 *   {"kind":"ack","stream":s,"ids":[...],"revision":r,"position":p}   that append resolved (acknowledged)
 * It never stops by itself: the parent kills it with SIGKILL. Any failed append is a bug: it exits with code 1.
 */
import { randomUUID } from 'node:crypto';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { EventStore, EventToAppend, ExpectedRevision } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';

export interface ReadyLine {
  kind: 'ready';
}
export interface TryLine {
  kind: 'try';
  stream: string;
  ids: string[];
}
export interface AckLine {
  kind: 'ack';
  stream: string;
  ids: string[];
  revision: number;
  position: number;
}
export type ChildLine = ReadyLine | TryLine | AckLine;

export const writerStream = (writer: number): string => `crash-writer-${writer}`;

/** Resolves once the line has left the process (handed to the kernel), so a SIGKILL can no longer lose it. */
function emit(line: ChildLine): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve())),
  );
}

async function writerLoop(store: EventStore, writer: number, round: number): Promise<never> {
  const stream = writerStream(writer);
  const [head] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  let expectedRevision: ExpectedRevision = head ? head.revision : 'no_stream';
  for (let n = 0; ; n++) {
    const count = 1 + ((n + writer) % 3);
    const events: EventToAppend[] = Array.from({ length: count }, (_, i) => {
      const commandId = randomUUID();
      return {
        id: randomUUID(),
        type: 'CrashTestEventAppended',
        data: { writer, round, n, i },
        metadata: {
          actorId: `writer-${writer}`,
          role: 'system',
          tenant: 'ARA',
          commandId,
          correlationId: commandId,
          causationId: commandId,
          occurredAt: new Date().toISOString(),
          schemaVersion: 1,
        },
      };
    });
    const ids = events.map((event) => event.id);
    await emit({ kind: 'try', stream, ids });
    const result = await store.appendToStream(stream, events, { expectedRevision });
    await emit({ kind: 'ack', stream, ids, revision: result.revision, position: result.position });
    expectedRevision = result.revision;
  }
}

/** The store the arguments name: `embedded <file>` or `postgres <url> <schema>`. */
function openNamedStore(args: string[]): Promise<EventStore> {
  const [kind, ...rest] = args;
  if (kind === 'embedded' && rest.length === 1) return Promise.resolve(EmbeddedEventStore.open({ file: rest[0] }));
  if (kind === 'postgres' && rest.length === 2) return PostgresEventStore.open({ url: rest[0], schema: rest[1] });
  throw new Error('usage: append-until-killed.ts <writers> <round> (embedded <file> | postgres <url> <schema>)');
}

async function main(): Promise<void> {
  const [writersArg, roundArg, ...storeArgs] = process.argv.slice(2);
  const store = await openNamedStore(storeArgs);
  await emit({ kind: 'ready' });
  const writers = Number(writersArg);
  const round = Number(roundArg);
  await Promise.all(Array.from({ length: writers }, (_, writer) => writerLoop(store, writer, round)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`append-until-killed failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
