import request from 'supertest';
import { priceIndexStream } from '@app/procurement';
import { FixedClock } from '@app/shared';
import { callerOf, RunningApi, startApi, tokensFor } from './support/http-harness';
import { anActiveFramework, CALENDAR_CLAUSE, OPEN_DAY_LOT, PATHWAY_LOT } from './support/procurement-fixtures';

/** INSEE idbank of a producer price index of services (the series a training contract may name). */
const SERIES = '010567012';
const PRICE_REVISION_CLAUSE = {
  clauseId: 'REV-1',
  lotId: 'LOT-1',
  terms: {
    type: 'PRICE_REVISION',
    formula: { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_500 },
    index: { seriesId: SERIES, label: 'Indice de prix de production des services — formation continue' },
    baseMonth: '2025-10',
    revisionDates: ['2027-01-01'],
    indexLagMonths: 3,
    rounding: 'NEAREST_CENT_HALF_UP',
  },
};
const INDEX_FILE = `series_id,period,value\n${SERIES},2025-10,112.3\n${SERIES},2026-10,115.7\n`;

/** A buyer imports two published index values, and the clause's formula revises the price of LOT-1 from them. */
describe('price revision from imported index values (end to end)', () => {
  let running: RunningApi;
  let tokens: Record<string, string>;
  let as: ReturnType<typeof callerOf>;
  const clock = new FixedClock(new Date('2026-01-05T09:00:00.000Z'));

  beforeAll(async () => {
    running = await startApi('price-revision-e2e', { clock });
    tokens = await tokensFor({
      buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: 'ARA' },
      providerA: { sub: 'user-of-a', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
      auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
      buyerIdf: { sub: 'buyer-idf-1', role: 'buyer', tenant: 'IDF' },
    });
    as = callerOf(running.app, tokens);
  });
  afterAll(() => running?.close());

  const upload = (who: string, csv: string) =>
    request(running.app.getHttpServer()).post('/price-indices').auth(tokens[who], { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv);

  it('refuses an index file with faults, naming each line and field, and imports nothing', async () => {
    const response = await upload('buyer', `series_id,period,value\n${SERIES},2025-13,112.3\n${SERIES},2026-10,115,7\n`).expect(400);
    expect(response.body).toMatchObject({
      code: 'INVALID_CSV',
      errors: [
        { line: 2, field: 'period', message: 'must be a month YYYY-MM, got "2025-13"' },
        { line: 3, field: 'row', message: 'has 4 fields, expected 3' },
      ],
    });
    expect(await running.store.readStream(priceIndexStream('ARA'))).toHaveLength(0);
  });

  it('imports the values of a good file once; the same file again writes nothing', async () => {
    const first = await upload('buyer', INDEX_FILE).expect(201);
    expect(first.body).toMatchObject({ valueCount: 2, replayed: false });
    const again = await upload('buyer', INDEX_FILE).expect(200);
    expect(again.body).toMatchObject({ importId: first.body.importId, replayed: true });
    expect(await running.store.readStream(priceIndexStream('ARA'))).toHaveLength(1);
    const series = await as('providerA').get(`/price-indices/${SERIES}`).expect(200);
    expect(series.body.values).toEqual([
      { period: '2025-10', value: '112.3', importId: first.body.importId },
      { period: '2026-10', value: '115.7', importId: first.body.importId },
    ]);
    // Another Région has imported nothing.
    expect((await as('buyerIdf').get(`/price-indices/${SERIES}`).expect(200)).body.values).toEqual([]);
  });

  it('refuses a file changing a value already imported (422, with the figures)', async () => {
    const response = await upload('buyer', `series_id,period,value\n${SERIES},2026-10,116.0\n`).expect(422);
    expect(response.body).toMatchObject({
      code: 'PRICE_INDEX_VALUE_CONFLICT',
      details: { conflicts: [{ seriesId: SERIES, period: '2026-10', recordedValue: '115.7', sentValue: '116.0' }] },
    });
  });

  it('revises the price by P0 × (0.15 + 0.85 × 115.7/112.3) on the clause date: the price in force from that day', async () => {
    const contractId = await anActiveFramework(as, { lots: [PATHWAY_LOT, OPEN_DAY_LOT], clauses: [CALENDAR_CLAUSE, PRICE_REVISION_CLAUSE] });
    const path = `/contracts/${contractId}/price-revisions`;

    const early = await as('buyer').post(path, { clauseId: 'REV-1', revisionDate: '2027-01-01' }).expect(422);
    expect(early.body).toMatchObject({ code: 'PRICE_REVISION_NOT_YET_DUE', details: { revisionDate: '2027-01-01', today: '2026-01-05' } });
    const offDate = await as('buyer').post(path, { clauseId: 'REV-1', revisionDate: '2027-02-01' }).expect(422);
    expect(offDate.body).toMatchObject({ code: 'PRICE_REVISION_DATE_NOT_IN_CLAUSE', details: { revisionDates: ['2027-01-01'] } });

    clock.set(new Date('2027-01-04T09:00:00.000Z'));
    const revised = await as('buyer').post(path, { clauseId: 'REV-1', revisionDate: '2027-01-01' }).expect(201);
    expect(revised.body.events.map((event: { type: string }) => event.type)).toEqual(['PricesRevised']);

    const [recorded] = (await running.store.readStream(`contract-${contractId}`)).filter((event) => event.type === 'PricesRevised');
    // 3,000 € × (1,500 × 112.3 + 8,500 × 115.7) / (10,000 × 112.3) = 3,077.2039… €: 307,720 cents. LOT-2 has no clause.
    expect(recorded.data).toMatchObject({
      clauseId: 'REV-1',
      revisionDate: '2027-01-01',
      index: { seriesId: SERIES, baseMonth: '2025-10', baseValue: '112.3', month: '2026-10', value: '115.7' },
      prices: [{ lotId: 'LOT-1', unitType: 'PATHWAY', basePriceCents: 300_000, basePriceSetBy: 'AWARD', revisedPriceCents: 307_720, numerator: '3455700000000000', denominator: '11230000000' }],
    });
    const contract = await as('auditor').get(`/contracts/${contractId}`).expect(200);
    const lot = contract.body.lots['LOT-1'];
    expect(lot.workUnits.PATHWAY.unitPriceCents).toBe(307_720);
    expect(lot.priceHistory.PATHWAY).toEqual([
      { from: '2026-01-01', unitPriceCents: 300_000, source: 'AWARD' },
      { from: '2027-01-01', unitPriceCents: 307_720, source: 'PRICE_REVISION', sourceId: 'REV-1@2027-01-01' },
    ]);

    const twice = await as('buyer').post(path, { clauseId: 'REV-1', revisionDate: '2027-01-01' }).expect(422);
    expect(twice.body.code).toBe('PRICE_REVISION_ALREADY_RECORDED');

    // An auditor re-decides the import and the revision from the record: the same events come out.
    const report = await as('auditor').post('/audit/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, decisions: { failed: 0 } });
    expect(report.body.decisions.byType).toMatchObject({
      PriceIndexValuesImported: { decided: 1, folded: 0, failed: 0 },
      PricesRevised: { decided: 1, folded: 0, failed: 0 },
    });
  });

  it('refuses a revision before the month the formula reads is imported, naming the month', async () => {
    clock.set(new Date('2026-01-05T09:00:00.000Z'));
    const clause = { ...PRICE_REVISION_CLAUSE, terms: { ...PRICE_REVISION_CLAUSE.terms, revisionDates: ['2027-04-01'] } };
    const contractId = await anActiveFramework(as, { clauses: [clause] });
    clock.set(new Date('2027-04-02T09:00:00.000Z'));
    const response = await as('buyer').post(`/contracts/${contractId}/price-revisions`, { clauseId: 'REV-1', revisionDate: '2027-04-01' }).expect(422);
    expect(response.body).toMatchObject({ code: 'PRICE_INDEX_VALUE_MISSING', details: { seriesId: SERIES, missingMonths: ['2027-01'] } });
  });

  it('refuses a clause whose parts do not make the whole price (400 for a malformed one)', async () => {
    clock.set(new Date('2026-01-05T09:00:00.000Z'));
    const drafted = await as('buyer').post('/contracts', { title: 'Draft', mode: 'FRAMEWORK_AGREEMENT', awardProcedure: { procedure: 'OPEN_TENDER' }, cpvCode: '80530000-8', startDate: '2026-02-01', endDate: '2027-12-31', initialValueCents: 10_000_000, maximumValueCents: 20_000_000, singleLotJustification: 'One domain' }).expect(201);
    const id = drafted.body.contractId;
    const parts = { ...PRICE_REVISION_CLAUSE, lotId: undefined, terms: { ...PRICE_REVISION_CLAUSE.terms, formula: { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_499 } } };
    const refused = await as('buyer').post(`/contracts/${id}/clauses`, parts).expect(422);
    expect(refused.body).toMatchObject({ code: 'PRICE_REVISION_PARTS_NOT_WHOLE', details: { sumBasisPoints: 9_999, requiredBasisPoints: 10_000 } });
    const asText = { clauseId: 'REV-2', terms: { type: 'PRICE_REVISION', indexName: 'INSEE', formula: 'P = P0 × I/I0', frequencyMonths: 12 } };
    await as('buyer').post(`/contracts/${id}/clauses`, asText).expect(400);
  });
});
