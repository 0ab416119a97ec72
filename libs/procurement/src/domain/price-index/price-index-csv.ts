import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { IndexValue } from './price-index.events';

/** The header an index file starts with, exactly: one published value per line. */
export const PRICE_INDEX_CSV_HEADER = ['series_id', 'period', 'value'] as const;

export const PRICE_INDEX_MAX_ROWS = 20_000;

export interface CsvLineError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  message: string;
}

export type ParsedIndexValues = { ok: true; values: IndexValue[] } | { ok: false; errors: CsvLineError[] };

const FIELDS: Record<(typeof PRICE_INDEX_CSV_HEADER)[number], { pattern: RegExp; message: string }> = {
  series_id: { pattern: /^[A-Za-z0-9._-]{1,32}$/, message: 'must be the series identifier, 1 to 32 letters, digits, . _ or - (e.g. INSEE idbank 010567012)' },
  period: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be a month YYYY-MM' },
  value: { pattern: /^(0|[1-9]\d{0,6})(\.\d{1,4})?$/, message: 'must be a number from 0 with at most 7 digits and 4 decimals, dot as separator' },
};

/** SHA-256 of the file as received: the same bytes are the same file. */
export function priceIndexContentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads an index file: the header, then one value per line. Every fault is reported with its line and field,
 * all at once, and no value is kept unless every line is right. A value of 0 is refused: I0 divides.
 */
export function parsePriceIndexCsv(text: string): ParsedIndexValues {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { ok: false, errors: [{ line: lines ?? 1, field: 'file', message: `is not valid CSV: ${message}` }] };
  }
  const [header, ...rows] = records;
  if (!header || header.record.join(',') !== PRICE_INDEX_CSV_HEADER.join(',')) {
    return { ok: false, errors: [{ line: header?.info.lines ?? 1, field: 'header', message: `must be ${PRICE_INDEX_CSV_HEADER.join(',')}` }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: 2, field: 'file', message: 'holds no values after the header' }] };
  if (rows.length > PRICE_INDEX_MAX_ROWS) {
    return { ok: false, errors: [{ line: rows[PRICE_INDEX_MAX_ROWS].info.lines, field: 'file', message: `holds more than ${PRICE_INDEX_MAX_ROWS} values` }] };
  }
  const errors: CsvLineError[] = [];
  const values: IndexValue[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const rowErrors: CsvLineError[] = [];
    if (record.length !== PRICE_INDEX_CSV_HEADER.length) {
      rowErrors.push({ line, field: 'row', message: `has ${record.length} fields, expected ${PRICE_INDEX_CSV_HEADER.length}` });
    }
    PRICE_INDEX_CSV_HEADER.forEach((field, index) => {
      const value = record[index];
      if (value === undefined || value === '') rowErrors.push({ line, field, message: 'is missing' });
      else if (!FIELDS[field].pattern.test(value)) rowErrors.push({ line, field, message: `${FIELDS[field].message}, got "${value.slice(0, 40)}"` });
      else if (field === 'value' && Number(value) === 0) rowErrors.push({ line, field, message: 'must be above 0' });
    });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const [seriesId, period, value] = record;
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
