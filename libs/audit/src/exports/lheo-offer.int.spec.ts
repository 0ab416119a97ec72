import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventStore } from '@app/event-store';
import { contractStream, procurementDecider } from '@app/procurement';
import { handleCommand, idFromName } from '@app/shared';
import { BUYER, context, report, writeScriptedHistory } from '../testing/audit-fixtures';
import { CALENDAR_CLAUSE, OfferHistory, PROVIDER_SIRETS, writeOfferHistory } from '../testing/offer-fixtures';
import { ContractExports } from './contract-exports';
import { LheoOffer } from './lheo-offer';
import { assertValidLheo, ExportSchemaViolation, lheoSchemaProblems } from './schema-validation';

const NO_PUBLIC = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };

/** The values of an element, in document order (the document is ours: one element per line). */
const valuesOf = (xml: string, element: string): string[] => [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, 'g'))].map((match) => match[1]);

describe('LHEO 2.3 offer of training validated by the official XSD', () => {
  let folder: string;
  let store: EmbeddedEventStore;
  let history: OfferHistory;
  let exports: ContractExports;
  let offer: LheoOffer;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'lheo-offer-'));
    store = EmbeddedEventStore.open({ file: join(folder, 'events.db') });
    history = await writeOfferHistory(store);
    // The one place of session S-2 is taken: its recruitment is closed.
    await report(store, history.contractId, history.firstOrderId, '2026-09-07T08:00:00.000Z', { kind: 'SESSION_STARTED', sessionId: 'S-2', on: '2026-09-07' });
    await report(store, history.contractId, history.firstOrderId, '2026-09-07T09:00:00.000Z', { kind: 'TRAINEE_ENTERED', traineeId: 'trainee-0a1b2c3d', sessionId: 'S-2', enteredOn: '2026-09-07', publics: NO_PUBLIC });
    exports = new ContractExports(store, { ocidPrefix: 'ocds-t3st00', buyerSirets: {} });
    offer = await exports.lheoOfTenant('ARA');
  });
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes each awarded lot of a two-lot contract as a formation that validates against the LHEO 2.3 XSD', async () => {
    expect(offer.leftOut).toEqual([]);
    expect(offer.published).toEqual([
      { contractId: history.contractId, lotId: 'LOT-1' },
      { contractId: history.contractId, lotId: 'LOT-2' },
    ]);
    expect(await lheoSchemaProblems(offer.xml!)).toEqual([]);
    expect(offer.xml).toContain('<lheo xmlns="http://lheo.gouv.fr/2.3">');
    expect(valuesOf(offer.xml!, 'intitule-formation')).toEqual(['Développeur web et web mobile', 'Journées de découverte des métiers']);
  });

  it('carries the training the lots describe: Formacode, NSF and ROME codes, RNCP fiche, pathway, entry level and hours', () => {
    expect(valuesOf(offer.xml!, 'code-FORMACODE')).toEqual(['31054', '31094', '15054']);
    expect(valuesOf(offer.xml!, 'code-NSF')).toEqual(['326']);
    expect(valuesOf(offer.xml!, 'code-ROME')).toEqual(['M1805']);
    expect(valuesOf(offer.xml!, 'code-RNCP')).toEqual(['RNCP37682']);
    expect(valuesOf(offer.xml!, 'certifiante')).toEqual(['1', '0']);
    expect(valuesOf(offer.xml!, 'parcours-de-formation')).toEqual(['1', '2']);
    // The second lot states no entry level: LHEO's "information non communiquée".
    expect(valuesOf(offer.xml!, 'code-niveau-entree')).toEqual(['14', '0']);
    expect(valuesOf(offer.xml!, 'niveau-entree-obligatoire')).toEqual(['1', '0']);
    expect(valuesOf(offer.xml!, 'nombre-heures-total')).toEqual(['420']);
  });

  it('names the provider by its SIRET and declaration number from the register, and the funders of each action', () => {
    expect(valuesOf(offer.xml!, 'SIRET')).toEqual([PROVIDER_SIRETS['of-a'], PROVIDER_SIRETS['of-b']]);
    expect(valuesOf(offer.xml!, 'numero-activite')).toEqual(['84691234569', '84380000138']);
    // Région (2) and Pôle emploi (4) co-financing the first order; Région and the FSE (3) line of the second lot.
    expect(valuesOf(offer.xml!, 'code-financeur')).toEqual(['2', '4', '2', '3']);
  });

  it('lists the sessions with their dates, address, places and recruitment state, a full one closed', () => {
    expect(valuesOf(offer.xml!, 'debut')).toEqual(['20260406', '20260907', '20260512']);
    expect(valuesOf(offer.xml!, 'fin')).toEqual(['20260703', '20261204', '20260512']);
    expect(valuesOf(offer.xml!, 'codepostal')).toEqual(['69008', '69008', '38500']);
    expect(valuesOf(offer.xml!, 'nb-places')).toEqual(['12', '1', '15']);
    expect(valuesOf(offer.xml!, 'etat-recrutement')).toEqual(['1', '2', '1']);
    // The first order's sessions are in person and blended: a mixed action.
    expect(valuesOf(offer.xml!, 'modalites-enseignement')).toEqual(['1', '0']);
  });

  it('refuses a broken document: the XSD check names what is wrong and the document is not handed over', async () => {
    const withoutTitle = offer.xml!.replace(/<intitule-formation>[^<]*<\/intitule-formation>/, '');
    const problems = await lheoSchemaProblems(withoutTitle);
    expect(problems.join('\n')).toMatch(/objectif-formation.*Expected is \(.*intitule-formation \)/);
    const shortPostalCode = offer.xml!.replace('<codepostal>69008</codepostal>', '<codepostal>6900</codepostal>');
    await expect(assertValidLheo(shortPostalCode)).rejects.toThrow(ExportSchemaViolation);
    await expect(assertValidLheo(shortPostalCode)).rejects.toThrow(/codepostal/);
  });

  it('gives with changedSince only the formations whose lot or sessions changed after it', async () => {
    const before = new Date().toISOString();
    expect((await exports.lheoOfTenant('ARA', before)).published).toEqual([]);
    const at = '2026-04-01T10:00:00.000Z';
    const commandId = idFromName('lheo-test', String(Math.random()));
    await handleCommand(
      store,
      procurementDecider,
      contractStream(history.contractId),
      {
        type: 'AdjustOrder',
        meta: { at, actorId: BUYER },
        data: {
          orderId: history.secondOrderId,
          clauseId: CALENDAR_CLAUSE,
          reason: 'Une journée de plus',
          adjustment: { kind: 'ADD_SESSION', session: { sessionId: 'J-2', startDate: '2026-06-16', endDate: '2026-06-16', place: 'Mairie', postalCode: '38500', city: 'Voiron', capacity: 15, modality: 'IN_PERSON' } },
        },
      },
      { ...context(at, BUYER, 'buyer'), commandId },
    );
    const changed = await exports.lheoOfTenant('ARA', before);
    expect(changed.published).toEqual([{ contractId: history.contractId, lotId: 'LOT-2' }]);
    expect(await lheoSchemaProblems(changed.xml!)).toEqual([]);
    expect(valuesOf(changed.xml!, 'debut')).toEqual(['20260512', '20260616']);
  });

  it('leaves out a lot that does not describe its training, naming the LHEO elements it lacks, and publishes the others', async () => {
    const { contractId } = await writeScriptedHistory(store);
    const withBareLots = await exports.lheoOfTenant('ARA');
    expect(withBareLots.published.map((lot) => lot.contractId)).toEqual([history.contractId, history.contractId]);
    const [first] = withBareLots.leftOut;
    expect(withBareLots.leftOut.map((lot) => [lot.contractId, lot.lotId])).toEqual([
      [contractId, 'LOT-1'],
      [contractId, 'LOT-2'],
    ]);
    expect(first.missing).toEqual([
      'objectif-formation',
      'resultats-attendus',
      'contenu-formation',
      'parcours-de-formation',
      'rythme-formation',
      'code-public-vise',
      'modalites-alternance',
      'conditions-specifiques',
      'session (no session ordered with the postal code and town of its place)',
    ]);
    expect(await lheoSchemaProblems(withBareLots.xml!)).toEqual([]);
  });
});
