import { EventData, RecordedEvent } from '../event-store.port';

/**
 * Reads the data of one event type recorded at schema version `fromVersion` into its shape at `fromVersion + 1`.
 * Pure: no clock, no I/O, the same answer for the same data (the log is replayed again and again).
 */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: EventData): EventData;
}

/** An event recorded at a schema version newer than this build knows: reading on would guess at its shape. */
export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly event: { type: string; streamId: string; revision: number; position: number },
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `${event.type} at ${event.streamId}@${event.revision} (position ${event.position}) is recorded at schema version ${schemaVersion}, ` +
        `newer than the version ${currentVersion} this build reads: deploy the build that wrote it`,
    );
    this.name = 'UnknownSchemaVersionError';
  }
}

/**
 * The upcasters of every event type, keyed by (type, from version) and chained: an event recorded at version n
 * is read through n → n+1 → … → current. A type's current version is one more than its last upcaster's (1 when it
 * has none), so a version bump without its upcaster makes the new events unreadable, loudly, not guessed.
 */
export class Upcasters {
  private readonly chains = new Map<string, Array<Upcaster['upcast']>>();

  constructor(upcasters: readonly Upcaster[]) {
    const byType = new Map<string, Upcaster[]>();
    for (const upcaster of upcasters) byType.set(upcaster.type, [...(byType.get(upcaster.type) ?? []), upcaster]);
    for (const [type, list] of byType) {
      const sorted = [...list].sort((a, b) => a.fromVersion - b.fromVersion);
      sorted.forEach((upcaster, i) => {
        if (upcaster.fromVersion !== i + 1) {
          throw new Error(`${type}: upcasters must run from version 1 without gap or duplicate, found from ${sorted.map((u) => u.fromVersion).join(', ')}`);
        }
      });
      this.chains.set(type, sorted.map((upcaster) => upcaster.upcast));
    }
  }

  /** The schema version events of this type are written and read at. */
  currentVersion(type: string): number {
    return (this.chains.get(type)?.length ?? 0) + 1;
  }

  /**
   * The event with its data in the current shape. The metadata stays as stored: `schemaVersion` still says which
   * version was recorded, which verification needs to decide it by the rules of its time. An event already at
   * its current version is returned as it is (no copy).
   */
  upcast<E extends RecordedEvent>(event: E): E {
    const chain = this.chains.get(event.type) ?? [];
    const recorded = event.metadata.schemaVersion ?? 1;
    const current = chain.length + 1;
    if (recorded > current) throw new UnknownSchemaVersionError(event, recorded, current);
    if (recorded === current) return event;
    let data = event.data;
    for (let version = recorded; version < current; version++) data = chain[version - 1](data);
    return { position: event.position, streamId: event.streamId, revision: event.revision, id: event.id, type: event.type, recordedAt: event.recordedAt, ...(event.hash === undefined ? {} : { hash: event.hash }), data, metadata: event.metadata } as E;
  }
}
