import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EventStore, RecordedEvent } from '../event-store.port';
import { AckLine, ChildLine, TryLine, writerStream } from './append-until-killed';

/**
 * The crash test every adapter runs: kills (SIGKILL) a child process that appends to the store with several
 * concurrent writers, then checks on reopening that every append the child acknowledged is there, whole, in its
 * stream and at its revision, that no append is half written, and that the hash chains verify. Repeated on the
 * same store, each new child continuing the streams of the killed one.
 */

const REPO_ROOT = resolve(__dirname, '../../../..');
const CHILD_SCRIPT = join(__dirname, 'append-until-killed.ts');
const WRITERS = 8;
const ROUNDS = 3;
/** Acknowledgements after which the child is killed (varies per round, so the kill lands at different moments). */
const ACKS_BEFORE_KILL = [300, 220, 260];
/** Kill anyway this long after the child is ready, on a slow disk. */
const MAX_APPEND_TIME_MS = 1500;
/** Time to wait for the child to open the store (tsx start-up included). */
const READY_TIMEOUT_MS = 8000;

interface RoundOutcome {
  tries: TryLine[];
  acks: AckLine[];
  killedBySignal: NodeJS.Signals | null;
}

function runChildUntilKilled(storeArgs: string[], round: number): Promise<RoundOutcome> {
  return new Promise((resolveRound, rejectRound) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD_SCRIPT, String(WRITERS), String(round), ...storeArgs],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tries: TryLine[] = [];
    const acks: AckLine[] = [];
    let stderr = '';
    let killed = false;
    let appendTimer: NodeJS.Timeout | undefined;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      clearTimeout(appendTimer);
      clearTimeout(readyTimer);
      child.kill('SIGKILL');
    };
    const readyTimer = setTimeout(() => {
      kill();
      rejectRound(new Error(`child did not open the store within ${READY_TIMEOUT_MS} ms; stderr:\n${stderr}`));
    }, READY_TIMEOUT_MS);

    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Lines already in the pipe when the child is killed are still read: they were acknowledged before the kill.
    createInterface({ input: child.stdout! }).on('line', (text) => {
      let line: ChildLine;
      try {
        line = JSON.parse(text) as ChildLine;
      } catch {
        kill();
        rejectRound(new Error(`unreadable line from the child: ${JSON.stringify(text)}`));
        return;
      }
      if (line.kind === 'ready') {
        clearTimeout(readyTimer);
        appendTimer = setTimeout(kill, MAX_APPEND_TIME_MS);
      } else if (line.kind === 'try') {
        tries.push(line);
      } else {
        acks.push(line);
        if (acks.length >= ACKS_BEFORE_KILL[round]) kill();
      }
    });
    child.on('error', (error) => {
      kill();
      rejectRound(error);
    });
    // 'close' comes after the process exited and its stdout was read to the end.
    child.on('close', (code, signal) => {
      clearTimeout(appendTimer);
      clearTimeout(readyTimer);
      if (!killed) {
        rejectRound(new Error(`child stopped by itself (code ${code}, signal ${signal}); stderr:\n${stderr}`));
        return;
      }
      resolveRound({ tries, acks, killedBySignal: signal });
    });
  });
}

/** Where the child appends (its arguments after `<writers> <round>`, see append-until-killed.ts) and how to read it back. */
export interface CrashTarget {
  childArgs: string[];
  open(): Promise<EventStore>;
}

export function killedWhileAppending(adapterName: string, prepare: () => Promise<CrashTarget>, cleanUp: () => Promise<void>): void {
  describe(`${adapterName} event store, killed while appending`, () => {
    let target: CrashTarget;

    beforeAll(async () => {
      target = await prepare();
    });
    afterAll(() => cleanUp());

    it('keeps every acknowledged append, whole and in order, across repeated SIGKILLs of the writing process', async () => {
      const allAcks: AckLine[] = [];
      const allTries: TryLine[] = [];

      for (let round = 0; round < ROUNDS; round++) {
        const { tries, acks, killedBySignal } = await runChildUntilKilled(target.childArgs, round);
        expect(killedBySignal).toBe('SIGKILL');
        // The child continued the streams left by the killed one (no revision conflict), and made progress.
        expect(acks.length).toBeGreaterThan(0);
        allAcks.push(...acks);
        allTries.push(...tries);

        const store = await target.open();
        try {
          const all = await store.readAll();
          const byId = new Map<string, RecordedEvent>(all.map((event) => [event.id, event]));
          expect(byId.size).toBe(all.length);

          // Every acknowledged append is stored, in its stream, at the revisions and position the store answered.
          const missing = allAcks.flatMap((ack) => ack.ids.filter((id) => !byId.has(id)));
          expect({ round, missing }).toEqual({ round, missing: [] });
          for (const ack of allAcks) {
            const stored = ack.ids.map((id) => byId.get(id)!);
            expect(stored.map((event) => event.streamId)).toEqual(ack.ids.map(() => ack.stream));
            expect(stored.map((event) => event.revision)).toEqual(
              ack.ids.map((_, i) => ack.revision - (ack.ids.length - 1) + i),
            );
            expect(stored[stored.length - 1].position).toBe(ack.position);
          }

          // An append the child started but was killed before acknowledging is all there or not at all.
          const acknowledged = new Set(allAcks.map((ack) => ack.ids[0]));
          for (const attempt of allTries.filter((t) => !acknowledged.has(t.ids[0]))) {
            const stored = attempt.ids.map((id) => byId.get(id));
            const present = stored.filter((event) => event !== undefined);
            expect({ attempt: attempt.ids, present: present.length }).toEqual({
              attempt: attempt.ids,
              present: present.length === 0 ? 0 : attempt.ids.length,
            });
            if (present.length > 0) {
              const first = present[0]!.revision;
              expect(present.map((event) => [event!.streamId, event!.revision])).toEqual(
                present.map((_, i) => [attempt.stream, first + i]),
              );
            }
          }

          // Nothing is stored that the child did not try to append.
          const tried = new Set(allTries.flatMap((attempt) => attempt.ids));
          expect(all.filter((event) => !tried.has(event.id)).map((event) => event.id)).toEqual([]);

          // No stream has a gap or a repeated revision; the global order is strictly increasing.
          for (let writer = 0; writer < WRITERS; writer++) {
            const stream = writerStream(writer);
            const revisions = all.filter((event) => event.streamId === stream).map((event) => event.revision);
            expect({ stream, revisions }).toEqual({ stream, revisions: revisions.map((_, i) => i) });
            const [head] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
            expect(head?.revision).toBe(revisions.length - 1);
          }
          expect(new Set(all.map((event) => event.streamId))).toEqual(
            new Set(Array.from({ length: WRITERS }, (_, writer) => writerStream(writer))),
          );
          const positions = all.map((event) => event.position);
          expect(positions.every((position, i) => i === 0 || position > positions[i - 1])).toBe(true);

          expect(await store.verifyIntegrity()).toEqual({
            ok: true,
            eventsChecked: all.length,
            streamsChecked: WRITERS,
          });
        } finally {
          await store.close();
        }
      }

      // Several rounds, each with a good share of grouped commits, really ran.
      expect(allAcks.length).toBeGreaterThanOrEqual(ROUNDS * 50);
    }, 30_000);
  });
}
