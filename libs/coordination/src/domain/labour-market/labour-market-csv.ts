import { CsvFieldRule, CsvLineError, csvRows, fieldErrors } from '@app/shared/csv/csv-file';
import { TensionSignal } from './labour-market.events';

/** The header a labour-market file starts with, exactly. */
export const LABOUR_MARKET_CSV_HEADER = ['occupation_code', 'territory_code', 'period', 'unfilled_offers', 'tension_index'] as const;

/** Most rows one file may hold. */
export const LABOUR_MARKET_MAX_ROWS = 20_000;

export type ParsedSignals = { ok: true; signals: TensionSignal[] } | { ok: false; errors: CsvLineError[] };

const FIELDS: Record<(typeof LABOUR_MARKET_CSV_HEADER)[number], CsvFieldRule> = {
  occupation_code: { pattern: /^[A-N]\d{4}$/, message: 'must be a ROME code: a letter A to N and four digits (e.g. M1805)' },
  territory_code: { pattern: /^[A-Za-z0-9-]{1,16}$/, message: 'must be 1 to 16 letters, digits or - (e.g. 69, 2A, 84-ARA)' },
  period: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'must be a month YYYY-MM' },
  unfilled_offers: { pattern: /^\d{1,9}$/, message: 'must be a whole number from 0 to 999999999' },
  tension_index: { pattern: /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, message: 'must be a number from 0 to 100 with at most two decimals, dot as separator' },
};

/**
 * Reads a labour-market file: the header, then one figure per line. Every fault is reported with its line
 * and field, all at once, and no row is kept unless every row is right.
 */
export function parseLabourMarketCsv(text: string): ParsedSignals {
  const file = csvRows(text, LABOUR_MARKET_CSV_HEADER, { max: LABOUR_MARKET_MAX_ROWS, named: 'rows' });
  if (!file.ok) return file;
  const errors: CsvLineError[] = [];
  const signals: TensionSignal[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of file.rows) {
    const { line, record } = row;
    const rowErrors = fieldErrors(row, LABOUR_MARKET_CSV_HEADER, FIELDS);
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
