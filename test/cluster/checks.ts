import { AMENDMENT_NOTICE_TYPES, notificationIdOf, ORDER_NOTICE_TYPES } from '@app/notifications';
import { Projector, PROJECTIONS, ReadModelDatabase, ReadModelFiles } from '@app/projections';
import { basename } from 'node:path';
import { CommandDriver } from './command-driver';
import { eventually } from './processes';
import { ClusterStore } from './stores';
import { WebhookRecorder } from './webhook-recorder';
import { PROVIDER } from './workload';

/** What the checks after a run found; `problems` empty means the run kept everything it acknowledged. */
export interface RunChecks {
  acknowledged: number;
  found: number;
  acknowledgedWithoutEvents: number;
  /** Commands whose answer never came (connection cut, given up) but which the store holds: they happened. */
  unansweredButRecorded: number;
  events: number;
  /** The read-model files compared with the rebuild: one per DATA_DIR of the run. */
  readModelCopies: number;
  readModelTables: number;
  readModelRows: number;
  notificationsExpected: number;
  outboxRows: number;
  notificationsDelivered: number;
  noticesReceived: number;
  duplicates: number;
  /** Notifications with more than one NotificationDelivered fact (a job done twice in effect). */
  deliveredTwice: number;
  problems: string[];
}

interface OutboxRow {
  notification_id: string;
  event_id: string;
  status: string;
}

const NOTICE_TYPES = new Set([...ORDER_NOTICE_TYPES, ...AMENDMENT_NOTICE_TYPES]);

function outbox(database: ReadModelDatabase): OutboxRow[] {
  return database.db.prepare('SELECT notification_id, event_id, status FROM notification_outbox').all() as OutboxRow[];
}

/** The read models each DATA_DIR of the run serves (one file for all processes on the embedded store). */
function servedReadModels(dataDirs: string[]): Array<{ name: string; database: ReadModelDatabase }> {
  return [...new Set(dataDirs)].map((dataDir) => {
    const files = new ReadModelFiles(dataDir);
    return { name: basename(dataDir), database: files.open(files.current(), PROJECTIONS) };
  });
}

/**
 * While the processes still run: waits until the read models of every DATA_DIR have reached the head of the
 * log, no notification is pending any more and the webhook has received every one of them.
 */
export async function waitUntilSettled(cluster: ClusterStore, dataDirs: string[], webhook: WebhookRecorder, timeoutMs: number): Promise<void> {
  const store = await cluster.open();
  const served = servedReadModels(dataDirs);
  let last = '';
  try {
    await eventually(
      'the read models at the head of the log and every notification delivered',
      async () => {
        const head = await store.headPosition();
        const received = webhook.distinct();
        const states = served.map(({ name, database }) => {
          const rows = outbox(database);
          const dead = rows.filter((row) => row.status === 'DEAD');
          if (dead.length > 0) throw new Error(`Dead-lettered instead of delivered (${name}): ${dead.map((row) => row.notification_id).join(', ')}`);
          const pending = rows.filter((row) => row.status !== 'DELIVERED').length;
          const unseen = rows.filter((row) => !received.has(row.notification_id)).length;
          return { text: `${name}: checkpoint ${database.checkpoint()} / head ${head}, ${pending} notifications not delivered, ${unseen} not received`, settled: database.checkpoint() === head && pending === 0 && unseen === 0 };
        });
        last = states.map((state) => state.text).join('; ');
        return states.every((state) => state.settled) ? true : undefined;
      },
      timeoutMs,
      500,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message} (last seen: ${last})`);
  } finally {
    for (const { database } of served) database.close();
    await store.close();
  }
}

/** Every row of every read-model table (not the checkpoint), ordered by all its columns. */
function dumpReadModels(database: ReadModelDatabase): Record<string, unknown[]> {
  const tables = database.db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('projection_checkpoint', 'projection_versions') ORDER BY name`,
    )
    .all() as Array<{ name: string }>;
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const columns = (database.db.prepare(`PRAGMA table_info(${name})`).all() as Array<{ name: string }>).map((column) => `"${column.name}"`);
    dump[name] = database.db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all();
  }
  return dump;
}

/**
 * After the processes stopped: the store against what was acknowledged (each command stored once), the read
 * models of every DATA_DIR against a rebuild, the notices.
 */
