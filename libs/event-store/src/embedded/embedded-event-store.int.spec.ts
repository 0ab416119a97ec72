import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreFileError, PartialDuplicateAppendError } from '../event-store.errors';
import { anEvent, eventStoreContract } from '../testing/event-store.contract';
import { EmbeddedEventStore } from './embedded-event-store';

const folders: string[] = [];
function aFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'event-store-'));
  folders.push(folder);
  return folder;
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

eventStoreContract('embedded', async () => EmbeddedEventStore.open({ file: join(aFolder(), 'events.db') }));

describe('embedded event store', () => {
  it('refuses a batch that repeats some stored events but not all, writing nothing', async () => {
    const store = EmbeddedEventStore.open({ file: join(aFolder(), 'events.db') });
    const stored = anEvent('A');
    await store.appendToStream('s', [stored], { expectedRevision: 'no_stream' });

    await expect(store.appendToStream('s', [stored, anEvent('B')], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
      PartialDuplicateAppendError,
    );
    expect((await store.readStream('s')).map((e) => e.type)).toEqual(['A']);
    await store.close();
  });

  it('groups appends made in the same tick into one transaction without mixing their outcomes', async () => {
    const store = EmbeddedEventStore.open({ file: join(aFolder(), 'events.db') });
    await store.appendToStream('shared', [anEvent('Start')], { expectedRevision: 'no_stream' });

    const outcomes = await Promise.allSettled([
      store.appendToStream('shared', [anEvent('Winner')], { expectedRevision: 0 }),
      store.appendToStream('shared', [anEvent('Loser')], { expectedRevision: 0 }),
      store.appendToStream('other', [anEvent('Other')], { expectedRevision: 'no_stream' }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll()).map((e) => e.type)).toEqual(['Start', 'Winner', 'Other']);
    expect((await store.verifyIntegrity()).ok).toBe(true);
    await store.close();
  });

  describe('integrity verification', () => {
    async function aStoreWithHistory() {
      const file = join(aFolder(), 'events.db');
      const store = EmbeddedEventStore.open({ file });
      for (let i = 0; i < 10; i++) {
        await store.appendToStream(`order-${i % 3}`, [anEvent('OrderIssued', { quantity: i })], { expectedRevision: 'any' });
      }
      return { file, store };
    }

    it('passes on an untouched store', async () => {
      const { store } = await aStoreWithHistory();
      expect(await store.verifyIntegrity()).toEqual({ ok: true, eventsChecked: 10, streamsChecked: 3 });
      await store.close();
    });

    it('names the event whose stored data was rewritten', async () => {
      const { file, store } = await aStoreWithHistory();
      await store.close();
      const db = new Database(file);
      db.prepare(`UPDATE events SET data = '{"quantity":999}' WHERE position = 5`).run();
      db.close();

      const reopened = EmbeddedEventStore.open({ file });
      const report = await reopened.verifyIntegrity();
      await reopened.close();

      expect(report.ok).toBe(false);
      expect(report.firstFailure).toMatchObject({ position: 5, streamId: 'order-1', revision: 1 });
      expect(report.firstFailure?.reason).toMatch(/rewritten/);
    });

    it('detects a deleted event, even the newest one', async () => {
      const { file, store } = await aStoreWithHistory();
      await store.close();
      const db = new Database(file);
      db.prepare('DELETE FROM events WHERE position = 10').run();
      db.close();

      const reopened = EmbeddedEventStore.open({ file });
      const report = await reopened.verifyIntegrity();
      await reopened.close();

      expect(report.ok).toBe(false);
      expect(report.firstFailure?.reason).toMatch(/removed/);
    });

    it('detects an event removed from the middle of a stream', async () => {
      const { file, store } = await aStoreWithHistory();
      await store.close();
      const db = new Database(file);
      db.prepare('DELETE FROM events WHERE position = 4').run();
      db.close();

      const reopened = EmbeddedEventStore.open({ file });
      const report = await reopened.verifyIntegrity();
      await reopened.close();

      // The next event in global order is the first whose chain no longer links.
      expect(report.firstFailure).toMatchObject({ position: 5, reason: expect.stringMatching(/removed/) });
    });
  });

  describe('opening a file', () => {
    it('refuses a file that is not a SQLite database', () => {
      const file = join(aFolder(), 'events.db');
      writeFileSync(file, 'this is not a database, just some text that happens to be here'.repeat(100));
      expect(() => EmbeddedEventStore.open({ file })).toThrow(EventStoreFileError);
      expect(() => EmbeddedEventStore.open({ file })).toThrow(/cannot be opened as a SQLite database/);
    });

    it("refuses another application's SQLite database", () => {
      const file = join(aFolder(), 'events.db');
      const db = new Database(file);
      db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
      db.close();
      expect(() => EmbeddedEventStore.open({ file })).toThrow(/another application/);
    });

    it('reopens its own file with the events it holds', async () => {
      const file = join(aFolder(), 'events.db');
      const store = EmbeddedEventStore.open({ file });
      await store.appendToStream('s', [anEvent('A')], { expectedRevision: 'no_stream' });
      await store.close();

      const reopened = EmbeddedEventStore.open({ file });
      expect((await reopened.readStream('s')).map((e) => e.type)).toEqual(['A']);
      await reopened.close();
    });
  });
});
