import { RecordedEvent } from '@app/event-store';
import { atRunRate } from '@app/procurement/domain/amendment/amendment-figures';
import { AdvanceGranted, AmendmentState, Awardee, awardeeProviderIds, contractFold, ContractState, ExistingContract, LotState, ProcurementEvent } from '@app/procurement';
import { DECP_PROCEDURES, DecpProcedure } from './decp-procedures';
import { cpvClassificationOf } from './ocds-releases';

export { DECP_PROCEDURES };
export type { DecpProcedure };

/**
 * A contract's lots in the French essential-data format (DECP 2022, schema 2.0.3, arrêté du 22 décembre 2022
 * relatif aux données essentielles des marchés publics): each lot awarded is its own marché (article R2113-1:
 * a contract divided into lots is as many marchés as lots), published as at its award, never edited, with one
 * `modification` appended per amendment in force that changes it, numbered in the order they came into force.
 *
 * What the platform records maps directly: object, the lot's ceiling in euros, duration, dates, holders and
 * grouping, framework technique and purchase orders, revisable or firm prices from the lot's clauses, and the
 * bids received for the lot. What it does not record yet is stated here once, as the publication profile of a
 * Région buying vocational training: CPV 80530000 (vocational training services), CCAG-FCS, open call for
 * tenders, unit prices, no declared subcontracting, no social or environmental consideration.
 * Awards recorded before the bids received were asked publish 1, the one bid known (the winner's). A framework's
 * advances are granted on its purchase orders (R2191-3), after the lot's award: the lot states an advance once
 * one is granted on one of its orders, at its rate when every advance of the lot has the same, else at 0 (the
 * schema's "an advance, its rate not known" — there is no single rate). Holders are
 * identified by their provider id, which is their SIRET in production.
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
  /** The advance's share of the amount (0.1 = 10 %); 0: an advance whose rate is not one figure. */
  tauxAvance?: number;
  typeGroupementOperateurs: 'Conjoint' | 'Pas de groupement';
  procedure: DecpProcedure;
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

/**
 * A lot's id as DECP allows it (1 to 16 characters): the contract's start year, the first 10 hexadecimal digits
 * of its UUID and the lot's rank in the contract (01 for the first lot defined), so that the lots of a contract
 * read as one series.
 */
export function decpIdOf(contractId: string, startDate: string, lotRank: number): string {
  return `${startDate.slice(0, 4)}${contractId.replace(/-/g, '').slice(0, 10)}${String(lotRank).padStart(2, '0')}`;
}

/** Whole months from the first to the last day of a period, a started month counting as one. */
export function monthsBetween(startDate: string, endDate: string): number {
  const [y1, m1, d1] = startDate.split('-').map(Number);
  const [y2, m2, d2] = endDate.split('-').map(Number);
  return Math.max(1, (y2 - y1) * 12 + (m2 - m1) + (d2 >= d1 ? 1 : 0));
}

const titulairesOf = (awardee: Awardee): DecpTitulaire[] => awardeeProviderIds(awardee).map((id) => ({ titulaire: { typeIdentifiant: 'SIRET', id } }));

/**
 * The lot's ceiling at award in cents: its maximum value when it has one (a framework's lots do), else its
 * maximum quantities at their unit prices.
 */
function lotCeilingCents(lot: LotState): number {
  if (lot.maximumValueCents !== undefined) return lot.maximumValueCents;
  return Object.values(lot.workUnits).reduce((sum, unit) => sum + (unit ? unit.maxQuantity * unit.unitPriceCents : 0), 0);
}

/**
 * What an amendment in force adds to a lot's ceiling: its whole computed change when it names the lot; a change
 * of the whole contract's duration, valued at the contract's run rate (DURATION_AT_RUN_RATE), gives each lot the
 * same rate applied to the lot's own ceiling, rounded towards zero as the contract's figure is.
 */
function lotShareCents(amendment: AmendmentState, lotId: string, lotCents: number): number {
  const { change, computation } = amendment;
  if (change.kind !== 'DURATION') return change.lotId === lotId ? amendment.amountChangeCents : 0;
  if (computation?.method !== 'DURATION_AT_RUN_RATE') return 0;
  return atRunRate(lotCents, computation.inputs.daysChanged, computation.inputs.currentDays);
}

interface LotRecord {
  marche: DecpMarche;
  ceilingCents: number;
}

/**
 * The contract's lots as DECP publishes them, from its stream, in the order they were awarded; empty while no
 * lot is awarded (DECP data exist from notification on).
 */
