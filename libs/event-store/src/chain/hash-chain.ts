import { createHash } from 'node:crypto';

/** The hash that precedes the first event of every stream and of the global chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain commits to: every stored field of the event, exactly as stored. */
export interface ChainedEventFields {
  streamId: string;
  revision: number;
  position: number;
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
  recordedAt: string;
}

/** Links an event to the previous event of its stream. */
export function streamHash(previousStreamHash: string, event: ChainedEventFields): string {
  const content = JSON.stringify([
    event.streamId,
    event.revision,
    event.position,
    event.id,
    event.type,
    event.dataJson,
    event.metadataJson,
    event.recordedAt,
  ]);
  return createHash('sha256').update(previousStreamHash).update('\n').update(content).digest('hex');
}

/** Links an event's stream hash to the previous event in global order, so deleted streams show too. */
export function globalHash(previousGlobalHash: string, eventStreamHash: string): string {
  return createHash('sha256').update(previousGlobalHash).update('\n').update(eventStreamHash).digest('hex');
}
