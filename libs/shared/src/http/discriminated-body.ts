import { Type } from '@nestjs/common';

/**
 * A body pipe that validates against one of several DTOs, chosen by a discriminator field, names them: the
 * body's parameter type (a union) says nothing, and tools that derive requests from the DTOs (the
 * hostile-input tests) read them here.
 */
export interface DiscriminatedBody {
  readonly discriminator: string;
  readonly variants: Readonly<Record<string, Type<object>>>;
}
