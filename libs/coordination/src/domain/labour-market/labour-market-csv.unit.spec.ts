import { parseLabourMarketCsv } from './labour-market-csv';

const HEADER = 'occupation_code,territory_code,period,unfilled_offers,tension_index';

describe('reading a labour-market file', () => {
  it('reads every row of a good file, with CRLF line ends, a BOM and blank lines', () => {
    const parsed = parseLabourMarketCsv(`\uFEFF${HEADER}\r\nF1703,69,2026-02,140,1.8\r\n\r\nJ1501,2A,2026-03,0,100\r\n`);
    expect(parsed).toEqual({
      ok: true,
      signals: [
        { occupationCode: 'F1703', territoryCode: '69', period: '2026-02', unfilledOffers: 140, tensionIndex: 1.8 },
        { occupationCode: 'J1501', territoryCode: '2A', period: '2026-03', unfilledOffers: 0, tensionIndex: 100 },
      ],
    });
  });

  it('refuses a file whose header is not the documented one', () => {
    expect(parseLabourMarketCsv('occupation,territory,period,unfilled_offers,tension_index\nF1703,69,2026-02,140,1.8\n')).toEqual({
      ok: false,
      errors: [{ line: 1, field: 'header', message: `must be ${HEADER}` }],
    });
  });

  it('reports every bad field of every bad line at once', () => {
    const parsed = parseLabourMarketCsv(
      [HEADER, 'F1703,69,2026-02,140,1.8', 'F1703,69,2026-13,12,1', 'J1501,42,2026-02,-3,abc', 'Z9999,,2026-02,1,1', 'F1703,69,2026-02,9,1', 'J1501,42'].join('\n'),
    );
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors.map(({ line, field }) => `${line}:${field}`);
    expect(errors).toEqual([
      '3:period',
      '4:unfilled_offers',
      '4:tension_index',
      '5:occupation_code',
      '5:territory_code',
      '6:row',
      '7:row',
      '7:period',
      '7:unfilled_offers',
      '7:tension_index',
    ]);
  });

  it('refuses tension indexes above 100 or with more than two decimals', () => {
    for (const index of ['100.5', '1.234', '1e2', '101', '.5']) {
      expect(parseLabourMarketCsv(`${HEADER}\nF1703,69,2026-02,1,${index}\n`)).toMatchObject({ ok: false, errors: [{ line: 2, field: 'tension_index' }] });
    }
  });

  it('reports a broken quote and an empty file by line', () => {
    expect(parseLabourMarketCsv(`${HEADER}\nF1703,69,2026-02,1,1\n"F1703,69\n`)).toMatchObject({ ok: false, errors: [{ field: 'file' }] });
    expect(parseLabourMarketCsv(`${HEADER}\n`)).toEqual({ ok: false, errors: [{ line: 2, field: 'file', message: 'holds no rows after the header' }] });
  });

  it('reports a quote never closed on the line that opened it, not at the end of the file', () => {
    const rows = ['F1703,"69",2026-02,1,1', '"J1501,69,2026-02,1,1', 'M1805,42,2026-02,1,1', 'N1101,69,2026-02,1,1'];
    expect(parseLabourMarketCsv([HEADER, ...rows].join('\r\n') + '\r\n')).toMatchObject({ ok: false, errors: [{ line: 3, field: 'file' }] });
    const lastOpen = ['F1703,69,2026-02,1,1', 'M1805,"4""2",2026-02,1,1', 'K2111,69,2026-02,1,"1', 'N1101,69,2026-02,1,1'];
    expect(parseLabourMarketCsv([HEADER, ...lastOpen].join('\n'))).toMatchObject({ ok: false, errors: [{ line: 4, field: 'file' }] });
  });
});
