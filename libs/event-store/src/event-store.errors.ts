import { ActualRevision, ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the writer expected: nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some events of a batch were already stored in the stream and others were not: the batch is neither new nor
 * a retry of an earlier append, so it is refused whole.
 */
export class PartialDuplicateAppendError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} already holds some but not all of the events of this append`);
    this.name = 'PartialDuplicateAppendError';
  }
}

/** The embedded store's file is unreadable, not ours, or from an unknown schema: refuse to start. */
export class EventStoreFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`Event store file ${file}: ${reason}`);
    this.name = 'EventStoreFileError';
  }
}

/**
 * The store's disk is full: the append was not written (nothing acknowledged is lost); it may be sent again once
 * space is freed. Answered 503 STORAGE_FULL.
 */
export class StorageFullError extends Error {
  constructor(readonly location: string) {
    super(`The event store has no space left (${location}): nothing was written`);
    this.name = 'StorageFullError';
  }
}

/** Whether a storage error means the disk is full (SQLite's SQLITE_FULL, or the system's ENOSPC). */
export function isStorageFull(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || (typeof message === 'string' && /database or disk is full|ENOSPC|no space left/i.test(message));
}

/** Throws WrongExpectedRevisionError unless the stream's current revision is what the writer expects. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | undefined): void {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    (typeof expected === 'number' && current === expected);
  if (!matches) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
}
