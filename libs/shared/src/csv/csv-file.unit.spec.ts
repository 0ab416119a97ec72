import { contentHashOf, csvRows, fieldErrors } from './csv-file';

const HEADER = ['code', 'period'] as const;
const RULES = { code: { pattern: /^[A-Z]\d$/, message: 'must be a letter and a digit' }, period: { pattern: /^\d{4}-\d{2}$/, message: 'must be YYYY-MM' } };

describe('reading an uploaded CSV file', () => {
  it('gives the rows after the header with the line each starts on, whatever the line ends', () => {
    expect(csvRows('code,period\r\nA1,2026-01\r\n\r\nB2,2026-02\rC3,2026-03\n', HEADER)).toEqual({
      ok: true,
      rows: [
        { line: 2, record: ['A1', '2026-01'] },
        { line: 4, record: ['B2', '2026-02'] },
        { line: 5, record: ['C3', '2026-03'] },
      ],
    });
  });

  it('refuses another header, and with limits, a file without rows or with too many', () => {
    expect(csvRows('period,code\nA1,2026-01\n', HEADER)).toEqual({ ok: false, errors: [{ line: 1, field: 'header', message: 'must be code,period' }] });
    expect(csvRows('code,period\n', HEADER, { max: 2, named: 'values' })).toEqual({ ok: false, errors: [{ line: 2, field: 'file', message: 'holds no values after the header' }] });
    expect(csvRows('code,period\nA1,2026-01\nA2,2026-01\nA3,2026-01\n', HEADER, { max: 2, named: 'values' })).toEqual({
      ok: false,
      errors: [{ line: 4, field: 'file', message: 'holds more than 2 values' }],
    });
    expect(csvRows('code,period\n', HEADER)).toEqual({ ok: true, rows: [] });
  });

  it('reports a quote never closed on the line that opened it, not at the end of the file', () => {
    const result = csvRows(['code,period', 'A1,"2026-01"', '"B2,2026-02', 'C3,2026-03'].join('\n'), HEADER);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, field: 'file' }] });
  });

  it("checks each field of a row against the header's rules, and the count of fields", () => {
    expect(fieldErrors({ line: 7, record: ['A1', '2026-01'] }, HEADER, RULES)).toEqual([]);
    expect(fieldErrors({ line: 7, record: ['a1', '', 'extra'] }, HEADER, RULES)).toEqual([
      { line: 7, field: 'row', message: 'has 3 fields, expected 2' },
      { line: 7, field: 'code', message: 'must be a letter and a digit, got "a1"' },
      { line: 7, field: 'period', message: 'is missing' },
    ]);
  });

  it('hashes the bytes received', () => {
    expect(contentHashOf('a')).toBe(contentHashOf('a'));
    expect(contentHashOf('a')).not.toBe(contentHashOf('a\n'));
  });
});
