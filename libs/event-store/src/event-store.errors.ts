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
