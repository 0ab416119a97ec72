import { CommandDriver } from './command-driver';

/**
 * Checks of a run against apis this script did not start (the EventStoreDB cluster of
 * deploy/compose.cluster.yaml, say), made through the api as an administrator: every acknowledged command's
 * events are in its stream (`GET /streams/{id}/events`) under the command id its Idempotency-Key names, and the
 * store's integrity check passes (`GET /integrity`). The store file and the read models are not reachable
 * from here, so the rebuild comparison and the webhook checks belong to the local runs.
 */
export interface ApiChecks {
  acknowledged: number;
  found: number;
  streams: number;
  events: number;
  integrity: string;
  problems: string[];
}

const PAGE = 1000;

export async function verifyThroughApi(apis: string[], driver: CommandDriver, adminToken: string): Promise<ApiChecks> {
  const problems: string[] = [];
  const get = async (n: number, path: string) => {
    const response = await fetch(`${apis[n % apis.length]}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const acknowledged = driver.acknowledged();
  const byStream = new Map<string, typeof acknowledged>();
  for (const command of acknowledged) {
    if (!command.stream) continue;
    byStream.set(command.stream, [...(byStream.get(command.stream) ?? []), command]);
  }
  let found = acknowledged.filter((command) => !command.stream).length;
  let events = 0;
  let n = 0;
  for (const [stream, commands] of byStream) {
    const stored: Array<{ id: string; metadata: { commandId: string } }> = [];
    for (let fromRevision = 0; ; fromRevision += PAGE) {
      const page = await get(n++, `/streams/${encodeURIComponent(stream)}/events?fromRevision=${fromRevision}&maxCount=${PAGE}`);
      if (page.status !== 200) {
        problems.push(`stream ${stream} answered ${page.status}`);
        break;
      }
      const pageEvents = page.body.events as typeof stored;
      stored.push(...pageEvents);
      if (pageEvents.length < PAGE) break;
    }
    events += stored.length;
    const ids = new Set(stored.map((event) => event.id));
    const commandIds = new Set(stored.map((event) => event.metadata.commandId));
    for (const command of commands) {
      const present = command.events.length === 0 || (commandIds.has(command.commandId) && command.events.every((event) => ids.has(event.id)));
      if (present) found += 1;
      else problems.push(`acknowledged but missing from ${stream}: ${command.what} (Idempotency-Key ${command.idempotencyKey})`);
    }
  }
  const integrity = await get(n, '/integrity');
  if (integrity.status !== 200 || integrity.body.ok !== true) problems.push(`integrity check: ${integrity.status} ${JSON.stringify(integrity.body)}`);
  return {
    acknowledged: acknowledged.length,
    found,
    streams: byStream.size,
    events,
    integrity: `${integrity.status} ${JSON.stringify(integrity.body)}`,
    problems,
  };
}
