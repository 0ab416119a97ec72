/**
 * Verifies the configured store for auditors: the hash chains of every stream and of the global order, compared
 * with the signed checkpoints, every recorded decision re-decided from the state and command that produced it,
 * every adjustment proposal re-run from its recorded inputs. Exits 1 naming the first bad event when anything
 * differs.
 *   npm run audit:verify
 * Offline, on an export (npm run audit:export-history), without the api or its configuration:
 *   npm run audit:verify -- --history history.jsonl --checkpoints checkpoints.jsonl --public-key public-key.pem
 */
import { SingleBar } from 'cli-progress';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BadEvent, verifyAll, VerificationProgress } from '../../../libs/audit/src/verification';
import { ChainCheckpoints } from '../../../libs/event-store/src/checkpoints/chain-checkpoints';
import { CheckedCheckpoints, checkCheckpoints, publicKeysOf, readCheckpoints } from '../../../libs/event-store/src/checkpoints/checkpoints';
import { ExportedEvent } from '../../../libs/event-store/src/chain/chain-keeping-store';
import { EmbeddedEventStore } from '../../../libs/event-store/src/embedded/embedded-event-store';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { readingCurrentShapes } from '../../../libs/procurement/src/application/current-shapes';
import { EventStore } from '../../../libs/event-store/src/event-store.port';
import { validateEnvironment } from '../../../libs/shared/src/config/environment';
import { runCli } from './cli';

const USAGE = 'usage: npm run audit:verify [-- --history history.jsonl --checkpoints checkpoints.jsonl --public-key public-key.pem]';

interface Target {
  store: EventStore;
  checkpoints?: CheckedCheckpoints;
  close(): Promise<void>;
}

/** The configured store and its checkpoints, or an exported history loaded into a scratch store. */
function targetOf(args: { history?: string; checkpoints?: string; 'public-key'?: string }): Target {
  if (args.history === undefined) {
    const env = validateEnvironment(process.env);
    const store = readingCurrentShapes(openConfiguredEventStore(env));
    return { store, checkpoints: new ChainCheckpoints(env).check(), close: () => store.close() };
  }
  if (!args.checkpoints || !args['public-key']) throw new Error(USAGE);
  const scratch = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  const lines = readFileSync(args.history, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const store = readingCurrentShapes(EmbeddedEventStore.importHistory(join(scratch, 'events.db'), lines.map((line) => JSON.parse(line) as ExportedEvent)));
  const checkpoints = checkCheckpoints(readCheckpoints({ file: args.checkpoints }), publicKeysOf(readFileSync(args['public-key'], 'utf8')));
  return {
    store,
    checkpoints,
    close: async () => {
      await store.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

const PHASES: Record<VerificationProgress['phase'], string> = {
  integrity: 'hash chains      ',
  decisions: 'decisions, proposals',
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { history: { type: 'string' }, checkpoints: { type: 'string' }, 'public-key': { type: 'string' } } });
  const target = targetOf(values);
  const { store } = target;
  const bar = new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total} positions', hideCursor: true });
  let phase: VerificationProgress['phase'] | undefined;
  const started = process.hrtime.bigint();
  try {
    const report = await verifyAll(store, (progress) => {
      if (progress.phase !== phase) {
        if (phase) bar.stop();
        phase = progress.phase;
        bar.start(Math.max(progress.total, 1), 0, { phase: PHASES[phase] });
      }
      bar.setTotal(Math.max(progress.total, 1));
      bar.update(progress.done, { phase: PHASES[progress.phase] });
    }, target.checkpoints);
    bar.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { integrity, decisions, proposals } = report;
    console.log(`hash chains: ${integrity.ok ? 'intact' : 'BROKEN'} (${integrity.eventsChecked} events, ${integrity.streamsChecked} streams)`);
    const signed = integrity.checkpoints;
    console.log(
      signed
        ? `checkpoints: ${signed.anchors} signed by a trusted key${signed.untrusted > 0 ? `, ${signed.untrusted} NOT` : ''}` +
            (signed.lastAnchoredPosition === undefined ? '' : `; the chain matches the last one held, position ${signed.lastAnchoredPosition} (${signed.lastSignedAt})`)
        : 'checkpoints: none configured (AUDIT_SIGNING_KEY_FILE): the chain is not anchored outside the event file',
    );
    console.log(
      `decisions:   ${decisions.decided} re-decided identically, ${decisions.folded} folded only, ${decisions.failed} differ ` +
        `(${decisions.streams} streams of contracts, deliveries, purchase declarations and labour-market signals; ${decisions.otherStreams} events of other streams)`,
    );
    console.log(
      `proposals:   ${proposals.matched} of ${proposals.checked} re-run identically, ${proposals.failed} differ` +
        (proposals.unknownVersion.length > 0 ? `, ${proposals.unknownVersion.length} made by another policy version (not re-run)` : ''),
    );
    console.log(`${report.ok ? 'VERIFIED' : 'NOT VERIFIED'} in ${seconds.toFixed(1)} s`);
    if (report.firstFailure) {
      console.error(`first bad event: ${describe(report.firstFailure)}`);
      const others = report.failures.length - 1;
      if (others > 0) console.error(`(${others} more difference(s) found)`);
      return 1;
    }
    return 0;
  } finally {
    bar.stop();
    await target.close();
  }
}

function describe(failure: BadEvent): string {
  const where = [
    failure.position === undefined ? undefined : `position ${failure.position}`,
    failure.streamId === undefined ? undefined : `stream ${failure.streamId}`,
    failure.revision === undefined ? undefined : `revision ${failure.revision}`,
    failure.type,
    failure.eventId === undefined ? undefined : `event ${failure.eventId}`,
  ].filter((part) => part !== undefined);
  return `[${failure.check}] ${where.join(', ')}: ${failure.reason}`;
}

runCli(main, 2);
