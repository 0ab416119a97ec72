import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EmbeddedEventStore } from './embedded-event-store';
import { CompetingAck, competingStream, CompetingDone } from './testing/append-competing';

/**
 * Two processes append to the same streams of one store file at once, each with several concurrent writers
 * (group commits on both sides), every append with the expected revision it read. SQLite's file lock
 * serialises the write transactions; the stream heads, the revision checks and the global chain head are read
 * inside them, so no check may be missed across processes: every acknowledged append sits exactly after the
 * revision it expected, the positions are contiguous and both hash chains verify.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
const CHILD_SCRIPT = join(__dirname, 'testing', 'append-competing.ts');
const PROCESSES = ['p1', 'p2'];
const STREAMS = 3;
const WRITERS = 4;
const APPENDS_PER_WRITER = 60;
/** tsx compiles the child on its first start: slow on a busy machine. */
const READY_TIMEOUT_MS = 40_000;

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  done: Promise<CompetingDone>;
}

function startChild(file: string, name: string): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD_SCRIPT, file, name, String(STREAMS), String(WRITERS), String(APPENDS_PER_WRITER)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let ready!: () => void;
  let finished!: (done: CompetingDone) => void;
  let failed!: (error: Error) => void;
  const readyPromise = new Promise<void>((resolveReady, rejectReady) => {
    ready = resolveReady;
    setTimeout(() => rejectReady(new Error(`${name} did not open the store within ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS).unref();
  });
  const done = new Promise<CompetingDone>((resolveDone, rejectDone) => {
    finished = resolveDone;
    failed = rejectDone;
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as { kind: string };
    if (line.kind === 'ready') ready();
    else if (line.kind === 'done') finished(line as CompetingDone);
  });
  child.on('close', (code) => failed(new Error(`${name} exited with code ${code} before it was done: ${stderr}`)));
  // Killed after a failure elsewhere: that failure is the one to report.
  done.catch(() => undefined);
  return { process: child, ready: readyPromise, done };
}

describe('embedded event store, two processes appending to the same streams', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'event-store-multi-process-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('misses no expected-revision conflict and keeps the stream and global chains whole', async () => {
    const file = join(folder, 'events.db');
    const children = PROCESSES.map((name) => startChild(file, name));
    try {
      await Promise.all(children.map((child) => child.ready));
      for (const child of children) child.process.stdin!.write('go\n');
      const results = await Promise.all(children.map((child) => child.done));

      const acks: CompetingAck[] = results.flatMap((result) => result.acks);
      const conflicts = results.map((result) => result.conflicts);
      // The processes did compete: each lost races to the other (or to its own writers) and tried again.
      expect(acks).toHaveLength(PROCESSES.length * WRITERS * APPENDS_PER_WRITER);
      expect(conflicts.every((count) => count > 0)).toBe(true);

      const store = EmbeddedEventStore.open({ file });
      try {
        expect(await store.verifyIntegrity()).toMatchObject({ ok: true, streamsChecked: STREAMS });
        const all = await store.readAll();
        const acknowledged = new Set(acks.flatMap((ack) => ack.ids));
        // Exactly the acknowledged events, at contiguous global positions (one chain head, never forked).
        expect(all.map((event) => event.id).sort()).toEqual([...acknowledged].sort());
        expect(all.map((event) => event.position)).toEqual(all.map((_, index) => index + 1));
        expect(await store.headPosition()).toBe(all.length);
        for (let n = 0; n < STREAMS; n++) {
          const events = await store.readStream(competingStream(n));
          expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => index));
          // Each event was written right after the revision its writer expected: no check was passed on a stale head.
          for (const event of events) {
            const { expected, index } = event.data as { expected: number; index: number };
            expect({ id: event.id, revision: event.revision }).toEqual({ id: event.id, revision: expected + 1 + index });
          }
        }
        for (const ack of acks) {
          const [last] = await store.readStream(ack.stream, { fromRevision: ack.revision, maxCount: 1 });
          expect(last.id).toBe(ack.ids[ack.ids.length - 1]);
          expect(ack.revision).toBe(ack.expected + ack.ids.length);
        }
        console.log(
          `two processes: ${acks.length} appends (${all.length} events) acknowledged on ${STREAMS} shared streams, ` +
            `expected-revision conflicts ${conflicts.join(' + ')}, chains verified`,
        );
      } finally {
        await store.close();
      }
    } finally {
      for (const child of children) child.process.kill('SIGKILL');
    }
  }, 90_000);
});
