import { parsePriceIndexCsv } from './price-index-csv';

describe('an index file', () => {
  it('gives one value per line, as published', () => {
    expect(parsePriceIndexCsv('series_id,period,value\n010567012,2025-10,112.3\n010567012,2026-10,115.7\n')).toEqual({
      ok: true,
      values: [
        { seriesId: '010567012', period: '2025-10', value: '112.3' },
        { seriesId: '010567012', period: '2026-10', value: '115.7' },
      ],
    });
  });

  it('reports every fault with its line and field, and keeps nothing', () => {
    const parsed = parsePriceIndexCsv('series_id,period,value\n010567012,2025-13,112.3\nbad id,2025-10,1,2\n010567012,2025-11,112,3\n010567012,2025-12,0\n010567012,2026-01,1.12345\n');
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 2, field: 'period', message: 'must be a month YYYY-MM, got "2025-13"' },
        { line: 3, field: 'row', message: 'has 4 fields, expected 3' },
        { line: 3, field: 'series_id', message: expect.stringContaining('got "bad id"') },
        { line: 4, field: 'row', message: 'has 4 fields, expected 3' },
        { line: 5, field: 'value', message: 'must be above 0' },
        { line: 6, field: 'value', message: expect.stringContaining('4 decimals, dot as separator, got "1.12345"') },
      ],
    });
  });

  it('refuses a month given twice for one series, naming the first line', () => {
    expect(parsePriceIndexCsv('series_id,period,value\n010567012,2025-10,112.3\n010567012,2025-10,112.4\n')).toEqual({
      ok: false,
      errors: [{ line: 3, field: 'row', message: 'repeats series 010567012 for 2025-10, already given on line 2' }],
    });
  });

  it('refuses a file with another header or no values', () => {
    expect(parsePriceIndexCsv('idbank,month,value\n1,2025-10,1\n')).toEqual({ ok: false, errors: [{ line: 1, field: 'header', message: 'must be series_id,period,value' }] });
    expect(parsePriceIndexCsv('series_id,period,value\n')).toEqual({ ok: false, errors: [{ line: 2, field: 'file', message: 'holds no values after the header' }] });
  });
});
