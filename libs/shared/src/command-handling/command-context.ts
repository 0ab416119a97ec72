import { Role } from '@app/event-store';
import { Principal } from '../auth/principal';
import { idFromName, newId } from '../ids';

/** Who sends a command, when, and as part of what: becomes the metadata of every event it produces. */
export interface CommandContext {
  actorId: string;
  role: Role;
  tenant: string;
  providerId?: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** When the command was received: deciders use this as "now". */
  occurredAt: string;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

/**
 * Builds the context of a command sent over HTTP. The Idempotency-Key, scoped to the caller, gives the
 * command id, so sending the same key again names the same command.
 */
export function commandContextFor(
  principal: Principal,
  options: { idempotencyKey?: string; correlationId?: string; now: Date },
): CommandContext {
  const commandId = options.idempotencyKey
    ? idFromName('command', principal.tenant, principal.sub, options.idempotencyKey)
    : newId();
  const correlationId = options.correlationId ?? commandId;
  return {
    actorId: principal.sub,
    role: principal.role,
    tenant: principal.tenant,
    ...(principal.providerId ? { providerId: principal.providerId } : {}),
    commandId,
    correlationId,
    causationId: commandId,
    occurredAt: options.now.toISOString(),
  };
}
