import { RecordedEvent } from '@app/event-store';
import { Awardee, awardeeProviderIds, ContractState, evolveContract, ExistingContract, initialContractState, ProcurementEvent } from '@app/procurement';
import { TRAINING_CPV } from './ocds-releases';

/**
 * A contract in the French essential-data format (DECP 2022, schema 2.0.3): the data as at notification, never
 * edited, and one `modification` appended per amendment in force, numbered in the order they came into force.
 *
 * What the platform records maps directly (object, amounts in euros, duration, dates, holders, framework
 * technique). What it does not record yet is stated here once, as the publication profile of a Région buying
 * vocational training: CPV 80530000 (vocational training services), CCAG-FCS, open call for tenders, unit
 * prices, no advance, no declared subcontracting, no social or environmental consideration recorded. The number
 * of offers received is not recorded: the number of distinct holders is given (a lower bound). Holders are
 * identified by their provider id, which is their SIRET in production. The contract id is shortened to the 16
 * characters DECP allows: the start year and the first 12 hexadecimal digits of the contract's UUID.
 */

export interface DecpTitulaire {
  titulaire: { typeIdentifiant: 'SIRET'; id: string };
}

export interface DecpModification {
  modification: {
    id: number;
    dateNotificationModification: string;
    datePublicationDonneesModification: string;
    montant?: number;
    dureeMois?: number;
    titulaires?: DecpTitulaire[];
  };
}

export interface DecpMarche {
  id: string;
  acheteur: { id: string };
  nature: 'Marché';
  objet: string;
  codeCPV: string;
  techniques: { technique: string[] };
  modalitesExecution: { modaliteExecution: string[] };
  marcheInnovant: boolean;
  ccag: 'Fournitures courantes et services';
  offresRecues: number;
  attributionAvance: boolean;
  typeGroupementOperateurs: 'Conjoint' | 'Pas de groupement';
  procedure: "Appel d'offres ouvert";
  lieuExecution: { code: string; typeCode: 'Code département' };
  dureeMois: number;
  dateNotification: string;
  datePublicationDonnees: string;
  montant: number;
  typesPrix: { typePrix: string[] };
  formePrix: 'Unitaire';
  sousTraitanceDeclaree: boolean;
  titulaires: DecpTitulaire[];
  considerationsSociales: { considerationSociale: string[] };
  considerationsEnvironnementales: { considerationEnvironnementale: string[] };
  modifications?: DecpModification[];
}

export interface DecpDocument {
  marches: { marche: DecpMarche[] };
}

/** The contract's id as DECP allows it (1 to 16 characters). */
export function decpIdOf(contractId: string, startDate: string): string {
  return `${startDate.slice(0, 4)}${contractId.replace(/-/g, '').slice(0, 12)}`;
}

/** Whole months from the first to the last day of a period, a started month counting as one. */
export function monthsBetween(startDate: string, endDate: string): number {
  const [y1, m1, d1] = startDate.split('-').map(Number);
  const [y2, m2, d2] = endDate.split('-').map(Number);
  return Math.max(1, (y2 - y1) * 12 + (m2 - m1) + (d2 >= d1 ? 1 : 0));
}

const titulairesOf = (awardees: Awardee[]): DecpTitulaire[] =>
  [...new Set(awardees.flatMap(awardeeProviderIds))].map((id) => ({ titulaire: { typeIdentifiant: 'SIRET', id } }));

/** Ceiling of the contract (a framework's maximum, else its value) in euros, as DECP's `montant`. */
const montantOf = (state: ExistingContract): number => (state.maximumValueCents ?? state.currentValueCents) / 100;

/**
 * The contract as DECP publishes it, from its stream; undefined while no lot is awarded (DECP data exist from
 * notification on).
 */
export function decpMarcheOf(history: RecordedEvent[], acheteurSiret: string): DecpMarche | undefined {
  let state: ContractState = initialContractState();
  let notification: { state: ExistingContract; on: string } | undefined;
  const awarded: Awardee[] = [];
  const notifiedAt = new Map<string, string>();
  const modifications: DecpModification[] = [];
  for (const recorded of history) {
    const event = { type: recorded.type, data: recorded.data } as ProcurementEvent;
    state = evolveContract(state, event);
    if (state.status === 'EMPTY') continue;
    if (event.type === 'LotAwarded') {
      notification ??= { state, on: event.data.awardedAt.slice(0, 10) };
      awarded.push(event.data.awardee);
    }
    if (event.type === 'AmendmentNotified') notifiedAt.set(event.data.amendmentId, event.data.notifiedAt.slice(0, 10));
    if (event.type === 'AmendmentCameIntoForce' && notification !== undefined) {
      const { amendmentId, change, amountChangeCents, inForceAt } = event.data;
      const inForceDay = inForceAt.slice(0, 10);
      modifications.push({
        modification: {
          id: modifications.length + 1,
          dateNotificationModification: notifiedAt.get(amendmentId) ?? inForceDay,
          datePublicationDonneesModification: inForceDay,
          ...(amountChangeCents === 0 ? {} : { montant: montantOf(state) }),
          ...(change.kind === 'DURATION' ? { dureeMois: monthsBetween(state.startDate, change.newEndDate) } : {}),
          ...(change.kind === 'CONTRACTOR_CHANGE'
            ? { titulaires: titulairesOf(Object.values(state.lots).flatMap((lot) => (lot.awardee ? [lot.awardee] : []))) }
            : {}),
        },
      });
    }
  }
  if (notification === undefined) return undefined;
  const initial = initialMarche(notification.state, notification.on, awarded, acheteurSiret);
  return modifications.length === 0 ? initial : { ...initial, modifications };
}

/**
 * The data as at notification (the first award), with the holders of every lot as awarded (a lot awarded later
 * is not a modification of the contract): what later modifications are appended to.
 */
function initialMarche(state: ExistingContract, notifiedOn: string, awardees: Awardee[], acheteurSiret: string): DecpMarche {
  const lots = Object.values(state.lots);
  const titulaires = titulairesOf(awardees);
  const framework = state.mode === 'FRAMEWORK_AGREEMENT';
  const priceRevision = Object.values(state.clauses).some((clause) => clause.terms.type === 'PRICE_REVISION');
  return {
    id: decpIdOf(state.contractId, state.startDate),
    acheteur: { id: acheteurSiret },
    nature: 'Marché',
    objet: state.title.slice(0, 1000),
    codeCPV: TRAINING_CPV.id,
    techniques: { technique: [framework ? 'Accord-cadre' : 'Sans objet'] },
    modalitesExecution: { modaliteExecution: [framework ? 'Bons de commande' : 'Sans objet'] },
    marcheInnovant: false,
    ccag: 'Fournitures courantes et services',
    offresRecues: Math.max(1, titulaires.length),
    attributionAvance: false,
    typeGroupementOperateurs: awardees.some((awardee) => awardee.kind === 'GROUPING') ? 'Conjoint' : 'Pas de groupement',
    procedure: "Appel d'offres ouvert",
    lieuExecution: { code: lots.find((lot) => lot.scope.territoryCodes.length > 0)?.scope.territoryCodes[0] ?? '', typeCode: 'Code département' },
    dureeMois: monthsBetween(state.startDate, state.endDate),
    dateNotification: notifiedOn,
    datePublicationDonnees: notifiedOn,
    montant: montantOf(state),
    typesPrix: { typePrix: [priceRevision ? 'Définitif révisable' : 'Définitif ferme'] },
    formePrix: 'Unitaire',
    sousTraitanceDeclaree: false,
    titulaires,
    considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
    considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
  };
}