export async function verifyRun(cluster: ClusterStore, dataDirs: string[], driver: CommandDriver, webhook: WebhookRecorder): Promise<RunChecks> {
  const problems: string[] = [];
  const store = await cluster.open();
  const copies = servedReadModels(dataDirs);
  const files = new ReadModelFiles(dataDirs[0]);
  const rebuilt = files.open(files.newGeneration(), PROJECTIONS);
  try {
    const integrity = await store.verifyIntegrity();
    if (!integrity.ok) problems.push(`integrity check failed: ${JSON.stringify(integrity.firstFailure)}`);

    // Every acknowledged command is in the store: its events by id, under the command id its key names.
    const log = await store.readAll();
    const eventIds = new Set(log.map((event) => event.id));
    const commandIds = new Set(log.map((event) => event.metadata.commandId));
    const eventsOfCommand = new Map<string, number>();
    for (const event of log) eventsOfCommand.set(event.metadata.commandId, (eventsOfCommand.get(event.metadata.commandId) ?? 0) + 1);
    const acknowledged = driver.acknowledged();
    let found = 0;
    let withoutEvents = 0;
    for (const command of acknowledged) {
      if (command.events.length === 0) {
        withoutEvents += 1;
        found += 1;
      } else if (commandIds.has(command.commandId) && command.events.every((event) => eventIds.has(event.id))) {
        found += 1;
        // Once: a retry through another api answers the first result and stores nothing more.
        const stored = eventsOfCommand.get(command.commandId)!;
        if (stored !== command.events.length) problems.push(`${command.what} (Idempotency-Key ${command.idempotencyKey}) stored ${stored} events, answered ${command.events.length}`);
      } else {
        problems.push(`acknowledged but missing from the store: ${command.what} (Idempotency-Key ${command.idempotencyKey})`);
      }
    }
    const unansweredButRecorded = driver.commands.filter((command) => command.status === undefined && commandIds.has(command.commandId)).length;

    // The served read models (written by every process of their DATA_DIR, killed or not) equal a rebuild from the first event.
    const head = await store.headPosition();
    await new Projector(store, rebuilt, PROJECTIONS).catchUp();
    const rebuiltDump = dumpReadModels(rebuilt);
    for (const { name, database } of copies) {
      if (database.checkpoint() !== head) problems.push(`served read models of ${name} at ${database.checkpoint()}, log head ${head}`);
      const servedDump = dumpReadModels(database);
      for (const table of Object.keys(rebuiltDump)) {
        if (JSON.stringify(servedDump[table]) !== JSON.stringify(rebuiltDump[table])) {
          problems.push(`read model ${table} of ${name} differs from its rebuild (${servedDump[table]?.length ?? 0} rows served, ${rebuiltDump[table].length} rebuilt)`);
        }
      }
    }

    // Notifications: each acknowledged notice-worthy event has its outbox row, each row was delivered and received.
    const rows = outbox(copies[0].database);
    const outboxIds = new Set(rows.map((row) => row.notification_id));
    const expected = new Set(
      acknowledged.flatMap((command) => command.events.filter((event) => NOTICE_TYPES.has(event.type)).map((event) => notificationIdOf(event.id, PROVIDER))),
    );
    for (const notificationId of expected) if (!outboxIds.has(notificationId)) problems.push(`no outbox entry for notification ${notificationId}`);
    const received = webhook.distinct();
    for (const row of rows) {
      if (row.status !== 'DELIVERED') problems.push(`notification ${row.notification_id} is ${row.status}`);
      if (!received.has(row.notification_id)) problems.push(`notification ${row.notification_id} never reached the webhook`);
    }
    for (const notice of webhook.received) {
      const consistent = notice.signatureValid && notice.idempotencyKey === notice.eventId && notificationIdOf(notice.eventId, PROVIDER) === notice.notificationId;
      if (!consistent) problems.push(`notice ${notice.notificationId} unsigned or under another idempotency key (${notice.idempotencyKey})`);
    }
    let deliveredTwice = 0;
    for (const row of rows) {
      const facts = await store.readStream(`notification-${row.notification_id}`);
      if (facts.filter((fact) => fact.type === 'NotificationDelivered').length > 1) deliveredTwice += 1;
    }
    if (deliveredTwice > 0) problems.push(`${deliveredTwice} notifications recorded as delivered more than once`);

    return {
      acknowledged: acknowledged.length,
      found,
      acknowledgedWithoutEvents: withoutEvents,
      unansweredButRecorded,
      events: log.length,
      readModelCopies: copies.length,
      readModelTables: Object.keys(rebuiltDump).length,
      readModelRows: Object.values(rebuiltDump).reduce((total, tableRows) => total + tableRows.length, 0),
      notificationsExpected: expected.size,
      outboxRows: rows.length,
      notificationsDelivered: rows.filter((row) => row.status === 'DELIVERED' && received.has(row.notification_id)).length,
      noticesReceived: webhook.received.length,
      duplicates: webhook.received.length - received.size,
      deliveredTwice,
      problems,
    };
  } finally {
    for (const { database } of copies) database.close();
    rebuilt.close();
    await store.close();
  }
}
