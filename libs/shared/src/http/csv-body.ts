import { applyDecorators, SetMetadata, Type } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const CSV_ROWS = 'http:csvRows';

/**
 * A command whose body is a CSV file (text/csv), one row per `rowDto`: declares the content type for the
 * OpenAPI description and the row DTO for the tools that derive requests from DTOs (the hostile-input tests).
 */
export const CsvBody = (rowDto: Type<object>) => applyDecorators(ApiConsumes('text/csv'), SetMetadata(CSV_ROWS, rowDto));
