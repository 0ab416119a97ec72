import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  NO_STREAM,
  Position,
  ResolvedEvent,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { ActualRevision, EventMetadata, EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';

/** Pure translations between the port's types and @eventstore/db-client's, unit-tested without a server. */

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Older servers report expectations as the negative codes of the wire protocol. */
const WIRE_EXPECTED: Record<string, ExpectedRevision> = { '-1': 'no_stream', '-2': 'any', '-4': 'stream_exists' };

function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected !== 'bigint') return expected;
  return expected < 0n ? (WIRE_EXPECTED[expected.toString()] ?? 'any') : Number(expected);
}

function fromEsdbCurrentRevision(actual: CurrentRevision): ActualRevision {
  return typeof actual === 'bigint' && actual >= 0n ? Number(actual) : NO_STREAM;
}

export function toWrongExpectedRevisionError(error: WrongExpectedVersionError): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(
    error.streamName,
    fromEsdbExpectedRevision(error.expectedVersion),
    fromEsdbCurrentRevision(error.actualVersion),
  );
}

export function toEsdbEvent(event: EventToAppend) {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/**
 * EventStoreDB orders $all by (commit, prepare). Since v20 every event is written in its own implicit
 * transaction record, so the prepare position is unique per event and follows $all order: it is the port's
 * number. Reading `$all` from a number goes back to the (commit, prepare) pair the server expects.
 */
export function toPortPosition(position: Position | undefined): number {
  // Stream reads come from the index, which does not know log positions: the server sends the max value.
  if (!position || position.prepare === MAX_UINT64) return -1;
  return Number(position.prepare);
}

export function toEsdbPosition(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

const MAX_UINT64 = 18446744073709551615n;

/** A resolved event from the client, or undefined for what the port does not carry (links, binary events). */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  // Events written by other tools without our metadata are not decisions of the product.
  if (!event || !event.isJson || typeof event.metadata !== 'object' || event.metadata === null) return undefined;
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position),
    recordedAt: event.created.toISOString(),
  };
}
