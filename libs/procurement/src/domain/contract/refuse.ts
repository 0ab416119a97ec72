import { RuleViolation } from '@app/shared';
import { RuleCode, RULES } from './rule-codes';

/** Throws the refusal of a rule, with its stable code, the text it enforces and the figures checked. */
export function refuse(code: RuleCode, message: string, details: Record<string, unknown> = {}): never {
  throw new RuleViolation(code, message, RULES[code], details);
}
