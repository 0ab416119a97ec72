import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MOMENT_MESSAGE = '$property must be an ISO 8601 date and time with its zone, e.g. 2026-03-01T00:00:00Z';

/** Filters of the tenant's decision list; the period is on business time (from included, to excluded). */
export class DecisionsQuery {
  @ApiPropertyOptional({ description: 'Actor id (token subject) who decided' })
  @IsOptional()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Event types, comma separated', example: 'OrderQuantityAdjusted,AmendmentSigned' })
  @IsOptional()
  @Matches(/^[A-Za-z]{1,80}(,[A-Za-z]{1,80}){0,49}$/, { message: 'type must be event types separated by commas' })
  type?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: MOMENT_MESSAGE })
  @Matches(DATE_TIME_WITH_ZONE, { message: MOMENT_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: MOMENT_MESSAGE })
  @Matches(DATE_TIME_WITH_ZONE, { message: MOMENT_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (a global position)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

/** One lot, order or amendment of the contract, or the whole contract when none is given. */
export class ContractDecisionsQuery {
  @IsOptional()
  @MaxLength(200)
  lotId?: string;

  @IsOptional()
  @MaxLength(200)
  orderId?: string;

  @IsOptional()
  @MaxLength(200)
  amendmentId?: string;
}

const DAY_OR_MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const CHANGED_SINCE_MESSAGE = 'changedSince must be an ISO 8601 date, or date and time with its zone, e.g. 2026-03-01 or 2026-03-01T08:00:00Z';

/** `?changedSince=`: only the formations changed after that moment (a day: from its start, UTC). */
export class OfferExportQuery {
  @ApiPropertyOptional({ example: '2026-03-01T08:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: CHANGED_SINCE_MESSAGE })
  @Matches(DAY_OR_MOMENT, { message: CHANGED_SINCE_MESSAGE })
  changedSince?: string;
}

/** The moment a `changedSince` names, as the store dates events (UTC ISO). */
export const momentOf = (changedSince: string): string => new Date(changedSince.length === 10 ? `${changedSince}T00:00:00Z` : changedSince).toISOString();
