import { CheckedCheckpoints, EventStore } from '@app/event-store';
import { headerAt, verifyChain } from './chain';
import { Replay } from './replay';
import { BadEvent, VERIFICATION_NOTES, VerificationProgress, VerificationReport } from './report';

export { verifyChain } from './chain';
export { proposalProblem } from './proposal';
export * from './report';

const PAGE = 1000;
const MAX_FAILURES = 100;

/**
 * Verifies the whole store: (1) the hash chains of every stream and of the global order; (2) every decision of
 * every stream a decider writes (those of STREAM_VERIFIERS in replay.ts: contracts, delivery, purchase
 * declarations, labour-market signals, price indices, the provider register, payments, programmes, evaluations)
 * follows from the state before it and the command that produced it; (3) every adjustment proposal follows from
 * the inputs recorded with it under the policy version it names.
 */
export async function verifyAll(
  store: EventStore,
  onProgress?: (progress: VerificationProgress) => void,
  checkpoints?: CheckedCheckpoints,
): Promise<VerificationReport> {
  const head = await store.headPosition();
  onProgress?.({ phase: 'integrity', done: 0, total: head });
  const integrity = await verifyChain(store, checkpoints, (checked) => onProgress?.({ phase: 'integrity', done: checked, total: head }));
  onProgress?.({ phase: 'integrity', done: head, total: head });

  const replay = new Replay();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: PAGE } : { afterPosition: after, maxCount: PAGE });
    for (const event of page) replay.take(event);
    if (page.length > 0) {
      after = page[page.length - 1].position;
      onProgress?.({ phase: 'decisions', done: after, total: Math.max(head, after) });
    }
    if (page.length < PAGE) break;
  }
  replay.finish();

  const failures = replay.failures.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const integrityFailure: BadEvent | undefined = integrity.ok
    ? undefined
    : { check: 'integrity', ...integrity.firstFailure!, ...(await headerAt(store, integrity.firstFailure!.position)) };
  const firstFailure = integrityFailure ?? failures[0];
  return {
    ok: firstFailure === undefined,
    ...(firstFailure ? { firstFailure } : {}),
    integrity,
    decisions: replay.decisions,
    proposals: replay.proposals,
    failures: [...(integrityFailure ? [integrityFailure] : []), ...failures].slice(0, MAX_FAILURES),
    notes: VERIFICATION_NOTES,
  };
}
