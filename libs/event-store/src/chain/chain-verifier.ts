import { IntegrityAnchor, IntegrityReport } from '../event-store.port';
import { GENESIS_HASH, globalHash, streamHash } from './hash-chain';

/** An event row as a store that keeps the hash chains holds it: data and metadata as their stored JSON text. */
export interface ChainedEventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
  global_hash: string;
}

/**
 * Checks the stream and global chains row by row, in global order, against the signed checkpoints given
 * (sorted by position, signatures already verified). Each store feeds it its rows and, at the end, the head of
 * the global chain it keeps, read in the same snapshot as the rows.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, { revision: number; hash: string }>();
  private chain = GENESIS_HASH;
  private lastPosition = 0;
  private checked = 0;
  private next = 0;
  private lastAnchor?: IntegrityAnchor;
  /** The first event after the last checkpoint that held: where a rewrite begins at the earliest. */
  private firstAfterAnchor?: ChainedEventRow;

  constructor(
    private readonly anchors: IntegrityAnchor[] = [],
    private readonly onProgress?: (checked: number) => void,
  ) {}

  /** A failure report when this row breaks a chain or a checkpoint, undefined while everything holds. */
  check(row: ChainedEventRow): IntegrityReport | undefined {
    const { anchors } = this;
    // A checkpoint whose position the log skips: events were removed or renumbered before it.
    if (this.next < anchors.length && row.position > anchors[this.next].position) return this.rewritten(anchors[this.next], 'no event at its position, other events');
    this.firstAfterAnchor ??= row;
    const previous = this.streams.get(row.stream_id) ?? { revision: -1, hash: GENESIS_HASH };
    if (row.position <= this.lastPosition) return this.fail('global position out of order', row);
    if (row.revision !== previous.revision + 1) {
      return this.fail(`revision ${row.revision} follows ${previous.revision}: an event is missing`, row);
    }
    const expectedHash = rowHash(previous.hash, row);
    if (row.hash !== expectedHash) return this.fail('event content does not match its hash: it was rewritten', row);
    this.chain = globalHash(this.chain, row.hash);
    if (row.global_hash !== this.chain) return this.fail('global chain broken: an earlier event was removed or reordered', row);
    if (this.next < anchors.length && row.position === anchors[this.next].position) {
      if (anchors[this.next].headHash !== this.chain) return this.rewritten(anchors[this.next], 'the chain there has another hash');
      this.lastAnchor = anchors[this.next];
      this.firstAfterAnchor = undefined;
      // Several checkpoints may sign one position (no event in between).
      while (this.next < anchors.length && anchors[this.next].position === row.position) {
        if (anchors[this.next].headHash !== this.chain) return this.rewritten(anchors[this.next], 'the chain there has another hash');
        this.next += 1;
      }
    }
    this.streams.set(row.stream_id, { revision: row.revision, hash: row.hash });
    this.lastPosition = row.position;
    this.checked += 1;
    if (this.onProgress && this.checked % 10_000 === 0) this.onProgress(this.checked);
    return undefined;
  }

  /** The report once every row was checked, given the head of the global chain the store keeps. */
  finish(head: { position: number; hash: string }): IntegrityReport {
    const { anchors } = this;
    // Before the head: a head left as it was also tells of removed events, but the checkpoint says which.
    if (this.next < anchors.length) {
      const latest = anchors[anchors.length - 1];
      return this.fail(
        `log truncated after the last checkpoint that holds${this.lastAnchor ? ` (position ${this.lastAnchor.position})` : ''}: the log ends at position ${this.lastPosition}, ` +
          `but a checkpoint signed ${latest.signedAt} covers position ${latest.position}`,
        undefined,
        'truncated',
      );
    }
    if (head.position !== this.lastPosition || head.hash !== this.chain) {
      return this.fail(`chain head is at position ${head.position} but the events end at ${this.lastPosition}: events were removed`);
    }
    this.onProgress?.(this.checked);
    const summary = this.summary();
    return { ok: true, eventsChecked: this.checked, streamsChecked: this.streams.size, ...(summary ? { checkpoints: summary } : {}) };
  }

  private summary(): IntegrityReport['checkpoints'] {
    const { anchors, lastAnchor } = this;
    return anchors.length === 0 && !lastAnchor
      ? undefined
      : { anchors: anchors.length, untrusted: 0, ...(lastAnchor ? { lastAnchoredPosition: lastAnchor.position, lastSignedAt: lastAnchor.signedAt } : {}) };
  }

  private fail(reason: string, row?: ChainedEventRow, kind?: 'rewritten' | 'truncated'): IntegrityReport {
    const summary = this.summary();
    return {
      ok: false,
      eventsChecked: this.checked,
      streamsChecked: this.streams.size,
      firstFailure: {
        ...(row ? { position: row.position, streamId: row.stream_id, revision: row.revision } : {}),
        reason,
        ...(kind ? { kind } : {}),
      },
      ...(summary ? { checkpoints: summary } : {}),
    };
  }

  private rewritten(anchor: IntegrityAnchor, found: string): IntegrityReport {
    const since = this.lastAnchor ? `the checkpoint of position ${this.lastAnchor.position} (signed ${this.lastAnchor.signedAt})` : 'the start of the log';
    return this.fail(
      `log rewritten: ${found} than the checkpoint signed ${anchor.signedAt} for position ${anchor.position}; ` +
        `the log holds up to ${since}, and this is the first event after it`,
      this.firstAfterAnchor,
      'rewritten',
    );
  }
}

/** A stored row's hash in its stream's chain, after the hash of the stream's event before it. */
export function rowHash(previousHash: string, row: Omit<ChainedEventRow, 'hash' | 'global_hash'>): string {
  return streamHash(previousHash, {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    id: row.event_id,
    type: row.type,
    dataJson: row.data,
    metadataJson: row.metadata,
    recordedAt: row.recorded_at,
  });
}
