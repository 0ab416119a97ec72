import fc from 'fast-check';
import request from 'supertest';
import { LABOUR_MARKET_CSV_HEADER, labourMarketStream } from '@app/coordination';
import { FixedClock } from '@app/shared';
import { eventually, RunningApi, startApi, tokensFor } from './support/http-harness';

/**
 * Labour-market files over HTTP, generated: any valid file (1 to 50 rows, distinct occupation, territory and
 * month, line ends mixed, cells quoted or not, blank lines, a BOM) is imported whole and once; the same file
 * with exactly one fault (one bad cell, a repeated key, a column too many or too few, a broken quote) is
 * refused 400 INVALID_CSV naming the line of the faulty row, and nothing is written. Files no importer can read
 * at all (binary, endless rows, no header) are hostile-input.e2e.spec.ts's (structurallyBrokenCsv).
 *
 * Replay a failure with the seed it prints: LABOUR_CSV_SEED=<seed> npx jest test/labour-market-csv.properties
 */
const SEED = Number(process.env.LABOUR_CSV_SEED ?? 20_260_302);
const VALID_RUNS = Number(process.env.LABOUR_CSV_VALID_RUNS ?? 50);
const BROKEN_RUNS = Number(process.env.LABOUR_CSV_BROKEN_RUNS ?? 400);

jest.setTimeout(60_000);

type Field = (typeof LABOUR_MARKET_CSV_HEADER)[number];
type Row = Record<Field, string>;

interface CsvFile {
  rows: Row[];
  /** Line end after the header and after each row (the last may be none). */
  ends: string[];
  /** Blank lines before each row. */
  blanks: number[];
  quoted: boolean;
  bom: boolean;
}

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

