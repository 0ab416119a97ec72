import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field in the request body or query, e.g. `lots.0.unitPriceCents`. */
  field: string;
  messages: string[];
}

/** Malformed input: answered 400 with one entry per field at fault. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly fields: FieldError[]) {
    super({ code: 'INVALID_INPUT', message: 'The request has invalid fields', fields });
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Characters no text of a body may hold, whatever the field: control characters other than tab and line
 * breaks (NUL among them), and UTF-16 surrogates that are not part of a pair, which cannot be stored as
 * UTF-8 and would be read back changed.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern is about
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that reach an object's prototype: class-transformer skips them, so the whitelist would not see them. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any body of the api (a lot's work unit's quality part is 3 levels down); beyond, the DTO tools recurse without end. */
const MAX_DEPTH = 16;

/** What no body may hold, whatever its DTO: unsafe text (in values or keys), prototype keys, deep nesting. */
function bodyProblems(value: unknown, path: string, depth: number, found: FieldError[]): FieldError[] {
  if (typeof value === 'string') {
    if (UNSAFE_TEXT.test(value)) found.push({ field: path, messages: [`${path || 'the body'} must not hold control characters or unpaired surrogates`] });
  } else if (typeof value === 'object' && value !== null) {
    if (depth > MAX_DEPTH) {
      found.push({ field: path, messages: [`${path || 'the body'} is nested more than ${MAX_DEPTH} levels deep`] });
      return found;
    }
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (UNSAFE_TEXT.test(key)) found.push({ field, messages: ['a field name must not hold control characters or unpaired surrogates'] });
      else if (RESERVED_KEYS.has(key)) found.push({ field, messages: [`${field} should not exist`] });
      else bodyProblems(item, field, depth + 1, found);
    }
  }
  return found;
}

/** The global pipe: what no body may hold refused first, then the body's DTO rules (whitelist, no unknown field). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const problems = bodyProblems(value, '', 0, []);
      if (problems.length > 0) throw new InvalidInputException(problems);
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisting, refusing unknown fields, and turning plain bodies into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(flatten(errors)),
  });
}
