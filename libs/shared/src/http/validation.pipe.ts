import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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

/** Whitelisting, refusing unknown fields, and turning plain bodies into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(flatten(errors)),
  });
}
