import { describeFaultRun, runFaults } from './cluster/faults';

/**
 * The faults run (`npm run faults`) in short: the built api and worker in child processes on one embedded store
 * and a redis-server of their own, a steady mix of commands from parallel lanes, and meanwhile the api, the
 * worker and Redis each SIGKILLed once and restarted (Redis without persistence: its queued jobs are lost and
 * must come back from the outbox). Needs `npm run build` first (npm test does it through "pretest").
 */
describe('faults under load (api, worker and Redis killed and restarted)', () => {
  it('keeps every acknowledged command, read models equal to a rebuild and every notification delivered', async () => {
    const timeline: string[] = [];
    const result = await runFaults({ loadSeconds: 10, lanes: 4, faults: 3, faultEverySeconds: 3, redisAppendonly: false, settleTimeoutMs: 30_000, log: (line) => timeline.push(line) });
    console.log(`${timeline.join('\n')}\n${describeFaultRun(result)}`);

    expect(result.kills).toEqual({ api: 1, worker: 1, redis: 1 });
    expect(result.checks.problems).toEqual([]);
    expect(result.driver.acknowledged).toBeGreaterThan(0);
    expect(result.checks.found).toBe(result.driver.acknowledged);
    // Clients had to retry across the api's death, and the run still lost nothing.
    expect(result.driver.retriedCommands).toBeGreaterThan(0);
    expect(result.checks.notificationsExpected).toBeGreaterThan(0);
    expect(result.checks.notificationsDelivered).toBe(result.checks.outboxRows);
    expect(result.ok).toBe(true);
  }, 120_000);
});