const occupation = fc.tuple(fc.constantFrom(...'ABCDEFGHIJKLMN'), digits(4)).map(([letter, number]) => letter + number);
const territory = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 16 });
const period = fc.tuple(digits(4), fc.integer({ min: 1, max: 12 })).map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`);
const unfilledOffers = fc.oneof(
  fc.integer({ min: 0, max: 999_999_999 }).map(String),
  fc.integer({ min: 1, max: 9 }).chain((length) => digits(length)),
  fc.constantFrom('0', '999999999', '000000001'),
);
const tensionIndex = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.option(fc.oneof(digits(1), digits(2)), { nil: undefined })).map(([whole, decimals]) =>
    decimals === undefined ? String(whole) : `${whole}.${decimals}`,
  ),
  fc.constantFrom('0', '0.0', '0.01', '99.99', '100', '100.0', '100.00', '07.5'),
);

const row: fc.Arbitrary<Row> = fc.record({ occupation_code: occupation, territory_code: territory, period, unfilled_offers: unfilledOffers, tension_index: tensionIndex });
const keyOf = (r: Row) => `${r.occupation_code}|${r.territory_code}|${r.period}`;

const validFile: fc.Arbitrary<CsvFile> = fc.uniqueArray(row, { minLength: 1, maxLength: 50, selector: keyOf }).chain((rows) =>
  fc.record({
    rows: fc.constant(rows),
    ends: fc
      .tuple(fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: rows.length + 1, maxLength: rows.length + 1 }), fc.boolean())
      .map(([ends, lastEnded]) => (lastEnded ? ends : [...ends.slice(0, -1), ''])),
    blanks: fc.array(fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }), {
      minLength: rows.length,
      maxLength: rows.length,
    }),
    quoted: fc.boolean(),
    bom: fc.boolean(),
  }),
);

const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
/** A cell as written: quoted when the file quotes its cells or when it has to be. */
const cellText = (cell: string, quoted: boolean) => (quoted || /[",\r\n]/.test(cell) ? quote(cell) : cell);
const rowText = (r: Row, quoted: boolean) => LABOUR_MARKET_CSV_HEADER.map((field) => cellText(r[field], quoted)).join(',');

/** The file's text, each row written by `write` (the row as it is by default); with the line of each row. */
function render(file: CsvFile, write: (r: Row, index: number) => string = (r) => rowText(r, file.quoted)): { body: string; lines: number[] } {
  let body = (file.bom ? '\uFEFF' : '') + LABOUR_MARKET_CSV_HEADER.join(',') + file.ends[0];
  let line = 1;
  const lines: number[] = [];
  file.rows.forEach((r, index) => {
    // A blank line needs a line end before it: the header's or the previous row's may be missing at the end.
    for (let blank = 0; blank < file.blanks[index]; blank += 1) {
      body += '\r\n';
      line += 1;
    }
    line += 1;
    lines.push(line);
    body += write(r, index) + (file.ends[index + 1] || (index < file.rows.length - 1 ? '\n' : ''));
  });
  return { body, lines };
}

/** Cells no field accepts, whatever the field. */
const HOSTILE_TEXT = ['', '   ', '\u0000', 'x\u0000y', '\u202e69', '\u200f', '\u200b', 'é', '𝟙', '=1+1', 'x'.repeat(100_000)];
const BAD_CELLS: Record<Field, string[]> = {
  occupation_code: [...HOSTILE_TEXT, 'null', 'f1703', 'O1234', 'Z9999', 'F170', 'F17034', 'F17 03', 'Ｆ1703', 'F1703\u200f', '1703F'],
  territory_code: [...HOSTILE_TEXT, 'x'.repeat(17), 'A_B', '69 ARA', 'Île', '69\u0000', '٦٩', '69;42'],
  period: [...HOSTILE_TEXT, 'null', '2026-13', '2026-00', '26-01', '2026-1', '2026/01', '202601', '2026-01-01', '01-2026', '２０２６-01', ' 2026 - 01'],
  unfilled_offers: [...HOSTILE_TEXT, '-1', '-0', '1.5', '1.0', '1e400', '1e3', '9007199254740993', '1000000000', 'abc', '0x10', '+1', '1,000', '1 000', 'NaN', 'Infinity', '١٢', '１'],
  tension_index: [...HOSTILE_TEXT, '100.01', '100.5', '101', '-0.5', '-1', '1.234', '1e400', '1e2', '9007199254740993', 'NaN', '.5', '5.', '1,5', 'high', '½', '１'],
};

type Fault =
  | { kind: 'cell'; field: Field; value: string }
  | { kind: 'duplicate key'; of: number }
  | { kind: 'extra column'; value: string }
  | { kind: 'missing column'; field: Field }
  | { kind: 'unclosed quote'; field: Field }
  | { kind: 'stray quote'; field: Field }
  | { kind: 'text after closing quote'; field: Field };

const fieldArb = fc.constantFrom(...LABOUR_MARKET_CSV_HEADER);
const fault = (rowCount: number): fc.Arbitrary<Fault> =>
  fc.oneof(
    { weight: 6, arbitrary: fieldArb.chain((field) => fc.constantFrom(...BAD_CELLS[field]).map((value) => ({ kind: 'cell' as const, field, value }))) },
    { weight: 1, arbitrary: fc.nat({ max: rowCount - 1 }).map((of) => ({ kind: 'duplicate key' as const, of })) },
    { weight: 1, arbitrary: fc.constantFrom('', 'x', '1').map((value) => ({ kind: 'extra column' as const, value })) },
    { weight: 1, arbitrary: fieldArb.map((field) => ({ kind: 'missing column' as const, field })) },
    { weight: 1, arbitrary: fieldArb.map((field) => ({ kind: 'unclosed quote' as const, field })) },
    { weight: 1, arbitrary: fieldArb.map((field) => ({ kind: 'stray quote' as const, field })) },
    { weight: 1, arbitrary: fieldArb.map((field) => ({ kind: 'text after closing quote' as const, field })) },
  );

/** A valid file with one fault on one row: the text, and the file line of that row. */
const brokenFile = validFile.chain((file) =>
  fc.tuple(fc.nat({ max: file.rows.length - 1 }), fault(file.rows.length)).map(([target, broken]) => {
    // A quote left open pairs with the next quote of the file: the other cells are left unquoted then.
    const quoted = file.quoted && !['unclosed quote', 'stray quote', 'text after closing quote'].includes(broken.kind);
    const cells = (r: Row) => LABOUR_MARKET_CSV_HEADER.map((field) => cellText(r[field], quoted));
    const at = (field: Field) => LABOUR_MARKET_CSV_HEADER.indexOf(field);
    let rows = file.rows;
    let blanks = file.blanks;
    let ends = file.ends;
    let index = target;
    if (broken.kind === 'duplicate key') {
      // The key of row `of` again, later in the file, with other figures: the later row is the faulty one.
      index = Math.max(target, broken.of) + 1;
      const copy = { ...file.rows[broken.of], unfilled_offers: '1', tension_index: '1' };
      rows = [...rows.slice(0, index), copy, ...rows.slice(index)];
      blanks = [...blanks.slice(0, index), 0, ...blanks.slice(index)];
      ends = [...ends.slice(0, index + 1), '\r\n', ...ends.slice(index + 1)];
    }
    const write = (r: Row, i: number): string => {
      const written = cells(r);
      if (i !== index) return written.join(',');
      switch (broken.kind) {
        case 'cell':
          written[at(broken.field)] = cellText(broken.value, quoted);
          break;
        case 'extra column':
          written.push(broken.value);
          break;
        case 'missing column':
          written.splice(at(broken.field), 1);
          break;
        case 'unclosed quote':
          written[at(broken.field)] = `"${r[broken.field]}`;
          break;
        case 'stray quote':
          written[at(broken.field)] = `${r[broken.field].slice(0, 1)}"${r[broken.field].slice(1)}`;
          break;
        case 'text after closing quote':
          written[at(broken.field)] = `"${r[broken.field]}"x`;
          break;
        case 'duplicate key':
          break;
      }
      return written.join(',');
    };
    const { body, lines } = render({ ...file, rows, blanks, ends }, write);
    const value = broken.kind === 'cell' ? ` = ${JSON.stringify(broken.value.slice(0, 20))}` : '';
    return { what: `${broken.kind}${'field' in broken ? ` in ${broken.field}` : ''}${value} on row ${index + 1}`, body, line: lines[index] };
  }),
);

