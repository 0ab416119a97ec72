/**
 * A tenant's offer of training written through the one command path, for the LHEO export's tests: two providers
 * in the register, a two-lot contract whose lots describe their training, both awarded, an order on each with
 * sessions planned at an address, Pôle emploi co-financing the first order and a programme's ESF funding line
 * attached to the second lot.
 */
import { EventStore, Role } from '@app/event-store';
import {
  contractStream,
  LotTraining,
  ProcurementCommand,
  procurementDecider,
  programmeDecider,
  ProgrammeCommand,
  programmeStream,
  ProviderRegisterCommand,
  providerRegisterDecider,
  providerRegisterStream,
  Session,
} from '@app/procurement';
import { handleCommand, idFromName } from '@app/shared';
import { BUYER, context, PROVIDER, TENANT } from './audit-fixtures';

export const SECOND_PROVIDER = 'of-b';
/** Valid SIRETs (Luhn key) and declaration numbers of the two providers. */
export const PROVIDER_SIRETS = { [PROVIDER]: '78500012300014', [SECOND_PROVIDER]: '32567890000011' } as const;

export const CALENDAR_CLAUSE = 'CAL-2';

export const DIGITAL_TRAINING: LotTraining = {
  formacodes: ['31054', '31094'],
  nsfCodes: ['326'],
  certification: 'RNCP37682',
  durationHours: 420,
  objective: 'Acquérir les compétences de développeur web et web mobile',
  expectedResults: 'Titre professionnel Développeur web et web mobile (niveau 5)',
  content: 'Front-end, back-end, bases de données, sécurité, méthodes agiles',
  entryLevelCode: '14',
  entryLevelRequired: true,
  publicCodes: ['15030'],
  pathway: 'GROUP',
  rhythm: '35 h par semaine, du lundi au vendredi',
  workPlacement: 'Deux périodes de quatre semaines en entreprise',
  accessConditions: 'Aucune',
};

export const OPEN_DAYS_TRAINING: LotTraining = {
  formacodes: ['15054'],
  objective: 'Découvrir les métiers du territoire',
  expectedResults: 'Attestation de fin de formation',
  content: 'Visites d’entreprises, ateliers, rencontres de professionnels',
  publicCodes: ['15030', '15031'],
  pathway: 'INDIVIDUALISED',
  rhythm: 'Journées de 7 h',
  workPlacement: 'Sans objet',
  accessConditions: 'Aucune',
};

export interface OfferHistory {
  contractId: string;
  firstOrderId: string;
  secondOrderId: string;
}

type Meta = { at: string; actorId: string; providerId?: string };

