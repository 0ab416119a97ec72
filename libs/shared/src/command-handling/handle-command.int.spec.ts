import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore, WrongExpectedRevisionError } from '@app/event-store';
import { RuleViolation } from '../errors/domain-errors';
import { newId } from '../ids';
import { CommandContext } from './command-context';
import { Decider } from './decider';
import { handleCommand } from './handle-command';

// A small register of seats, enough to exercise the command path with a real rule.
type SeatCommand = { type: 'ReserveSeats'; seats: number };
type SeatEvent = { type: 'SeatsReserved'; data: { seats: number } };
const seats: Decider<SeatCommand, SeatEvent, { reserved: number }> = {
  initialState: () => ({ reserved: 0 }),
  decide: (command, state) => {
    if (state.reserved + command.seats > 10) {
      throw new RuleViolation('CAPACITY_EXCEEDED', 'Not enough seats left', 'test capacity');
    }
    return command.seats === 0 ? [] : [{ type: 'SeatsReserved', data: { seats: command.seats } }];
  },
  evolve: (state, event) => ({ reserved: state.reserved + event.data.seats }),
};

describe('the command path', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'command-path-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const context = (commandId = newId()): CommandContext => ({
    actorId: 'buyer-1',
    role: 'buyer',
    tenant: 'ARA',
    commandId,
    correlationId: commandId,
    causationId: commandId,
    occurredAt: '2026-03-01T08:00:00.000Z',
  });
  const reserve = (count: number, ctx = context(), options = {}) =>
    handleCommand(store, seats, 'session-1', { type: 'ReserveSeats', seats: count }, ctx, options);

  it('decides on the folded history and appends with the metadata of the command', async () => {
    await reserve(4);
    const ctx = context();
    const result = await reserve(3, ctx);

    expect(result).toMatchObject({ revision: 1, replayed: false, events: [{ type: 'SeatsReserved', data: { seats: 3 } }] });
    const [, second] = await store.readStream('session-1');
    expect(second.metadata).toEqual({ ...ctx, schemaVersion: 1 });
  });

  it('refuses what the rule refuses and writes nothing', async () => {
    await reserve(8);
    await expect(reserve(3)).rejects.toMatchObject({ code: 'CAPACITY_EXCEEDED' });
    expect(await store.readStream('session-1')).toHaveLength(1);
  });

  it('returns the first result for a command id it has already handled, writing nothing new', async () => {
    const ctx = context();
    const first = await reserve(6, ctx);
    const again = await reserve(6, ctx);

    expect(again).toMatchObject({ revision: first.revision, position: first.position, replayed: true });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await store.readStream('session-1')).toHaveLength(1);
  });

  it('writes nothing when the decider decides nothing', async () => {
    const result = await reserve(0);
    expect(result).toMatchObject({ revision: -1, events: [] });
    expect(await store.readStream('session-1')).toEqual([]);
  });

  it('refuses a command sent against a revision that is no longer current', async () => {
    await reserve(1);
    await reserve(1);
    await expect(reserve(1, context(), { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('lets only one of two concurrent commands win unless the command may be retried', async () => {
    await reserve(1);
    const outcomes = await Promise.allSettled([reserve(1), reserve(1)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);

    const retried = await Promise.allSettled([
      reserve(1, context(), { retryOnConflict: true }),
      reserve(1, context(), { retryOnConflict: true }),
    ]);
    expect(retried.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await store.readStream('session-1')).toHaveLength(4);
  });

  describe('with the stream kept folded between commands', () => {
    const appendedElsewhere = (seatsCount: number, commandId = newId()) =>
      store.appendToStream('session-1', [{ id: newId(), type: 'SeatsReserved', data: { seats: seatsCount }, metadata: { ...context(commandId), schemaVersion: 1 } }], {
        expectedRevision: 'any',
      });

    it('decides on the events another process appended since', async () => {
      await reserve(4);
      await appendedElsewhere(5);

      await expect(reserve(2)).rejects.toMatchObject({ code: 'CAPACITY_EXCEEDED' });
      expect(await reserve(1)).toMatchObject({ revision: 2, replayed: false });
    });

    it('recognises a command another process already handled', async () => {
      await reserve(1);
      const commandId = newId();
      await appendedElsewhere(2, commandId);

      expect(await reserve(2, context(commandId))).toMatchObject({ revision: 1, replayed: true });
      expect(await store.readStream('session-1')).toHaveLength(2);
    });

    it('reads only the events appended since its last command', async () => {
      const read: number[] = [];
      const counting = new Proxy(store, {
        get: (target, name) =>
          name === 'readStream'
            ? async (...args: Parameters<typeof store.readStream>) => {
                const events = await target.readStream(...args);
                read.push(events.length);
                return events;
              }
            : Reflect.get(target, name),
      });
      for (let i = 0; i < 8; i++) await handleCommand(counting, seats, 'session-1', { type: 'ReserveSeats', seats: 1 }, context());

      expect(read).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      await appendedElsewhere(1);
      await handleCommand(counting, seats, 'session-1', { type: 'ReserveSeats', seats: 1 }, context());
      expect(read.slice(8)).toEqual([1]);
    });
  });
});
