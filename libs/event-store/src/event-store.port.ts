/**
 * The event store port. Events are the source of truth: every adapter (embedded SQLite, PostgreSQL, EventStoreDB)
 * implements this interface and passes the same contract suite (`testing/event-store.contract.ts`).
 */

/** Injection token for the configured adapter. */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type Role = 'buyer' | 'provider' | 'pole_emploi' | 'auditor' | 'admin' | 'system';

/** Who did what, on whose behalf, and why: stored with every event. */
export interface EventMetadata {
  actorId: string;
  role: Role;
  /** Region code the decision belongs to (tenant). */
  tenant: string;
  /** Id of the command that produced the event (the Idempotency-Key when the client gave one). */
  commandId: string;
  correlationId: string;
  /** Id of the command or event that caused this one. */
  causationId: string;
  /** ISO-8601 time of the business fact, from the command's clock, not the store's. */
  occurredAt: string;
  schemaVersion: number;
}

export type EventData = Record<string, unknown>;

/** An event as handed to the store. The id is a UUID chosen by the writer, which makes retries idempotent. */
export interface EventToAppend<Type extends string = string, Data extends EventData = EventData> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as the store returns it. */
export interface RecordedEvent<Type extends string = string, Data extends EventData = EventData>
  extends EventToAppend<Type, Data> {
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: number;
  /** Position in the store's global commit order: strictly increasing, not necessarily contiguous. */
  position: number;
  /** ISO-8601 time the store committed the event. */
  recordedAt: string;
  /** Tamper-evidence chain hash, where the adapter keeps one (the embedded store does). */
  hash?: string;
}

/**
 * What the writer expects the stream's current revision to be:
 * a revision number, `no_stream` (must not exist), `stream_exists` (must exist) or `any` (no check).
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** The stream's current revision as seen by the store when a check failed. */
export type ActualRevision = number | 'no_stream';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append (its new current revision). */
  revision: number;
  /** Global position of the last event written by the append. */
  position: number;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
  direction?: ReadDirection;
}

export interface ReadAllOptions {
  /** First global position to read (inclusive): one the store returned, or 0. Defaults to the start. */
  fromPosition?: number;
  /** Read strictly after this position (a checkpoint the store returned); used instead of fromPosition. */
  afterPosition?: number;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver the events strictly after this position (a checkpoint the store returned), or all from `start`. */
  fromPosition: number | 'start';
}

/** A catch-up subscription: history, then live events, in global order, until closed. */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface IntegrityReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /**
   * The first event (or stream head) that does not verify, when `ok` is false. `kind` says what a signed
   * checkpoint shows: `rewritten` (the chain differs from a checkpoint: the event named is the first after the
   * last checkpoint that still holds) or `truncated` (the log ends before a checkpoint's position).
   */
  firstFailure?: { position?: number; streamId?: string; revision?: number; reason: string; kind?: 'rewritten' | 'truncated' | 'untrusted-checkpoint' };
  /** The signed checkpoints compared with the chain, where given. */
  checkpoints?: { anchors: number; untrusted: number; lastAnchoredPosition?: number; lastSignedAt?: string };
}

/** A position and chain hash signed outside the store (see checkpoints/checkpoints.ts). */
export interface IntegrityAnchor {
  position: number;
  headHash: string;
  signedAt: string;
}

export interface EventStore {
  appendToStream(stream: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every stream in global commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The same events as readAll, for replays that use only part of what they read (projection rebuilds): an
   * adapter may parse `data` and `metadata` on first access and leave `hash` out. The events are read-only
   * views: copy one (`{ ...event, data: event.data, metadata: event.metadata }`) before keeping or serialising it.
   */
  replayAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeToAllOptions): EventSubscription;
  /** Position of the newest event (0 when the store is empty): how far a reader has to go. */
  headPosition(): Promise<number>;
  /**
   * Checks the tamper-evidence chains, where the adapter keeps them, and compares them with the signed
   * checkpoints given (sorted by position, signatures already verified).
   */
  verifyIntegrity(onProgress?: (checked: number) => void, anchors?: IntegrityAnchor[]): Promise<IntegrityReport>;
  /** Answers when the store can be reached (used by health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
