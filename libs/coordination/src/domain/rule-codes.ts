import { RuleViolation } from '@app/shared';

/** Stable codes of the rules that refuse coordination commands, with what each enforces. */
export const COORDINATION_RULES = {
  DECLARATION_ALREADY_EXISTS: 'A purchase declaration id is used once',
  DECLARATION_NOT_FOUND: 'The purchase declaration must exist',
  DECLARATION_PERIOD_INVALID: 'A declared purchase ends on or after the day it starts',
  DECLARATION_WITHDRAWN: 'A withdrawn declaration is not changed any more',
  OVERLAP_NOT_FOUND: 'The overlap must have been detected on this declaration',
  OVERLAP_ALREADY_RESOLVED: 'An overlap is resolved once: the decision recorded stands',
  CO_FINANCED_ORDER_NOT_IN_OVERLAP: 'Co-financing names the Région order of the overlap',
  CO_FINANCED_ORDER_ONLY_FOR_CO_FINANCE: 'Only a co-financing decision names a co-financed order',
  DUPLICATE_SIGNAL_ROW: 'A file gives one figure per occupation, territory and period',
  EMPTY_SIGNAL_FILE: 'An import holds at least one row',
} as const;
export type CoordinationRuleCode = keyof typeof COORDINATION_RULES;

/** Throws the refusal of a rule, with its stable code, the text it enforces and the figures checked. */
export function refuse(code: CoordinationRuleCode, message: string, details: Record<string, unknown> = {}): never {
  throw new RuleViolation(code, message, COORDINATION_RULES[code], details);
}
