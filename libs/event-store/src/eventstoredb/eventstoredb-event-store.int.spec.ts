import { eventStoreContract } from '../testing/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIP_REASON =
  'skipped: set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run it against a server';

if (connectionString) {
  // The contract only uses streams it creates (names suffixed with a random run id), so a shared server is fine.
  eventStoreContract('EventStoreDB', async () => EventStoreDbEventStore.connect(connectionString));
} else {
  // Skipped: the contract needs a running EventStoreDB/KurrentDB server, and there is none unless
  // EVENTSTORE_CONNECTION_STRING points at one (e.g. `docker run -p 2113:2113 eventstore/eventstore --insecure`, then
  // EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false). The reason is the skipped test's name (shown with
  // --verbose) and a console warning (shown in every run): jest prints neither for a file whose tests are all skipped,
  // so the file keeps one offline test.
  describe('EventStoreDB event store', () => {
    beforeAll(() => {
      console.warn(`EventStoreDB event store (contract) — ${SKIP_REASON}`);
    });

    it.skip(`(contract) — ${SKIP_REASON}`, () => undefined);

    it('refuses a malformed connection string when connecting, before any network call', async () => {
      expect(() => EventStoreDbEventStore.connect('http://localhost:2113')).toThrow(/esdb:\/\//);
      expect(() => EventStoreDbEventStore.connect('esdb://localhost:2113?tls=maybe')).toThrow(/true or false/);
      const store = EventStoreDbEventStore.connect('esdb://localhost:2113?tls=false');
      await store.close();
    });
  });
}
