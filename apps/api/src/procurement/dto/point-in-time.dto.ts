import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { PointInTime } from '@app/event-store';

/** A date and time with its zone, e.g. 2026-03-01T00:00:00Z: a moment, whatever the server's zone. */
export const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The two ways of naming a point of the history exclude each other. */
function NotTogetherWith(otherProperty: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName,
      constraints: [otherProperty],
      options: { message: `$property and ${otherProperty} cannot both be given: name one point of the history` },
      validator: {
        validate: (_: unknown, args: ValidationArguments) => (args.object as Record<string, unknown>)[otherProperty] === undefined,
      },
    });
}

/** `?asOf=` or `?revision=`: read a contract (or its lot, order, amendment) as it was at that point. */
export class PointInTimeQuery {
  @ApiPropertyOptional({ description: 'State as of this moment (business time of the decisions)', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOf must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00Z' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'asOf must give the time and its zone, e.g. 2026-03-01T00:00:00Z' })
  asOf?: string;

  @ApiPropertyOptional({ description: 'State at this revision of the contract stream', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @NotTogetherWith('asOf')
  revision?: number;
}

/** The point the query names, or undefined for the current state. */
export function pointOf(query: PointInTimeQuery): PointInTime | undefined {
  if (query.revision !== undefined) return { revision: query.revision };
  if (query.asOf !== undefined) return { asOf: query.asOf };
  return undefined;
}
