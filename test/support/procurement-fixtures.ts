import { callerOf } from './http-harness';
import { certifiedProviders } from './provider-register-fixtures';
import type { Modality } from '@app/procurement/domain/terms/procurement-terms';

type Caller = ReturnType<typeof callerOf>;

/** A four-year framework agreement of 1 M€, at most 2 M€. */
export const FRAMEWORK = {
  title: 'Parcours vers l’emploi 2026-2029',
  mode: 'FRAMEWORK_AGREEMENT',
  awardProcedure: { procedure: 'OPEN_TENDER' },
  cpvCode: '80530000-8',
  startDate: '2026-01-01',
  endDate: '2029-12-31',
  initialValueCents: 100_000_000,
  maximumValueCents: 200_000_000,
};

/** Pathways at 3,000 €, 10% of the price tied to completion, 100 expected, at most 200. */
export const PATHWAY_LOT = {
  lotId: 'LOT-1',
  title: 'Parcours qualifiants numériques',
  scope: { domainCode: '31054', territoryCodes: ['69', '42'], targetPublics: ['QPV_RESIDENTS', 'YOUNG_NEET'] },
  workUnits: [
    {
      type: 'PATHWAY',
      unitPriceCents: 300_000,
      qualityPart: { percent: 10, indicator: 'COMPLETION_RATE' },
      initialQuantity: 100,
      minQuantity: 20,
      maxQuantity: 200,
    },
  ],
  maximumValueCents: 80_000_000,
};

/** Open days at 800 €, 500 expected, at most 1,000. */
export const OPEN_DAY_LOT = {
  lotId: 'LOT-2',
  title: 'Plateformes d’entrées et sorties permanentes',
  scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] },
  workUnits: [{ type: 'OPEN_DAY', unitPriceCents: 80_000, initialQuantity: 500, minQuantity: 100, maxQuantity: 1000 }],
  maximumValueCents: 90_000_000,
};

/** Twenty pathways at 3,000 € in the Rhône, at least 5, at most 60: a ±20% volume clause leaves ±4 of them. */
export const SMALL_PATHWAY_LOT = {
  lotId: 'LOT-1',
  title: 'Parcours numériques',
  scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
  workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 20, minQuantity: 5, maxQuantity: 60 }],
  maximumValueCents: 50_000_000,
};

/** ±20% of the pathways expected on LOT-1. */
export const VOLUME_CLAUSE = { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } };

/** Sessions of any lot may move by up to 30 days. */
export const CALENDAR_CLAUSE = { clauseId: 'CAL-1', terms: { type: 'CALENDAR', maxShiftDays: 30 } };

/** Who each lot is awarded to. */
const AWARDEES: Record<string, string> = { 'LOT-1': 'of-a', 'LOT-2': 'of-b' };

export interface FrameworkOptions {
  /** The lots, PATHWAY_LOT and OPEN_DAY_LOT unless given: LOT-1 is awarded to of-a, LOT-2 to of-b. */
  lots?: Array<{ lotId: string }>;
  /** The clauses, VOLUME_CLAUSE and CALENDAR_CLAUSE unless given. */
  clauses?: object[];
  /** Terms of the contract other than FRAMEWORK's. */
  contract?: object;
}

/**
 * An active framework agreement over HTTP: by default the two lots, a ±20% volume clause on pathways and a
 * 30-day calendar clause; LOT-1 awarded to of-a, LOT-2 to of-b, both put in the register with a Qualiopi
 * certificate. Returns the contract id.
 */
export async function anActiveFramework(as: Caller, options: FrameworkOptions = {}): Promise<string> {
  const { lots = [PATHWAY_LOT, OPEN_DAY_LOT], clauses = [VOLUME_CLAUSE, CALENDAR_CLAUSE] } = options;
  const terms = { ...FRAMEWORK, ...options.contract };
  // A contract of one lot says why it is not divided into lots.
  const contract = lots.length === 1 ? { ...terms, singleLotJustification: 'One training domain on one territory' } : terms;
  const drafted = await as('buyer').post('/contracts', contract).expect(201);
  const id = drafted.body.contractId as string;
  for (const lot of lots) await as('buyer').post(`/contracts/${id}/lots`, lot).expect(201);
  for (const clause of clauses) await as('buyer').post(`/contracts/${id}/clauses`, clause).expect(201);
  await as('buyer').post(`/contracts/${id}/publish`).expect(200);
  await certifiedProviders(as, [...new Set(lots.map(({ lotId }) => AWARDEES[lotId]))]);
  for (const { lotId } of lots) await as('buyer').post(`/contracts/${id}/lots/${lotId}/award`, { providerIds: [AWARDEES[lotId]], bidsReceived: 3 }).expect(200);
  await as('buyer').post(`/contracts/${id}/activate`).expect(200);
  return id;
}

export interface PathwayOrderOptions {
  lotId?: string;
  /** Pathways ordered. */
  quantity: number;
  /** Places in its one session, S-1 (6 April to 3 July 2026). */
  capacity: number;
  place?: string;
  modality?: Modality;
}

/** A buyer's order of pathways on a lot (LOT-1 unless given), over April to December 2026, with one session. Returns its id. */
export async function aPathwayOrder(as: Caller, contractId: string, options: PathwayOrderOptions): Promise<string> {
  const { lotId = 'LOT-1', quantity, capacity, place = 'Lyon 8e', modality = 'IN_PERSON' } = options;
  const order = await as('buyer')
    .post(`/contracts/${contractId}/orders`, {
      lotId,
      lines: [{ unitType: 'PATHWAY', quantity }],
      sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-07-03', place, capacity, modality }],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    })
    .expect(201);
  return order.body.orderId as string;
}
