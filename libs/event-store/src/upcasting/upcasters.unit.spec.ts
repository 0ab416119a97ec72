import { RecordedEvent } from '../event-store.port';
import { UnknownSchemaVersionError, Upcasters } from './upcasters';

function recorded(type: string, data: Record<string, unknown>, schemaVersion?: number): RecordedEvent {
  return {
    id: 'e-1',
    type,
    data,
    metadata: { actorId: 'a', role: 'buyer', tenant: 'ARA', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-05T09:00:00.000Z', ...(schemaVersion === undefined ? {} : { schemaVersion }) } as RecordedEvent['metadata'],
    streamId: 'contract-1',
    revision: 0,
    position: 1,
    recordedAt: '2026-01-05T09:00:00.000Z',
  };
}

// Version 1 named the field `name`; version 2 split it; version 3 added a default country.
const upcasters = new Upcasters([
  { type: 'Renamed', fromVersion: 2, upcast: (data) => ({ ...data, country: 'FR' }) },
  { type: 'Renamed', fromVersion: 1, upcast: ({ name, ...data }) => ({ ...data, first: String(name).split(' ')[0], last: String(name).split(' ')[1] }) },
]);

describe('Upcasters', () => {
  it('chains every upcaster from the recorded version to the current one, in version order', () => {
    expect(upcasters.upcast(recorded('Renamed', { name: 'Ada Lovelace' }, 1)).data).toEqual({ first: 'Ada', last: 'Lovelace', country: 'FR' });
    expect(upcasters.upcast(recorded('Renamed', { first: 'Ada', last: 'Lovelace' }, 2)).data).toEqual({ first: 'Ada', last: 'Lovelace', country: 'FR' });
  });

  it('reads an event without schemaVersion as version 1', () => {
    expect(upcasters.upcast(recorded('Renamed', { name: 'Ada Lovelace' })).data).toEqual({ first: 'Ada', last: 'Lovelace', country: 'FR' });
  });

  it('returns an event at its current version as it is, and keeps the stored metadata of one it upcasts', () => {
    const current = recorded('Renamed', { first: 'Ada', last: 'Lovelace', country: 'FR' }, 3);
    expect(upcasters.upcast(current)).toBe(current);
    const old = recorded('Renamed', { name: 'Ada Lovelace' }, 1);
    const read = upcasters.upcast(old);
    expect(read.metadata).toBe(old.metadata);
    expect(read.metadata.schemaVersion).toBe(1);
    expect(old.data).toEqual({ name: 'Ada Lovelace' });
    expect({ ...read, data: undefined }).toEqual({ ...old, data: undefined });
  });

  it('gives the current version of each type: one more than its last upcaster, 1 without any', () => {
    expect(upcasters.currentVersion('Renamed')).toBe(3);
    expect(upcasters.currentVersion('NeverChanged')).toBe(1);
  });

  it('refuses, naming the event, a version newer than the current one, of a type with upcasters or without', () => {
    expect(() => upcasters.upcast(recorded('Renamed', {}, 4))).toThrow(UnknownSchemaVersionError);
    expect(() => upcasters.upcast(recorded('Renamed', {}, 4))).toThrow('Renamed at contract-1@0 (position 1) is recorded at schema version 4, newer than the version 3 this build reads');
    expect(() => upcasters.upcast(recorded('NeverChanged', {}, 2))).toThrow('newer than the version 1 this build reads');
  });

  it('refuses a chain with a gap or a duplicate version', () => {
    expect(() => new Upcasters([{ type: 'T', fromVersion: 2, upcast: (data) => data }])).toThrow('T: upcasters must run from version 1 without gap or duplicate, found from 2');
    expect(() => new Upcasters([1, 1].map((fromVersion) => ({ type: 'T', fromVersion, upcast: (data: Record<string, unknown>) => data })))).toThrow('found from 1, 1');
  });
});
