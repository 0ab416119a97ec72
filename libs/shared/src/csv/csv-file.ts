import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

/** A fault of an uploaded file, at its line (1-based: the header is line 1) and field. */
export interface CsvLineError {
  line: number;
  field: string;
  message: string;
}

/** A row after the header, with the line it starts on. */
export interface CsvRow {
  line: number;
  record: string[];
}

/** A field's form, and what to say when a value does not have it. */
export interface CsvFieldRule {
  pattern: RegExp;
  message: string;
}

/** SHA-256 of a file as received: the same bytes are the same file. */
export function contentHashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The rows of a CSV file that must start with exactly `header`, or the fault that stops it being read: not CSV,
 * another header, and with `rows`, no row or more than `rows.max` (`rows.named` in the message: "values").
 * Line ends are CRLF, CR or LF; empty lines are skipped; fields are trimmed.
 */
export function csvRows(
  text: string,
  header: readonly string[],
  rows?: { max: number; named: string },
): { ok: true; rows: CsvRow[] } | { ok: false; errors: CsvLineError[] } {
  const normalized = text.replace(/\r\n?/g, '\n');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(normalized, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message: string };
    // A quote never closed is found at the end of the file: the fault is on the line that opened it.
    const line = code === 'CSV_QUOTE_NOT_CLOSED' ? lineOfUnclosedQuote(normalized) : lines;
    return { ok: false, errors: [{ line: line ?? 1, field: 'file', message: `is not valid CSV: ${message}` }] };
  }
  const [first, ...rest] = records;
  if (!first || first.record.join(',') !== header.join(',')) {
    return { ok: false, errors: [{ line: first?.info.lines ?? 1, field: 'header', message: `must be ${header.join(',')}` }] };
  }
  if (rows && rest.length === 0) return { ok: false, errors: [{ line: 2, field: 'file', message: `holds no ${rows.named} after the header` }] };
  if (rows && rest.length > rows.max) {
    return { ok: false, errors: [{ line: rest[rows.max].info.lines, field: 'file', message: `holds more than ${rows.max} ${rows.named}` }] };
  }
  return { ok: true, rows: rest.map(({ record, info }) => ({ line: info.lines, record })) };
}

/** The faults of a row against the header's fields: a count of fields other than the header's, a field missing, a value of another form. */
export function fieldErrors<Field extends string>(row: CsvRow, header: readonly Field[], rules: Record<Field, CsvFieldRule>): CsvLineError[] {
  const { line, record } = row;
  const errors: CsvLineError[] = [];
  if (record.length !== header.length) errors.push({ line, field: 'row', message: `has ${record.length} fields, expected ${header.length}` });
  header.forEach((field, index) => {
    const value = record[index];
    if (value === undefined || value === '') errors.push({ line, field, message: 'is missing' });
    else if (!rules[field].pattern.test(value)) errors.push({ line, field, message: `${rules[field].message}, got "${value.slice(0, 40)}"` });
  });
  return errors;
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
