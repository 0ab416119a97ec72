/**
 * Verifies the configured store for auditors: the hash chains of every stream and of the global order, every
 * recorded decision re-decided from the state and command that produced it, every adjustment proposal re-run
 * from its recorded inputs. Exits 1 naming the first bad event when anything differs.
 *   npm run audit:verify
 */
import { SingleBar } from 'cli-progress';
import { BadEvent, verifyAll, VerificationProgress } from '../../../libs/audit/src/verification';
import { openConfiguredEventStore } from '../../../libs/event-store/src/event-store.module';
import { validateEnvironment } from '../../../libs/shared/src/config/environment';

const PHASES: Record<VerificationProgress['phase'], string> = {
  integrity: 'hash chains      ',
  decisions: 'decisions, proposals',
};

async function main(): Promise<number> {
  const env = validateEnvironment(process.env);
  const store = openConfiguredEventStore(env);
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
    });
    bar.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { integrity, decisions, proposals } = report;
    console.log(`hash chains: ${integrity.ok ? 'intact' : 'BROKEN'} (${integrity.eventsChecked} events, ${integrity.streamsChecked} streams)`);
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
    await store.close();
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

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
