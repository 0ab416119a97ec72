import { TestingModule, Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { PAYMENT_DEADLINE_WARNING_MAX_DAYS, PaymentCommand, paymentsDecider, paymentsStream } from '@app/procurement';
import { ReadModels } from '@app/projections';
import { CommandContext, FixedClock, handleCommand, idFromName, validateEnvironment } from '@app/shared';
import { OwnRedisServer, until } from '../testing/own-redis-server';
import { WorkerModule } from '../worker.module';
import { PAYMENT_DEADLINE_CHECK_EVERY_MS } from './payment-deadline-check.job';
import { PaymentDeadlineCheck } from './payment-deadline-check.processor';

/**
 * The whole worker on real Redis and the real embedded store: the daily check is registered as a job scheduler,
 * and it warns each tenant's buyer once of every payment deadline within PAYMENT_DEADLINE_WARNING_DAYS (5 by
 * default) or passed, whether the run is repeated the same day or comes from a worker started again.
 */
describe('the daily payment deadline check (worker, real Redis and store)', () => {
  let folder: string;
  let redis: OwnRedisServer;
  let worker: TestingModule;
  const clock = new FixedClock(new Date('2026-02-23T09:00:00.000Z'));

  const start = async () => {
    worker = await Test.createTestingModule({ imports: [WorkerModule.create({ clock })] }).compile();
    await worker.init();
  };
  const check = () => worker.get(PaymentDeadlineCheck);
  const store = () => worker.get<EventStore>(EVENT_STORE);

  /** A command on a contract's payments stream, sent as the api would. */
  const send = (tenant: string, contractId: string, command: PaymentCommand, actorId: string, role: 'provider' | 'buyer', name: string) => {
    const commandId = idFromName('payment-deadline-check-spec', name);
    const context: CommandContext = { actorId, role, tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: clock.now().toISOString() };
    return handleCommand(store(), paymentsDecider, paymentsStream(tenant, contractId), command, context);
  };
  const request = (tenant: string, contractId: string, requestId: string, amountCents: number) =>
    send(
      tenant,
      contractId,
      {
        type: 'RequestPayment',
        meta: { at: clock.now().toISOString(), actorId: 'of-a-user', providerId: 'of-a' },
        statement: { contractId, orderId: `order-${requestId}`, statementId: `statement-${requestId}`, providerIds: ['of-a'], totalCents: amountCents, statedBeforeCents: 0 },
        data: { requestId, invoiceReference: `F-${requestId}`, amountCents },
      },
      'of-a-user',
      'provider',
      `request-${requestId}`,
    );
  const warnings = async (tenant: string, contractId: string) =>
    (await store().readStream(paymentsStream(tenant, contractId)))
      .filter((event) => event.type === 'PaymentDeadlineApproaching' || event.type === 'PaymentDeadlinePassed')
      .map((event) => ({ type: event.type, data: event.data, metadata: event.metadata }));
  const projectedUpTo = async () => {
    const head = await store().headPosition();
    await until('the read models to catch up', async () => worker.get(ReadModels).query('SELECT 1').position >= head);
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'payment-deadline-check-'));
    redis = await OwnRedisServer.start(folder);
    Object.assign(process.env, { DATA_DIR: join(folder, 'data'), REDIS_URL: redis.url, BULLMQ_PREFIX: 'payment-deadline-check', LOG_LEVEL: 'silent' });
    delete process.env.PAYMENT_DEADLINE_WARNING_DAYS;
    await start();
  });

  afterAll(async () => {
    await worker?.close();
    redis?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('accepts a warning window of 1 to the decider’s widest, and refuses a setting beyond it', () => {
    expect(validateEnvironment({ PAYMENT_DEADLINE_WARNING_DAYS: String(PAYMENT_DEADLINE_WARNING_MAX_DAYS) }).PAYMENT_DEADLINE_WARNING_DAYS).toBe(PAYMENT_DEADLINE_WARNING_MAX_DAYS);
    expect(() => validateEnvironment({ PAYMENT_DEADLINE_WARNING_DAYS: String(PAYMENT_DEADLINE_WARNING_MAX_DAYS + 1) })).toThrow(/PAYMENT_DEADLINE_WARNING_DAYS/);
  });

  it('is registered as a daily job scheduler', async () => {
    await until('the daily scheduler to be registered', async () => (await check().queue.getJobSchedulers()).length > 0);
    const schedulers = await check().queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => ({ key: scheduler.key, every: Number(scheduler.every) }))).toEqual([{ key: 'daily', every: PAYMENT_DEADLINE_CHECK_EVERY_MS }]);
  });

  it('warns each tenant once of a deadline within the window or passed, and of none paid, far or warned already', async () => {
    // ARA: one request due 2026-03-25 (received 23 Feb), one paid in full. IDF, on 2 March: due 2026-04-01.
    await request('ARA', 'contract-ara', 'R-ARA-1', 120_000);
    await request('ARA', 'contract-ara', 'R-ARA-PAID', 50_000);
    await send(
      'ARA',
      'contract-ara',
      { type: 'RecordPayment', meta: { at: clock.now().toISOString(), actorId: 'buyer-ara-1' }, data: { requestId: 'R-ARA-PAID', paymentId: 'P-1', amountCents: 50_000, paidOn: '2026-02-23' } },
      'buyer-ara-1',
      'buyer',
      'pay-R-ARA-PAID',
    );
    clock.set(new Date('2026-03-02T09:00:00.000Z'));
    await request('IDF', 'contract-idf', 'R-IDF-1', 80_000);
    await projectedUpTo();

    // 19 March: 6 days before the first deadline, one beyond the window.
    clock.set(new Date('2026-03-19T06:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 0, warningsRecorded: 0 });

    // 20 March: 5 days before ARA's deadline; IDF's is 12 days away.
    clock.set(new Date('2026-03-20T06:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 1, warningsRecorded: 1 });
    const approaching = await warnings('ARA', 'contract-ara');
    expect(approaching).toEqual([
      {
        type: 'PaymentDeadlineApproaching',
        data: { contractId: 'contract-ara', orderId: 'order-R-ARA-1', statementId: 'statement-R-ARA-1', requestId: 'R-ARA-1', dueOn: '2026-03-25', daysLeft: 5, windowDays: 5, unpaidCents: 120_000, warnedOn: '2026-03-20' },
        metadata: expect.objectContaining({ actorId: 'payment-deadline-check', role: 'system', tenant: 'ARA' }),
      },
    ]);
    // The command path's metadata: the warning names the command that caused it.
    const { commandId, correlationId, causationId } = approaching[0].metadata;
    expect(causationId).toBe(commandId);
    expect(correlationId).toBe(commandId);

    // The same day again, the read model having seen the warning yet or not, then once it has: nothing new.
    expect(await check().run()).toMatchObject({ warningsRecorded: 0 });
    await projectedUpTo();
    expect(await check().run()).toEqual({ requestsChecked: 0, warningsRecorded: 0 });
    expect(await warnings('ARA', 'contract-ara')).toHaveLength(1);

    // 27 March: ARA's deadline passed two days ago, IDF's is 5 days away.
    clock.set(new Date('2026-03-27T06:00:00.000Z'));
    expect(await check().run()).toEqual({ requestsChecked: 2, warningsRecorded: 2 });
    expect((await warnings('ARA', 'contract-ara')).map((warning) => [warning.type, warning.data])).toEqual([
      ['PaymentDeadlineApproaching', expect.objectContaining({ dueOn: '2026-03-25', daysLeft: 5 })],
      ['PaymentDeadlinePassed', expect.objectContaining({ dueOn: '2026-03-25', daysLate: 2, unpaidCents: 120_000, warnedOn: '2026-03-27' })],
    ]);
    expect((await warnings('IDF', 'contract-idf')).map((warning) => [warning.type, warning.metadata.tenant, warning.data])).toEqual([
      ['PaymentDeadlineApproaching', 'IDF', expect.objectContaining({ requestId: 'R-IDF-1', dueOn: '2026-04-01', daysLeft: 5 })],
    ]);
    expect(await check().run()).toMatchObject({ warningsRecorded: 0 });
  });

  it('warns of nothing twice after the worker is started again, and keeps one scheduler', async () => {
    await worker.close();
    await start();
    await until('the daily scheduler to be registered again', async () => (await check().queue.getJobSchedulers()).length > 0);
    expect((await check().queue.getJobSchedulers()).map((scheduler) => scheduler.key)).toEqual(['daily']);
    expect(await check().run()).toMatchObject({ warningsRecorded: 0 });
    await projectedUpTo();
    expect(await check().run()).toEqual({ requestsChecked: 0, warningsRecorded: 0 });
    expect(await warnings('ARA', 'contract-ara')).toHaveLength(2);
    expect(await warnings('IDF', 'contract-idf')).toHaveLength(1);
  });
});
