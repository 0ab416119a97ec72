import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue, Worker } from 'bullmq';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  ADJUSTMENT_POLICY_VERSION,
  contractStream,
  draftsNotAwaitingTheBuyer,
  ExistingContract,
  loadContract,
  LotTension,
  lotTension,
  preSeasonSignalsOf,
  procurementDecider,
  proposeAdjustments,
  proposePreSeasonSessions,
  proposeRemoteSwitches,
  remoteSwitchSignalsOf,
  signalsOf,
} from '@app/procurement';
import { contractsWithPolicy, placesTaken, ReadModels, tensionObservations, traineesAtRisk } from '@app/projections';
import { Clock, CLOCK, Environment, handleCommand, idFromName, onRedisReconnected, RuleViolation } from '@app/shared';
import { ADJUSTMENT_LOOP_EVERY_MS, ADJUSTMENT_LOOP_QUEUE, AdjustmentLoopJobData, adjustmentLoopJobId } from './adjustment-loop.job';
import { BullmqConnections } from '../bullmq-connections';
import { stopBullmq } from '../stop-bullmq';

/** How often the dispatcher looks for contracts whose state moved. */
const DISPATCH_EVERY_MS = 500;
const KEEP_FINISHED_JOBS = { age: 24 * 60 * 60 };

export interface LoopRun {
  proposed: number;
  refused: number;
}

/**
 * The continuous adjustment loop: for each contract with a policy, after every event that can change the
 * policy's inputs (job id = contract and state position, so a repeated trigger is a no-op) and every
 * ADJUSTMENT_LOOP_EVERY_MS, runs the deterministic policy on the read models and sends its proposals as
 * commands; the contract's rules check them and auto-approve those inside the envelope.
 */
@Injectable()
export class AdjustmentLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AdjustmentLoop.name);
  readonly queue: Queue<AdjustmentLoopJobData, LoopRun>;
  private worker?: Worker<AdjustmentLoopJobData, LoopRun>;
  private timer?: NodeJS.Timeout;
  private readonly dispatched = new Map<string, number>();
  private readonly scheduled = new Set<string>();

  private readonly connections: BullmqConnections;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly config: ConfigService<Environment, true>,
  ) {
    this.connections = new BullmqConnections(config);
    const connection = this.connections.open();
    this.queue = new Queue(ADJUSTMENT_LOOP_QUEUE, { connection, prefix: this.connections.prefix });
    // Logged as the worker's are, rather than printed to the console by BullMQ.
    this.queue.on('error', (error) => this.logger.warn(`Adjustment loop queue: ${error.message}`));
    // Redis may have restarted without its data: runs and schedules are offered again (same job ids: no-ops if kept).
    onRedisReconnected(connection, () => {
      this.dispatched.clear();
      this.scheduled.clear();
    });
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(ADJUSTMENT_LOOP_QUEUE, (job) => this.run(job.data), {
      connection: this.connections.open(),
      prefix: this.connections.prefix,
    });
    this.worker.on('failed', (job, error) => this.logger.error(`Adjustment run ${job?.id} failed: ${error.message}`));
    // Without a listener an 'error' (Redis gone, a job lost with it) would be thrown out of the emitter.
    this.worker.on('error', (error) => this.logger.warn(`Adjustment loop worker: ${error.message}`));
    this.timer = setInterval(() => {
      this.dispatch().catch((error: Error) => this.logger.error(`Adjustment dispatch failed: ${error.message}`));
    }, DISPATCH_EVERY_MS);
    this.timer.unref();
  }

  /** Enqueues one run per contract whose inputs moved since its last run, and schedules the periodic ones. */
  async dispatch(): Promise<void> {
    for (const row of contractsWithPolicy(this.readModels)) {
      if (this.dispatched.get(row.contract_id) === row.state_position) continue;
      const data = { contractId: row.contract_id, tenant: row.tenant, statePosition: row.state_position };
      await this.queue.add('run', data, {
        jobId: adjustmentLoopJobId(row.contract_id, row.state_position),
        removeOnComplete: KEEP_FINISHED_JOBS,
        removeOnFail: KEEP_FINISHED_JOBS,
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
      });
      this.dispatched.set(row.contract_id, row.state_position);
      if (!this.scheduled.has(row.contract_id)) {
        await this.queue.upsertJobScheduler(`contract:${row.contract_id}`, { every: ADJUSTMENT_LOOP_EVERY_MS }, { name: 'run', data });
        this.scheduled.add(row.contract_id);
      }
    }
  }

  /** Runs the policy for one contract on the current read models and proposes what it finds. */
  async run({ contractId, tenant }: AdjustmentLoopJobData): Promise<LoopRun> {
    const { state } = await loadContract(this.store, contractId);
    if (state.status !== 'ACTIVE' || !state.adjustmentPolicy) return { proposed: 0, refused: 0 };
    const at = this.clock.now().toISOString();
    // Places taken and waiting lists, from the session-fill read model.
    const places = placesTaken(this.readModels, contractId);
    const drafts = draftsNotAwaitingTheBuyer([
      ...proposeAdjustments(signalsOf(state, places.orders, this.tensionOf(state), at.slice(0, 10)), state.adjustmentPolicy),
      ...proposeRemoteSwitches(remoteSwitchSignalsOf(state, traineesAtRisk(this.readModels, contractId))),
      ...proposePreSeasonSessions(preSeasonSignalsOf(state, state.adjustmentPolicy, at.slice(0, 10), places.orders, places.sessions)),
    ], state);
    let proposed = 0;
    let refused = 0;
    for (const draft of drafts) {
      const commandId = idFromName('adjustment-proposal', draft.proposalId);
      try {
        const result = await handleCommand(
          this.store,
          procurementDecider,
          contractStream(contractId),
          { type: 'ProposeOrderAdjustment', meta: { at, actorId: ADJUSTMENT_POLICY_VERSION }, data: draft },
          { actorId: ADJUSTMENT_POLICY_VERSION, role: 'system', tenant, commandId, correlationId: commandId, causationId: commandId, occurredAt: at },
          { retryOnConflict: true },
        );
        if (result.events.length > 0 && !result.replayed) proposed += 1;
      } catch (error) {
        // The rules refuse what the clause or the limits no longer allow: nothing is proposed.
        if (!(error instanceof RuleViolation)) throw error;
        refused += 1;
        this.logger.log(`Proposal for order ${draft.orderId} refused: ${error.code}`);
      }
    }
    return { proposed, refused };
  }

  /** The recruitment tension of each lot naming occupations, from the labour-market read model, when the policy reads it. */
  private tensionOf(contract: ExistingContract): Record<string, LotTension> {
    if (contract.adjustmentPolicy?.tensionIndexThreshold === undefined) return {};
    const occupations = [...new Set(Object.values(contract.lots).flatMap((lot) => lot.scope.occupationCodes ?? []))];
    const rows = tensionObservations(this.readModels, contract.tenant, occupations);
    return Object.fromEntries(
      Object.values(contract.lots).flatMap((lot) => {
        const tension = lotTension(lot.scope, rows);
        return tension ? [[lot.lotId, tension]] : [];
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await stopBullmq(AdjustmentLoop.name, { workers: [this.worker], queues: [this.queue], connections: this.connections.all });
  }
}

