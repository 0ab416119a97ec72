import { callerOf } from './http-harness';

type Caller = ReturnType<typeof callerOf>;

/** A four-year framework agreement of 1 M€, at most 2 M€. */
export const FRAMEWORK = {
  title: 'Parcours vers l’emploi 2026-2029',
  mode: 'FRAMEWORK_AGREEMENT',
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

/**
 * An active framework agreement over HTTP: the two lots, a ±20% volume clause on pathways and a 30-day
 * calendar clause; LOT-1 awarded to of-a, LOT-2 to of-b. Returns the contract id.
 */
export async function anActiveFramework(as: Caller): Promise<string> {
  const drafted = await as('buyer').post('/contracts', FRAMEWORK).expect(201);
  const id = drafted.body.contractId as string;
  await as('buyer').post(`/contracts/${id}/lots`, PATHWAY_LOT).expect(201);
  await as('buyer').post(`/contracts/${id}/lots`, OPEN_DAY_LOT).expect(201);
  await as('buyer')
    .post(`/contracts/${id}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } })
    .expect(201);
  await as('buyer').post(`/contracts/${id}/clauses`, { clauseId: 'CAL-1', terms: { type: 'CALENDAR', maxShiftDays: 30 } }).expect(201);
  await as('buyer').post(`/contracts/${id}/publish`).expect(200);
  await as('buyer').post(`/contracts/${id}/lots/LOT-1/award`, { providerIds: ['of-a'] }).expect(200);
  await as('buyer').post(`/contracts/${id}/lots/LOT-2/award`, { providerIds: ['of-b'] }).expect(200);
  await as('buyer').post(`/contracts/${id}/activate`).expect(200);
  return id;
}