describe('labour-market files (property-based, end to end)', () => {
  let running: RunningApi;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    running = await startApi('labour-market-csv-properties', {
      clock: new FixedClock(new Date('2026-03-02T09:00:00.000Z')),
      env: { THROTTLE_LIMIT: '1000000' },
    });
    tokens = await tokensFor({
      officer: { sub: 'pe-officer-lyon', role: 'pole_emploi', tenant: 'ARA' },
      admin: { sub: 'admin-ara', role: 'admin', tenant: 'ARA' },
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
    });
  });
  afterAll(async () => {
    await running?.close();
    delete process.env.THROTTLE_LIMIT;
  });

  const upload = (who: string, csv: string) =>
    request(running.app.getHttpServer()).post('/coordination/labour-market-signals').auth(tokens[who], { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv);
  const eventCount = async () => (await running.store.readStream(labourMarketStream('ARA'))).length;

  it('imports every valid file whole, once: the same bytes again are answered from the first import', async () => {
    const sent = new Set<string>();
    await fc.assert(
      fc.asyncProperty(validFile, fc.constantFrom('officer', 'admin'), async (file, who) => {
        const { body } = render(file);
        const before = await eventCount();
        const first = await upload(who, body);
        if (sent.has(body)) {
          // The generator gave these bytes already: the first import answers.
          expect(first.status).toBe(200);
          expect(await eventCount()).toBe(before);
          return;
        }
        sent.add(body);
        expect({ status: first.status, body: first.body }).toMatchObject({ status: 201, body: { rowCount: file.rows.length, replayed: false } });
        const written = (await running.store.readStream(labourMarketStream('ARA'))).slice(before);
        expect(written).toHaveLength(file.rows.length + 1);
        const observed = written.filter((event) => event.type === 'RecruitmentTensionObserved').map((event) => event.data);
        expect(observed).toEqual(
          file.rows.map((r) =>
            expect.objectContaining({
              occupationCode: r.occupation_code,
              territoryCode: r.territory_code,
              period: r.period,
              unfilledOffers: Number(r.unfilled_offers),
              tensionIndex: Number(r.tension_index),
            }),
          ),
        );

        // The read model shows the last row of the file as this import's.
        const last = file.rows[file.rows.length - 1];
        const query = `occupationCode=${last.occupation_code}&territoryCode=${encodeURIComponent(last.territory_code)}&period=${last.period}`;
        const shown = await eventually('the imported tension', async () => {
          const { body: read } = await request(running.app.getHttpServer()).get(`/coordination/labour-market-signals?${query}`).auth(tokens.buyer, { type: 'bearer' }).expect(200);
          return read.rows[0]?.import_id === first.body.importId ? read.rows[0] : undefined;
        });
        expect(shown).toMatchObject({ unfilled_offers: Number(last.unfilled_offers), tension_index: Number(last.tension_index) });

        const again = await upload(who === 'officer' ? 'admin' : 'officer', body);
        expect({ status: again.status, body: again.body }).toMatchObject({
          status: 200,
          body: { importId: first.body.importId, rowCount: file.rows.length, replayed: true },
        });
        expect(await eventCount()).toBe(before + file.rows.length + 1);
      }),
      { seed: SEED, numRuns: VALID_RUNS, endOnFailure: true },
    );
  });

  it('refuses a valid file with one fault, naming the line of the faulty row, and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(brokenFile, async ({ what, body, line }) => {
        const before = await eventCount();
        const response = await upload('officer', body);
        const lines = [...new Set((response.body.errors ?? []).map((error: { line: number }) => error.line))];
        expect({ what, status: response.status, code: response.body.code, lines }).toEqual({ what, status: 400, code: 'INVALID_CSV', lines: [line] });
        expect(await eventCount()).toBe(before);
      }),
      { seed: SEED, numRuns: BROKEN_RUNS, endOnFailure: true },
    );
  });
});
