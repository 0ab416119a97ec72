import { isDeepStrictEqual } from 'node:util';
import { RecordedEvent } from '@app/event-store';
import { DATED_ADJUSTMENT_SCHEMA_VERSION } from '@app/procurement';

/**
 * Fields the decider adds since a schema version, by event type: an event recorded at an earlier version is
 * compared without them (the decision was the same; its shape had not the field yet).
 */
const FIELDS_ADDED: Record<string, { since: number; fields: string[] }> = {
  OrderQuantityAdjusted: { since: DATED_ADJUSTMENT_SCHEMA_VERSION, fields: ['adjustedOn'] },
  OrderModuleAdded: { since: DATED_ADJUSTMENT_SCHEMA_VERSION, fields: ['adjustedOn'] },
};

function asRecordedThen(produced: { type: string; data: object }, recorded: RecordedEvent): object {
  const added = FIELDS_ADDED[recorded.type];
  if (!added || (recorded.metadata.schemaVersion ?? 1) >= added.since) return produced.data;
  return Object.fromEntries(Object.entries(produced.data).filter(([field]) => !added.fields.includes(field)));
}

/** The first difference between what the decider produces again and what was recorded, if any. */
export function compare(
  decided: Array<{ type: string; data: object }>,
  recorded: RecordedEvent[],
): { event: RecordedEvent; reason: string } | undefined {
  // As stored: JSON drops undefined fields.
  const produced = decided.map((event) => JSON.parse(JSON.stringify({ type: event.type, data: event.data })) as { type: string; data: object });
  for (let i = 0; i < recorded.length; i++) {
    const event = recorded[i];
    const expected = produced[i];
    if (!expected) {
      return { event, reason: `the decider, re-run on the state and command, does not produce this event (it produces ${produced.length} event(s): ${types(produced)})` };
    }
    if (expected.type !== event.type) {
      return { event, reason: `the decider, re-run on the state and command, produces ${expected.type} here, not ${event.type}` };
    }
    const expectedData = asRecordedThen(expected, event);
    if (!isDeepStrictEqual(expectedData, event.data)) {
      return { event, reason: `the decider, re-run on the state and command, produces other data: ${differences(expectedData, event.data)}` };
    }
  }
  if (produced.length > recorded.length) {
    return {
      event: recorded[recorded.length - 1],
      reason: `the decider, re-run on the state and command, also produces ${types(produced.slice(recorded.length))}, which was not recorded`,
    };
  }
  return undefined;
}

function types(events: Array<{ type: string }>): string {
  return events.map((event) => event.type).join(', ') || 'nothing';
}

/** The top-level fields that differ, with both values (shortened). */
function differences(expected: object, recorded: object): string {
  const a = expected as Record<string, unknown>;
  const b = recorded as Record<string, unknown>;
  return Object.keys({ ...a, ...b })
    .filter((key) => !isDeepStrictEqual(a[key], b[key]))
    .map((key) => `${key} recorded ${short(b[key])}, decided ${short(a[key])}`)
    .join('; ');
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
