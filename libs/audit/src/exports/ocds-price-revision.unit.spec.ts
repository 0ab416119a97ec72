import { RecordedEvent } from '@app/event-store';
import { procurementDecider, ProcurementEvent } from '@app/procurement';
import { activeContract, clauseAdded, CONTRACT_ID, meta, OPEN_DAY_LOT, PATHWAY_LOT, TENANT } from '@app/procurement/domain/testing/fixtures';
import { PriceRevisionTerms } from '@app/procurement';
import { specify } from '@app/shared/testing/decider-specification';
import { decpMarchesOf } from './decp-marche';
import { LOTS_EXTENSION, OCDS_VERSION, ocdsReleasesOf } from './ocds-releases';
import { schemaProblems } from './schema-validation';

const terms: PriceRevisionTerms = {
  type: 'PRICE_REVISION',
  formula: { fixedPartBasisPoints: 1_500, indexedPartBasisPoints: 8_500 },
  index: { seriesId: '010567012', label: 'INSEE — services de formation' },
  baseMonth: '2025-10',
  revisionDates: ['2027-01-01'],
  indexLagMonths: 3,
  rounding: 'NEAREST_CENT_HALF_UP',
};

/** The events as the store would give them back, one second apart. */
function recorded(events: ProcurementEvent[]): RecordedEvent[] {
  return events.map((event, revision) => {
    const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + revision * 1000).toISOString();
    return {
      type: event.type,
      data: event.data as unknown as RecordedEvent['data'],
      metadata: { tenant: TENANT, occurredAt: at, actorId: 'buyer', role: 'buyer', commandId: `c-${revision}`, correlationId: `c-${revision}`, causationId: `c-${revision}` },
      streamId: `contract-${CONTRACT_ID}`,
      revision,
      position: revision + 1,
      recordedAt: at,
    } as RecordedEvent;
  });
}

describe('a price revision in the published data', () => {
  // A clause on the pathway lot only; its prices revised on 1 January 2027 from two index values.
  const given = activeContract({ extraClauses: [clauseAdded('clause-revision', terms, PATHWAY_LOT)] });
  const revised = specify(procurementDecider)
    .given(given)
    .when({
      type: 'RevisePrices',
      meta: meta('2027-01-05T09:00:00.000Z'),
      data: { clauseId: 'clause-revision', revisionDate: '2027-01-01', indexValues: { '2025-10': { value: '112.3', importId: 'i-1' }, '2026-10': { value: '115.7', importId: 'i-2' } } },
    })
    .events();
  const history = recorded([...given, ...revised]);

  it('is an OCDS contract amendment of the revised lot, with the formula, the index values and each price', () => {
    const releases = ocdsReleasesOf(history, 'ocds-t3st00');
    const last = releases.at(-1)!;
    expect(last.tag).toEqual(['contractAmendment']);
    const byLot = (lotId: string) => last.contracts.find((contract) => contract.id === `contract-${lotId}`)?.amendments ?? [];
    expect(byLot(PATHWAY_LOT)).toEqual([
      expect.objectContaining({
        id: 'price-revision-clause-revision-2027-01-01',
        rationale: 'Clause clause-revision (revisable price, R2112-13 and R2112-14): P = P0 × (0.15 + 0.85 × I/I0), index 010567012 2026-10 = 115.7, base 2025-10 = 112.3',
        description: expect.stringMatching(/^Prices from 2027-01-01: lot-1-digital-pathways PATHWAY 5000 → 5128\.67 EUR$/),
      }),
    ]);
    expect(byLot(OPEN_DAY_LOT)).toEqual([]);
    expect(schemaProblems('ocds', { version: OCDS_VERSION, extensions: [LOTS_EXTENSION], publisher: { name: 'Région' }, releases })).toEqual([]);
  });

  it('makes the revised lot’s DECP prices revisable and leaves the other lot’s firm', () => {
    const marches = decpMarchesOf(history, '23690001100012');
    expect(marches.map((marche) => marche.typesPrix.typePrix)).toEqual([['Définitif révisable'], ['Définitif ferme']]);
  });
});
