import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';

/** Namespace of every name-based id of the product (UUID v5). */
const PRODUCT_NAMESPACE = '0d9bde3b-8f4e-4b49-9a37-41c51dcbd6b4';

export function newId(): string {
  return randomUUID();
}

/**
 * The same name always gives the same id: a retried command (same Idempotency-Key) creates the same
 * aggregate ids and event ids, which is what makes retries harmless.
 */
export function idFromName(...parts: string[]): string {
  return uuidv5(parts.join('\u001f'), PRODUCT_NAMESPACE);
}