export function decpMarchesOf(history: RecordedEvent[], acheteurSiret: string, payments: RecordedEvent[] = []): DecpMarche[] {
  let state: ContractState = contractFold.initial();
  const records = new Map<string, LotRecord>();
  const notifiedAt = new Map<string, string>();
  for (const recorded of history) {
    const event = { type: recorded.type, data: recorded.data } as ProcurementEvent;
    state = contractFold.evolve(state, recorded);
    if (state.status === 'EMPTY') continue;
    const contract = state;
    if (event.type === 'LotAwarded') {
      const lot = contract.lots[event.data.lotId];
      const rank = Object.keys(contract.lots).indexOf(lot.lotId) + 1;
      records.set(lot.lotId, { marche: lotMarche(contract, lot, rank, acheteurSiret), ceilingCents: lotCeilingCents(lot) });
    }
    if (event.type === 'AmendmentNotified') notifiedAt.set(event.data.amendmentId, event.data.notifiedAt.slice(0, 10));
    if (event.type === 'AmendmentCameIntoForce') {
      const amendment = contract.amendments[event.data.amendmentId];
      const inForceDay = event.data.inForceAt.slice(0, 10);
      for (const [lotId, record] of records) {
        const { change } = amendment;
        if (change.kind !== 'DURATION' && change.lotId !== lotId) continue;
        const shareCents = lotShareCents(amendment, lotId, record.ceilingCents);
        record.ceilingCents += shareCents;
        const modifications = record.marche.modifications ?? [];
        const awardee = contract.lots[lotId].awardee!;
        modifications.push({
          modification: {
            id: modifications.length + 1,
            dateNotificationModification: notifiedAt.get(amendment.amendmentId) ?? inForceDay,
            datePublicationDonneesModification: inForceDay,
            ...(shareCents === 0 ? {} : { montant: record.ceilingCents / 100 }),
            ...(change.kind === 'DURATION' ? { dureeMois: monthsBetween(contract.startDate, change.newEndDate) } : {}),
            ...(change.kind === 'CONTRACTOR_CHANGE' ? { titulaires: titulairesOf(awardee) } : {}),
          },
        });
        record.marche.modifications = modifications;
      }
    }
  }
  if (state.status === 'EMPTY') return [];
  const contract = state;
  const ratesByLot = new Map<string, number[]>();
  for (const event of payments) {
    if (event.type !== 'AdvanceGranted') continue;
    const { orderId, computation } = (event.data as unknown as AdvanceGranted['data']);
    const lotId = contract.orders[orderId]?.lotId;
    if (lotId !== undefined) ratesByLot.set(lotId, [...(ratesByLot.get(lotId) ?? []), computation.ratePercent]);
  }
  return [...records.entries()].map(([lotId, record]) => {
    const rates = ratesByLot.get(lotId);
    if (rates === undefined) return record.marche;
    return { ...record.marche, attributionAvance: true, tauxAvance: new Set(rates).size === 1 ? rates[0] / 100 : 0 };
  });
}

/** A lot as at its award: what later modifications are appended to. */
function lotMarche(state: ExistingContract, lot: LotState, rank: number, acheteurSiret: string): DecpMarche {
  const awardee = lot.awardee!;
  const notifiedOn = lot.awardedAt!.slice(0, 10);
  const framework = state.mode === 'FRAMEWORK_AGREEMENT';
  const priceRevision = Object.values(state.clauses).some((clause) => clause.terms.type === 'PRICE_REVISION' && (clause.lotId === undefined || clause.lotId === lot.lotId));
  return {
    id: decpIdOf(state.contractId, state.startDate, rank),
    acheteur: { id: acheteurSiret },
    nature: 'Marché',
    objet: `${state.title} — lot ${rank} : ${lot.title}`.slice(0, 1000),
    codeCPV: cpvClassificationOf(state).id,
    techniques: { technique: [framework ? 'Accord-cadre' : 'Sans objet'] },
    modalitesExecution: { modaliteExecution: [framework ? 'Bons de commande' : 'Sans objet'] },
    marcheInnovant: false,
    ccag: 'Fournitures courantes et services',
    offresRecues: lot.bidsReceived ?? 1,
    attributionAvance: false,
    typeGroupementOperateurs: awardee.kind === 'GROUPING' ? 'Conjoint' : 'Pas de groupement',
    // A contract drafted before its procedure was recorded keeps what was published for it then.
    procedure: state.awardProcedure === undefined ? "Appel d'offres ouvert" : DECP_PROCEDURES[state.awardProcedure.procedure],
    lieuExecution: { code: lot.scope.territoryCodes[0] ?? '', typeCode: 'Code département' },
    dureeMois: monthsBetween(state.startDate, state.endDate),
    dateNotification: notifiedOn,
    datePublicationDonnees: notifiedOn,
    montant: lotCeilingCents(lot) / 100,
    typesPrix: { typePrix: [priceRevision ? 'Définitif révisable' : 'Définitif ferme'] },
    formePrix: 'Unitaire',
    sousTraitanceDeclaree: false,
    titulaires: titulairesOf(awardee),
    considerationsSociales: { considerationSociale: ['Pas de considération sociale'] },
    considerationsEnvironnementales: { considerationEnvironnementale: ['Pas de considération environnementale'] },
  };
}