export async function writeOfferHistory(store: EventStore, contractId = idFromName('offer-contract', String(Math.random()))): Promise<OfferHistory> {
  const send = (at: string, command: (meta: Meta) => ProcurementCommand, actor = BUYER, role: Role = 'buyer') =>
    handleCommand(store, procurementDecider, contractStream(contractId), command({ at, actorId: actor }), context(at, actor, role));
  const register = (providerId: keyof typeof PROVIDER_SIRETS, legalName: string, declarationNumber: string) => {
    const at = '2026-01-02T09:00:00.000Z';
    const command: ProviderRegisterCommand = {
      type: 'RegisterProvider',
      meta: { at, actorId: BUYER },
      data: { tenant: TENANT, providerId, legalName, siret: PROVIDER_SIRETS[providerId], declarationNumber },
    };
    return handleCommand(store, providerRegisterDecider, providerRegisterStream(TENANT, providerId), command, context(at, BUYER, 'buyer'));
  };
  await register(PROVIDER, 'Formations Numériques du Rhône', '84691234569');
  await register(SECOND_PROVIDER, 'Ateliers de l’Isère', '84380000138');

  await send('2026-01-05T09:00:00.000Z', (meta) => ({
    type: 'DraftContract',
    meta,
    data: { contractId, tenant: TENANT, title: 'Offre 2026', mode: 'FRAMEWORK_AGREEMENT', startDate: '2026-01-01', endDate: '2027-12-31', initialValueCents: 100_000_000, maximumValueCents: 200_000_000 },
  }));
  await send('2026-01-06T09:00:00.000Z', (meta) => ({
    type: 'DefineLot',
    meta,
    data: {
      lotId: 'LOT-1',
      title: 'Développeur web et web mobile',
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'], occupationCodes: ['M1805'] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
      maximumValueCents: 80_000_000,
      training: DIGITAL_TRAINING,
    },
  }));
  await send('2026-01-06T10:00:00.000Z', (meta) => ({
    type: 'DefineLot',
    meta,
    data: {
      lotId: 'LOT-2',
      title: 'Journées de découverte des métiers',
      scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] },
      workUnits: [{ type: 'OPEN_DAY', unitPriceCents: 80_000, initialQuantity: 500, minQuantity: 100, maxQuantity: 1000 }],
      maximumValueCents: 90_000_000,
      training: OPEN_DAYS_TRAINING,
    },
  }));
  // Sessions may be added to the second lot's orders (CALENDAR_CLAUSE).
  await send('2026-01-07T09:00:00.000Z', (meta) => ({ type: 'AddClause', meta, data: { clauseId: CALENDAR_CLAUSE, lotId: 'LOT-2', terms: { type: 'CALENDAR', maxShiftDays: 30 } } }));
  await send('2026-02-01T09:00:00.000Z', (meta) => ({ type: 'PublishContract', meta }));
  await send('2026-02-10T09:00:00.000Z', (meta) => ({ type: 'AwardLot', meta, data: { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: PROVIDER } } }));
  await send('2026-02-10T10:00:00.000Z', (meta) => ({ type: 'AwardLot', meta, data: { lotId: 'LOT-2', awardee: { kind: 'PROVIDER', providerId: SECOND_PROVIDER } } }));
  await send('2026-02-15T09:00:00.000Z', (meta) => ({ type: 'ActivateContract', meta }));

  const firstOrderId = idFromName('offer-order-1', contractId);
  const secondOrderId = idFromName('offer-order-2', contractId);
  const lyon: Omit<Session, 'sessionId' | 'startDate' | 'endDate'> = { place: '12 rue Garibaldi, Lyon 8e', postalCode: '69008', city: 'Lyon', capacity: 12, modality: 'IN_PERSON' };
  await send('2026-03-01T10:00:00.000Z', (meta) => ({
    type: 'IssueOrder',
    meta,
    data: {
      orderId: firstOrderId,
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 24 }],
      sessions: [
        { sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-07-03', ...lyon },
        { sessionId: 'S-2', startDate: '2026-09-07', endDate: '2026-12-04', ...lyon, capacity: 1, modality: 'BLENDED' },
      ],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    },
  }));
  await send('2026-03-01T11:00:00.000Z', (meta) => ({
    type: 'IssueOrder',
    meta,
    data: {
      orderId: secondOrderId,
      lotId: 'LOT-2',
      lines: [{ unitType: 'OPEN_DAY', quantity: 100 }],
      sessions: [{ sessionId: 'J-1', startDate: '2026-05-12', endDate: '2026-05-12', place: 'Maison de l’emploi', postalCode: '38500', city: 'Voiron', capacity: 15, modality: 'IN_PERSON' }],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    },
  }));
  const offerId = idFromName('offer-cofinancing', contractId);
  await send('2026-03-05T10:00:00.000Z', (meta) => ({ type: 'OfferCoFinancing', meta, data: { orderId: firstOrderId, offerId, share: { kind: 'PERCENT', percent: 30 }, reason: 'Abondement du parcours' } }), 'pe-ara-1', 'pole_emploi');
  await send('2026-03-06T10:00:00.000Z', (meta) => ({ type: 'AcceptCoFinancingOffer', meta, data: { orderId: firstOrderId, offerId } }));

  const programmeId = idFromName('offer-programme', contractId);
  const plan = (at: string, command: ProgrammeCommand) => handleCommand(store, programmeDecider, programmeStream(TENANT, programmeId), command, context(at, BUYER, 'buyer'));
  const meta = (at: string) => ({ at, actorId: BUYER });
  await plan('2026-01-03T09:00:00.000Z', { type: 'DefineProgramme', meta: meta('2026-01-03T09:00:00.000Z'), data: { tenant: TENANT, programmeId, title: 'Pacte 2026', startDate: '2026-01-01', endDate: '2027-12-31', regionReferenceLevelCents: 0 } });
  await plan('2026-01-03T10:00:00.000Z', { type: 'AddProject', meta: meta('2026-01-03T10:00:00.000Z'), data: { programmeId, projectId: 'P-1', title: 'Découverte des métiers' } });
  await plan('2026-01-03T11:00:00.000Z', {
    type: 'AddFundingLine',
    meta: meta('2026-01-03T11:00:00.000Z'),
    data: { programmeId, fundingLineId: 'FSE-1', funder: 'ESF', label: 'FSE+ 2021-2027', amountCents: 10_000_000, startDate: '2026-01-01', endDate: '2027-12-31' },
  });
  await plan('2026-03-02T09:00:00.000Z', { type: 'AttachLot', meta: meta('2026-03-02T09:00:00.000Z'), data: { programmeId, projectId: 'P-1', fundingLineId: 'FSE-1', contractId, lotId: 'LOT-2' } });
  return { contractId, firstOrderId, secondOrderId };
}
