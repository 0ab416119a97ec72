import request from 'supertest';
import { labourMarketStream } from '@app/coordination';
import { FixedClock } from '@app/shared';
import { callerOf, eventually, RunningApi, startApi, tokensFor } from './support/http-harness';

const HEADER = 'occupation_code,territory_code,period,unfilled_offers,tension_index';
const GOOD = [HEADER, 'F1703,69,2026-02,140,1.8', 'J1501,69,2026-02,95,0.75', 'M1805,42,2026-02,60,2.4'].join('\n') + '\n';

/** Imports of recruitment-tension files over HTTP: whole or not at all, every fault by line, the same file once. */
describe('labour-market signal imports (end to end)', () => {
  let running: RunningApi;
  let tokens: Record<string, string>;
  let as: ReturnType<typeof callerOf>;

  beforeAll(async () => {
    running = await startApi('labour-market-e2e', { clock: new FixedClock(new Date('2026-03-02T09:00:00.000Z')) });
    tokens = await tokensFor({
      officer: { sub: 'pe-officer-lyon', role: 'pole_emploi', tenant: 'ARA' },
      admin: { sub: 'admin-ara', role: 'admin', tenant: 'ARA' },
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      officerIdf: { sub: 'pe-officer-paris', role: 'pole_emploi', tenant: 'IDF' },
    });
    as = callerOf(running.app, tokens);
  });
  afterAll(() => running?.close());

  const upload = (who: string, csv: string, contentType = 'text/csv') =>
    request(running.app.getHttpServer()).post('/coordination/labour-market-signals').auth(tokens[who], { type: 'bearer' }).set('Content-Type', contentType).send(csv);
  const eventCount = async () => (await running.store.readStream(labourMarketStream('ARA'))).length;

  it('imports every row of a good file in one append, and shows the current tension', async () => {
    const first = await upload('officer', GOOD).expect(201);
    expect(first.body).toMatchObject({ rowCount: 3, replayed: false });
    expect(first.body.events.map((event: { type: string }) => event.type)).toEqual([
      'LabourMarketSignalsImported',
      'RecruitmentTensionObserved',
      'RecruitmentTensionObserved',
      'RecruitmentTensionObserved',
    ]);
    // One command, hence one append: the rows are never half imported.
    const commands = new Set((await running.store.readStream(labourMarketStream('ARA'))).map((event) => event.metadata.commandId));
    expect(commands.size).toBe(1);

    const rows = await eventually('the tension read model', async () => {
      const { body } = await as('buyer').get('/coordination/labour-market-signals?territoryCode=69').expect(200);
      return body.rows.length === 2 ? body.rows : undefined;
    });
    expect(rows).toEqual([
      expect.objectContaining({ occupation_code: 'F1703', territory_code: '69', period: '2026-02', unfilled_offers: 140, tension_index: 1.8, import_id: first.body.importId }),
      expect.objectContaining({ occupation_code: 'J1501', territory_code: '69', period: '2026-02', unfilled_offers: 95, tension_index: 0.75 }),
    ]);
    const other = await as('officerIdf').get('/coordination/labour-market-signals').expect(200);
    expect(other.body.rows).toEqual([]);
  });

  it('answers the first import for the same file sent again, writing nothing', async () => {
    const before = await eventCount();
    const byAdmin = await upload('admin', GOOD).expect(200);
    expect(byAdmin.body).toMatchObject({ rowCount: 3, replayed: true });
    const byOfficer = await upload('officer', GOOD).expect(200);
    expect(byOfficer.body.importId).toBe(byAdmin.body.importId);
    expect(byOfficer.body.events).toEqual(byAdmin.body.events);
    expect(await eventCount()).toBe(before);
  });

  it('a newer file replaces the figure of the same occupation, territory and month', async () => {
    const newer = await upload('officer', `${HEADER}\nF1703,69,2026-02,150,2.1\n`).expect(201);
    await eventually('the newer figure', async () => {
      const { body } = await as('buyer').get('/coordination/labour-market-signals?occupationCode=F1703&period=2026-02').expect(200);
      return body.rows[0]?.import_id === newer.body.importId ? body.rows[0] : undefined;
    });
  });

  const malformed: Array<[string, string, Array<{ line: number; field: string }>]> = [
    ['a bad header', 'occupation,territory,period,offers,tension\nF1703,69,2026-02,140,1.8\n', [{ line: 1, field: 'header' }]],
    ['bad numbers', `${HEADER}\nF1703,69,2026-02,140,1.8\nF1703,42,2026-02,-4,1\nF1703,38,2026-02,12,high\n`, [{ line: 3, field: 'unfilled_offers' }, { line: 4, field: 'tension_index' }]],
    ['a bad period', `${HEADER}\nF1703,69,2026-13,140,1.8\nF1703,42,02/2026,10,1\n`, [{ line: 2, field: 'period' }, { line: 3, field: 'period' }]],
    [
      'missing fields',
      `${HEADER}\nF1703,,2026-02,140,1.8\nF1703,42,2026-02\n`,
      [{ line: 2, field: 'territory_code' }, { line: 3, field: 'row' }, { line: 3, field: 'unfilled_offers' }, { line: 3, field: 'tension_index' }],
    ],
    ['a repeated row', `${HEADER}\nF1703,69,2026-02,140,1.8\nJ1501,69,2026-02,95,0.75\nF1703,69,2026-02,141,1.9\n`, [{ line: 4, field: 'row' }]],
    ['no rows', `${HEADER}\n`, [{ line: 2, field: 'file' }]],
  ];

  it.each(malformed)('refuses a file with %s, reporting every bad line and importing nothing', async (_name, csv, expected) => {
    const before = await eventCount();
    const response = await upload('officer', csv).expect(400);
    expect(response.body).toMatchObject({ code: 'INVALID_CSV' });
    expect(response.body.errors.map(({ line, field }: { line: number; field: string }) => ({ line, field }))).toEqual(expected);
    expect(await eventCount()).toBe(before);
  });

  it('refuses other roles (403) and bodies that are not CSV (415)', async () => {
    const before = await eventCount();
    await upload('buyer', GOOD).expect(403);
    const json = await upload('officer', JSON.stringify({ rows: [] }), 'application/json').expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await eventCount()).toBe(before);
  });
});
