import { randomUUID } from 'node:crypto';
import { contractStream, deliveryStream } from '@app/procurement';
import { idFromName, Principal } from '@app/shared';
import { sleep } from './processes';

export interface SentCommand {
  lane: number;
  what: string;
  idempotencyKey: string;
  /** The command id the api derives from the key (`commandContextFor`): how the store names the command. */
  commandId: string;
  tenant: string;
  status?: number;
  code?: string;
  events: Array<{ id: string; type: string }>;
  attempts: number;
  body?: Record<string, unknown>;
  /** The stream the command writes to, when it is a procurement command. */
  stream?: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Where a command's events go: the order's delivery stream, or the contract's (named in the path or the answer). */
function streamOf(path: string, answer: Record<string, unknown>): string | undefined {
  const delivery = new RegExp(`^/contracts/${UUID}/orders/(${UUID})/deliveries$`).exec(path);
  if (delivery) return deliveryStream(delivery[1]);
  if (path.startsWith('/contracts') && typeof answer.contractId === 'string') return contractStream(answer.contractId);
  return undefined;
}

export interface DriverFigures {
  sent: number;
  acknowledged: number;
  refused: Record<string, number>;
  /** Commands that needed more than one attempt (same Idempotency-Key). */
  retriedCommands: number;
  /** Attempts beyond the first. */
  retries: number;
  /** Commands given up after RETRY_FOR_MS without an answer: never acknowledged. */
  abandoned: number;
}

/** How long a command is retried (connection refused or reset, 5xx, 409) before it is given up. */
const RETRY_FOR_MS = 90_000;
const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * Sends commands like a careful client: each with an Idempotency-Key, retried with the same key when the
 * connection fails or the api answers 5xx or 409 (a retry of a command already recorded answers the first
 * result), sent round-robin to the apis given. Keeps every command for the checks after the run.
 */
export class CommandDriver {
  readonly commands: SentCommand[] = [];
  private next = 0;
  stopping = false;

  constructor(
    private readonly apis: string[],
    private readonly tokens: Record<string, { token: string; principal: Principal }>,
  ) {}

  /** Per api base url, the commands it answered 2xx (an answer after retries counts for the api that gave it). */
  readonly acknowledgedBy = new Map<string, number>();

  async send(lane: number, who: string, method: 'POST' | 'PUT', path: string, body: object = {}): Promise<SentCommand> {
    const { token, principal } = this.tokens[who];
    const idempotencyKey = `load-${randomUUID()}`;
    const command: SentCommand = {
      lane,
      what: `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`,
      idempotencyKey,
      commandId: idFromName('command', principal.tenant, principal.sub, idempotencyKey),
      tenant: principal.tenant,
      events: [],
      attempts: 0,
    };
    this.commands.push(command);
    const deadline = Date.now() + RETRY_FOR_MS;
    for (;;) {
      const api = this.apis[this.next++ % this.apis.length];
      command.attempts += 1;
      try {
        const response = await fetch(`${api}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        command.status = response.status;
        const retryable = response.status >= 500 || response.status === 409;
        if (!retryable || Date.now() > deadline) {
          command.body = answer;
          if (response.status < 300) {
            command.events = (answer.events as SentCommand['events']) ?? [];
            command.stream = streamOf(path, answer);
            this.acknowledgedBy.set(api, (this.acknowledgedBy.get(api) ?? 0) + 1);
          } else {
            command.code = String(answer.code ?? answer.title ?? '');
          }
          return command;
        }
      } catch {
        // Connection refused or reset, or no answer in time: the command may or may not be recorded.
        command.status = undefined;
        if (Date.now() > deadline) return command;
      }
      await sleep(Math.min(1000, 50 * 2 ** Math.min(command.attempts, 5)));
    }
  }

  figures(): DriverFigures {
    const refused: Record<string, number> = {};
    for (const command of this.commands) {
      if (command.status !== undefined && command.status >= 300) {
        const key = `${command.status} ${command.code ?? ''} (${command.what})`;
        refused[key] = (refused[key] ?? 0) + 1;
      }
    }
    return {
      sent: this.commands.length,
      acknowledged: this.acknowledged().length,
      refused,
      retriedCommands: this.commands.filter((command) => command.attempts > 1).length,
      retries: this.commands.reduce((total, command) => total + command.attempts - 1, 0),
      abandoned: this.commands.filter((command) => command.status === undefined).length,
    };
  }

  acknowledged(): SentCommand[] {
    return this.commands.filter((command) => command.status !== undefined && command.status >= 200 && command.status < 300);
  }
}
