import { killedWhileAppending } from '../testing/killed-while-appending';
import { PostgresEventStore } from './postgres-event-store';
import { aTestLocation, dropTestSchemas } from './testing/test-schema';

// The child's transaction in flight when it is killed is rolled back by the server once its connection drops.
const location = aTestLocation('crash');

killedWhileAppending(
  'PostgreSQL',
  async () => ({ childArgs: ['postgres', location.url, location.schema], open: () => PostgresEventStore.open(location) }),
  () => dropTestSchemas([location]),
);
