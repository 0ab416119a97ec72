import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { TensionSignal } from './labour-market.events';

/** The header a labour-market file starts with, exactly. */
export const LABOUR_MARKET_CSV_HEADER = ['occupation_code', 'territory_code', 'period', 'unfilled_offers', 'tension_index'] as const;

/** Most rows one file may hold. */
export const LABOUR_MARKET_MAX_ROWS = 20_000;

export interface CsvLineError {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  field: string;
  message: string;
}

export type ParsedSignals = { ok: true; signals: TensionSignal[] } | { ok: false; errors: CsvLineError[] };

const FIELDS: Record<(typeof LABOUR_MARKET_CSV_HEADER)[number], { pattern: RegExp; message: string }> = {
  occupation_code: { pattern: /^[A-N]\d{4}$/, message: 'must be a ROME code: a letter A to N and four digits (e.g. M1805)' },
  territory_code: { pattern: /^[A-Za-z0-9-]{1,16}$/, message: 'must be 1 to 16 letters, digits or - (e.g. 69, 2A, 84-ARA)' },
  period: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be a month YYYY-MM' },
  unfilled_offers: { pattern: /^\d{1,9}$/, message: 'must be a whole number from 0 to 999999999' },
  tension_index: { pattern: /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, message: 'must be a number from 0 to 100 with at most two decimals, dot as separator' },
};

/** SHA-256 of the file as received: the same bytes are the same file. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads a labour-market file: the header, then one figure per line. Every fault is reported with its line
 * and field, all at once, and no row is kept unless every row is right.
 */
export function parseLabourMarketCsv(text: string): ParsedSignals {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  const normalized = text.replace(/\r\n?/g, '\n');
  try {
    records = parse(normalized, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    // A quote never closed is found at the end of the file: the fault is on the line that opened it.
    const line = code === 'CSV_QUOTE_NOT_CLOSED' ? lineOfUnclosedQuote(normalized) : lines;
    return { ok: false, errors: [{ line: line ?? 1, field: 'file', message: `is not valid CSV: ${message}` }] };
  }
  const [header, ...rows] = records;
  if (!header || header.record.join(',') !== LABOUR_MARKET_CSV_HEADER.join(',')) {
    return { ok: false, errors: [{ line: header?.info.lines ?? 1, field: 'header', message: `must be ${LABOUR_MARKET_CSV_HEADER.join(',')}` }] };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: 2, field: 'file', message: 'holds no rows after the header' }] };
  if (rows.length > LABOUR_MARKET_MAX_ROWS) {
    return { ok: false, errors: [{ line: rows[LABOUR_MARKET_MAX_ROWS].info.lines, field: 'file', message: `holds more than ${LABOUR_MARKET_MAX_ROWS} rows` }] };
  }
  const errors: CsvLineError[] = [];
  const signals: TensionSignal[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const rowErrors: CsvLineError[] = [];
    if (record.length !== LABOUR_MARKET_CSV_HEADER.length) {
      rowErrors.push({ line, field: 'row', message: `has ${record.length} fields, expected ${LABOUR_MARKET_CSV_HEADER.length}` });
    }
    LABOUR_MARKET_CSV_HEADER.forEach((field, index) => {
      const value = record[index];
      if (value === undefined || value === '') rowErrors.push({ line, field, message: 'is missing' });
      else if (!FIELDS[field].pattern.test(value)) rowErrors.push({ line, field, message: `${FIELDS[field].message}, got "${value.slice(0, 40)}"` });
    });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const [occupationCode, territoryCode, period, unfilledOffers, tensionIndex] = record;
    const key = `${occupationCode}|${territoryCode}|${period}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'row', message: `repeats ${occupationCode} in ${territoryCode} for ${period}, already given on line ${first}` });
      continue;
    }
    firstLineOf.set(key, line);
    signals.push({ occupationCode, territoryCode, period, unfilledOffers: Number(unfilledOffers), tensionIndex: Number(tensionIndex) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, signals };
}

/** The line of the quote left open at the end of the text (a doubled quote inside quotes is a quote). */
function lineOfUnclosedQuote(text: string): number | undefined {
  let line = 1;
  let openedOn: number | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\n') line += 1;
    else if (char === '"') {
      if (openedOn === undefined) openedOn = line;
      else if (text[index + 1] === '"') index += 1;
      else openedOn = undefined;
    }
  }
  return openedOn;
}
