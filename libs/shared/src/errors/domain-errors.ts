/**
 * A business rule refused a command. `code` is stable (clients and tests rely on it); `rule` names the article
 * of law or the clause the rule enforces. Mapped to HTTP 422.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly rule: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** The addressed resource does not exist, or is not visible to the caller's tenant. Mapped to HTTP 404. */
export class NotFoundError extends Error {
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} not found`);
    this.name = 'NotFoundError';
  }
}
