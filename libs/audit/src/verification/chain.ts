import { CheckedCheckpoints, EventStore, IntegrityReport } from '@app/event-store';
import { BadEvent } from './report';

/**
 * The hash chains compared with the signed checkpoints: a chain re-sealed by whoever holds the event file differs
 * from a checkpoint ("log rewritten"), or ends before one ("log truncated"). A checkpoint no trusted key signed
 * fails the check too: someone wrote it who does not hold the key.
 */
export async function verifyChain(store: EventStore, checkpoints?: CheckedCheckpoints, onProgress?: (checked: number) => void): Promise<IntegrityReport> {
  const report = await store.verifyIntegrity(onProgress, checkpoints?.anchors ?? []);
  if (!checkpoints) return report;
  const counted: IntegrityReport = { ...report, checkpoints: { anchors: checkpoints.anchors.length, ...report.checkpoints, untrusted: checkpoints.untrusted.length } };
  const [untrusted] = checkpoints.untrusted;
  if (!counted.ok || !untrusted) return counted;
  return {
    ...counted,
    ok: false,
    firstFailure: {
      reason: `the checkpoint of position ${untrusted.position} (signed ${untrusted.signedAt}, key ${untrusted.keyId}) is not signed by a trusted key`,
      kind: 'untrusted-checkpoint',
    },
  };
}

/** Names the event at a position (its content may be the rewritten one: only its id, type and tenant are shown). */
export async function headerAt(store: EventStore, position: number | undefined): Promise<Pick<BadEvent, 'eventId' | 'type' | 'tenant'>> {
  if (position === undefined) return {};
  const [event] = await store.readAll({ fromPosition: position, maxCount: 1 });
  return event?.position === position ? { eventId: event.id, type: event.type, tenant: event.metadata.tenant } : {};
}
