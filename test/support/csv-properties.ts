import { Type } from '@nestjs/common';
import fc from 'fast-check';
import { Field, schemaOf, validBodies } from './dto-arbitraries';

/**
 * CSV bodies for the commands that import a file (text/csv): valid files from the row DTO, and hostile files
 * that every importer must refuse, whatever its columns (structural garbage) or given them (one bad cell).
 * A CSV command declares its row DTO with `@CsvBody(RowDto)` (libs/shared); without it only the structural
 * cases apply.
 */

export interface CsvCase {
  what: string;
  /** Text, or raw bytes for what text cannot hold (invalid UTF-8). */
  body: string | Buffer;
}

const cell = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvText = (columns: string[], rows: Array<Record<string, unknown>>): string =>
  [columns.join(','), ...rows.map((row) => columns.map((column) => (row[column] === undefined ? '' : cell(row[column]))).join(','))].join('\r\n') + '\r\n';

/** Files no importer can read as rows of anything: broken quoting, binary, NUL, ragged or endless rows. */
export const structurallyBrokenCsv: fc.Arbitrary<CsvCase> = fc.oneof(
  fc.constant({ what: 'empty body', body: '' }),
  fc.constant({ what: 'byte order mark only', body: '\uFEFF' }),
  fc.constant({ what: 'unbalanced quote', body: 'a,b\r\n"1,2\r\n3,4\r\n' }),
  fc.constant({ what: 'NUL bytes', body: 'a,b\r\n1\u0000,2\r\n' }),
  fc.constant({ what: 'invalid UTF-8', body: Buffer.from([0x61, 0x2c, 0x62, 0x0d, 0x0a, 0xed, 0xa0, 0x80, 0x2c, 0xff, 0xfe, 0x0d, 0x0a]) }),
  fc.constant({ what: 'JSON instead of CSV', body: '{"rows":[{"a":1}]}' }),
  fc.constant({ what: 'ragged rows', body: 'a,b\r\n1,2,3,4,5\r\n1\r\n' }),
  fc.constant({ what: 'ten thousand columns', body: `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\r\n${'1,'.repeat(9_999)}1\r\n` }),
  fc.constant({ what: 'a 200,000-character cell', body: `a,b\r\n${'x'.repeat(200_000)},1\r\n` }),
  fc
    .array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((name) => !/[,"\r\n]/.test(name)), { minLength: 1, maxLength: 6 })
    .map((columns) => ({ what: `unknown columns ${columns.join('|')}`, body: `${columns.join(',')}\r\n${columns.map(() => 'x').join(',')}\r\n` })),
);

/** Valid files of rows of `rowDto` (1 to `maxRows` rows). */
export function validCsv(rowDto: Type<object>, maxRows = 5): fc.Arbitrary<{ columns: string[]; rows: Array<Record<string, unknown>>; body: string }> {
  const schema = schemaOf(rowDto);
  const columns = schema.fields.map((field) => field.name);
  return fc.array(validBodies(schema), { minLength: 1, maxLength: maxRows }).map((rows) => ({ columns, rows, body: csvText(columns, rows) }));
}

const badCell = (field: Field): fc.Arbitrary<string> => {
  const options: Array<fc.Arbitrary<string>> = [fc.constantFrom('\u0000', 'x\u0007', '=1+1\u0000')];
  if (field.schema.kind === 'number') options.push(fc.constantFrom('9007199254740993', '1e400', 'NaN', '-1', '1.5', 'abc', '12 000'));
  if (field.schema.kind === 'string' && field.schema.date) options.push(fc.constantFrom('2026-02-30', '31/12/2026', '2026-13-01', 'garbage'));
  if (field.schema.kind === 'string') options.push(fc.constant('x'.repeat((field.schema.maxLength ?? 100_000) + 1)));
  if (field.schema.kind === 'boolean') options.push(fc.constantFrom('maybe', '2'));
  return fc.oneof(...options);
};

/** Valid files with one cell, one column or the header broken. */
export function invalidCsv(rowDto: Type<object>): fc.Arbitrary<CsvCase> {
  const fields = schemaOf(rowDto).fields;
  const required = fields.filter((field) => !field.optional);
  return validCsv(rowDto).chain(({ columns, rows }) =>
    fc.oneof(
      fc.tuple(fc.nat({ max: rows.length - 1 }), fc.constantFrom(...fields)).chain(([index, field]) =>
        badCell(field).map((value) => ({
          what: `row ${index + 1}, ${field.name} = ${JSON.stringify(value.slice(0, 40))}`,
          body: csvText(columns, rows.map((row, i) => (i === index ? { ...row, [field.name]: value } : row))),
        })),
      ),
      ...(required.length > 0
        ? [fc.constantFrom(...required).map((field) => ({ what: `column ${field.name} missing`, body: csvText(columns.filter((column) => column !== field.name), rows) }))]
        : []),
      fc.constant({ what: 'an unknown column', body: csvText([...columns, 'unexpected'], rows.map((row) => ({ ...row, unexpected: 'x' }))) }),
      fc.constant({ what: 'a duplicated header', body: csvText([...columns, columns[0]], rows) }),
    ),
  );
}
