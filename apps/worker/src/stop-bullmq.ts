import { Logger } from '@nestjs/common';
import type { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';

/** How long stopping waits for BullMQ (jobs in progress, then the connections) before leaving it behind. */
const STOP_WAIT_MS = 5_000;
/** How long Redis has to answer a PING for the stop to be graceful. */
const PING_MS = 500;

/**
 * Stops BullMQ workers, then queues, then their connections. With Redis out of reach the workers are closed by
 * force (a job cut short is retried: delivery is at least once) and the connections dropped, because BullMQ's
 * graceful close waits for ever on a connection that is reconnecting (taskforcesh/bullmq#4656). Whatever still
 * waits after STOP_WAIT_MS is dropped too, so that the process can always stop.
 */
export async function stopBullmq(owner: string, parts: { workers?: Array<Worker | undefined>; queues?: Queue[]; connections: Redis[] }): Promise<void> {
  const { workers = [], queues = [], connections } = parts;
  const reachable = (await Promise.all(connections.map(answers))).every(Boolean);
  const stopping = (async () => {
    // A queue or worker closed while its connection still starts (right after it was made) leaves BullMQ's start
    // to fail on the closed connection with no listener left, which throws out of its emitter: let it start first.
    if (reachable) await Promise.all([...workers, ...queues].map((part) => part?.waitUntilReady().catch(() => undefined)));
    for (const worker of workers) await worker?.close(!reachable);
    for (const queue of queues) await queue.close();
    await Promise.all(connections.map((connection) => (reachable ? connection.quit().catch(() => undefined) : connection.disconnect())));
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, STOP_WAIT_MS, 'late');
  });
  const outcome = await Promise.race([stopping.then(() => 'stopped', () => 'stopped'), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    new Logger(owner).warn(`BullMQ had not stopped after ${STOP_WAIT_MS} ms: its connections are dropped`);
    for (const connection of connections) connection.disconnect();
  }
}

/** Whether Redis answers on this connection now (its status may still say ready just after Redis went away). */
async function answers(connection: Redis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    connection.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, PING_MS, false);
    }),
  ]);
  clearTimeout(timer);
  return answered;
}
