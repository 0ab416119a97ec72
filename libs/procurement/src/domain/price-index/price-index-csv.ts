import { CsvFieldRule, CsvLineError, csvRows, fieldErrors } from '@app/shared/csv/csv-file';
import { IndexValue } from './price-index.events';

/** The header an index file starts with, exactly: one published value per line. */
export const PRICE_INDEX_CSV_HEADER = ['series_id', 'period', 'value'] as const;

export const PRICE_INDEX_MAX_ROWS = 20_000;

export type ParsedIndexValues = { ok: true; values: IndexValue[] } | { ok: false; errors: CsvLineError[] };

const FIELDS: Record<(typeof PRICE_INDEX_CSV_HEADER)[number], CsvFieldRule> = {
  series_id: { pattern: /^[A-Za-z0-9._-]{1,32}$/, message: 'must be the series identifier, 1 to 32 letters, digits, . _ or - (e.g. INSEE idbank 010567012)' },
  period: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be a month YYYY-MM' },
  value: { pattern: /^(0|[1-9]\d{0,6})(\.\d{1,4})?$/, message: 'must be a number from 0 with at most 7 digits and 4 decimals, dot as separator' },
};

/**
 * Reads an index file: the header, then one value per line. Every fault is reported with its line and field,
 * all at once, and no value is kept unless every line is right. A value of 0 is refused: I0 divides.
 */
export function parsePriceIndexCsv(text: string): ParsedIndexValues {
  const file = csvRows(text, PRICE_INDEX_CSV_HEADER, { max: PRICE_INDEX_MAX_ROWS, named: 'values' });
  if (!file.ok) return file;
  const errors: CsvLineError[] = [];
  const values: IndexValue[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of file.rows) {
    const { line, record } = row;
    const rowErrors = fieldErrors(row, PRICE_INDEX_CSV_HEADER, FIELDS);
    const value = record[2];
    if (value && FIELDS.value.pattern.test(value) && Number(value) === 0) rowErrors.push({ line, field: 'value', message: 'must be above 0' });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const [seriesId, period] = record;
    const key = `${seriesId}|${period}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'row', message: `repeats series ${seriesId} for ${period}, already given on line ${first}` });
      continue;
    }
    firstLineOf.set(key, line);
    values.push({ seriesId, period, value });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
