import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { RecordedEvent } from '@app/event-store';
import {
  certificationOf,
  contractFold,
  ContractState,
  ExistingContract,
  Funder,
  LotState,
  LotTraining,
  Modality,
  OrderState,
  ProviderRegistered,
  SessionState,
  TrainingPathway,
} from '@app/procurement';

/**
 * The tenant's offer of training in LHEO 2.3 (Langage Harmonisé d'Échange d'informations sur l'Offre de formation,
 * namespace http://lheo.gouv.fr/2.3, the XSD of schemas/lheo-2.3-schema.xsd), as a Carif-Oref base takes it so that
 * prescribers (France Travail / Pôle emploi advisers) see the sessions bought: one `formation` per awarded lot, one
 * `action` per purchase order of the lot, one `session` per session ordered and not cancelled.
 *
 * Only what the product records is published. Where the XSD requires an element the product does not record and
 * LHEO's definition (definition/lheo-gml.xml of lheo/lheo-schema, tag 2.3.0) documents a value for "unknown", that
 * value is used and said so below; where it documents none, the lot (or the session) is left out of the offer and
 * the missing elements are named in `leftOut`, never filled in with a guess.
 */

export const LHEO_NAMESPACE = 'http://lheo.gouv.fr/2.3';

/** dict-financeurs of LHEO 2.3 (code-financeur), for the funders a programme's funding line names. */
export const LHEO_FUNDER_CODES = {
  // "Etat - Ministère chargé de l'emploi": the PIC is the State's plan led by the ministry of labour.
  STATE_PIC: '11',
  // "Collectivité territoriale - Conseil régional".
  REGION: '2',
  // "Fonds européens - FSE".
  ESF: '3',
  // "Pôle emploi".
  POLE_EMPLOI: '4',
  // "Autre".
  OTHER: '0',
} as const satisfies Record<Funder, string>;

/** dict-type-parcours: 1 en groupe, 2 individualisé, 3 modularisé, 4 mixte. */
const PATHWAY_CODES: Record<TrainingPathway, string> = { GROUP: '1', INDIVIDUALISED: '2', MODULAR: '3', MIXED: '4' };

/** dict-modalites-enseignement: 0 entièrement présentielle, 1 mixte, 2 entièrement à distance. */
const TEACHING_CODES: Record<Modality, string> = { IN_PERSON: '0', BLENDED: '1', REMOTE: '2' };

/** LHEO's ligne holds 50 characters and an adresse up to 4 of them: a session's place (200 at most) fits whole. */
const LINE_LENGTH = 50;
const MAX_LINES = 4;

/** What the register holds on the lead provider of a lot. */
export type RegisteredProvider = ProviderRegistered['data'];

export interface LheoContractFacts {
  /** The contract's stream. */
  history: RecordedEvent[];
  /** The delivery stream of each of its orders (entries fill the sessions). */
  deliveries: Record<string, RecordedEvent[]>;
}

export interface LheoFacts {
  contracts: LheoContractFacts[];
  /** The register's entry of each provider registered in the tenant, and when it last changed. */
  providers: Record<string, { entry: RegisteredProvider; changedAt: string }>;
  /** Funders of the programme funding lines a lot is attached to, by `contractId/lotId`, and when it was attached. */
  fundingLines: Record<string, Array<{ funder: Funder; attachedAt: string }>>;
}

/** A lot the offer does not carry, with the LHEO elements the product lacks for it. */
export interface LheoLeftOut {
  contractId: string;
  lotId: string;
  missing: string[];
}

export interface LheoOffer {
  /** The LHEO document, absent when no formation is to be published (the XSD requires at least one). */
  xml?: string;
  published: Array<{ contractId: string; lotId: string }>;
  leftOut: LheoLeftOut[];
}

/** YYYY-MM-DD as LHEO writes a date (AAAAMMJJ). */
const lheoDate = (day: string): string => day.replace(/-/g, '');

function linesOf(place: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < place.length && lines.length < MAX_LINES; i += LINE_LENGTH) lines.push(place.slice(i, i + LINE_LENGTH));
  return lines;
}

/** The training texts LHEO requires and documents no unknown value for: without them the lot is not published. */
function missingTraining(lot: LotState): string[] {
  const training: LotTraining = lot.training ?? {};
  const missing: string[] = [];
  if (lot.title.length > 255) missing.push('intitule-formation (at most 255 characters)');
  if (!training.objective) missing.push('objectif-formation');
  if (!training.expectedResults) missing.push('resultats-attendus');
  if (!training.content) missing.push('contenu-formation');
  if (!training.pathway) missing.push('parcours-de-formation');
  if (!training.rhythm) missing.push('rythme-formation');
  if (!training.publicCodes?.length) missing.push('code-public-vise');
  if (!training.workPlacement) missing.push('modalites-alternance');
  if (!training.accessConditions) missing.push('conditions-specifiques');
  return missing;
}

/** A session LHEO can locate: not cancelled, with the postal code and town of its place. */
const publishable = (session: SessionState): boolean => !session.cancelled && session.postalCode !== undefined && session.city !== undefined;

/** Trainees in each session of an order: entries less early leavers. */
function entriesBySession(delivery: RecordedEvent[]): Map<string, number> {
  const entries = new Map<string, number>();
  for (const event of delivery) {
    const { sessionId } = event.data as { sessionId?: string };
    if (sessionId === undefined) continue;
    if (event.type === 'TraineeEntered') entries.set(sessionId, (entries.get(sessionId) ?? 0) + 1);
    if (event.type === 'TraineeLeftEarly') entries.set(sessionId, (entries.get(sessionId) ?? 0) - 1);
  }
  return entries;
}

/** The teaching mode of an action from its sessions: one mode when they share it, else mixed. */
function teachingCode(sessions: SessionState[]): string {
  const modes = new Set(sessions.map((session) => TEACHING_CODES[session.modality]));
  return modes.size === 1 ? [...modes][0] : TEACHING_CODES.BLENDED;
}

interface Formation {
  contractId: string;
  lot: LotState;
  training: LotTraining;
  provider: RegisteredProvider;
  actions: Array<{ order: OrderState; sessions: SessionState[]; funderCodes: string[]; entries: Map<string, number> }>;
}

/** When anything the lot's formation is made of was last recorded: the lot, its orders, sessions and entries, provider, funding. */
function lastChangeOf(lot: LotState, orderIds: Set<string>, facts: LheoContractFacts, changes: string[]): string {
  const ofLot = facts.history.filter((event) => {
    const data = event.data as { lotId?: string; orderId?: string };
    return data.lotId === lot.lotId || (data.orderId !== undefined && orderIds.has(data.orderId));
  });
  const deliveries = [...orderIds].flatMap((orderId) => facts.deliveries[orderId] ?? []);
  return [...ofLot, ...deliveries].map((event) => event.recordedAt).concat(changes).reduce((latest, at) => (at > latest ? at : latest), '');
}

/**
 * The offer from the tenant's facts: every lot awarded in a contract not terminated, or with `changedSince` (ISO
 * time) only those whose lot, orders, sessions, entries, provider or funding changed after it.
 */
export function lheoOfferOf(facts: LheoFacts, changedSince?: string): LheoOffer {
  const formations: Formation[] = [];
  const leftOut: LheoLeftOut[] = [];
  for (const contractFacts of facts.contracts) {
    const state = contractFacts.history.reduce<ContractState>((folded, event) => contractFold.evolve(folded, event), contractFold.initial());
    if (state.status === 'EMPTY' || state.status === 'TERMINATED') continue;
    const contract: ExistingContract = state;
    for (const lot of Object.values(contract.lots)) {
      if (lot.awardee === undefined) continue;
      const orders = Object.values(contract.orders).filter((order) => order.lotId === lot.lotId);
      const leadId = lot.awardee.kind === 'PROVIDER' ? lot.awardee.providerId : lot.awardee.leadProviderId;
      const registered = facts.providers[leadId];
      const funding = facts.fundingLines[`${contract.contractId}/${lot.lotId}`] ?? [];
      const changedAt = lastChangeOf(lot, new Set(orders.map((order) => order.orderId)), contractFacts, [
        ...(registered ? [registered.changedAt] : []),
        ...funding.map((line) => line.attachedAt),
      ]);
      if (changedSince !== undefined && changedAt <= changedSince) continue;

      const missing = missingTraining(lot);
      if (registered === undefined) missing.push(`organisme-formation-responsable (provider ${leadId} is not in the register)`);
      // The Région buys the places; Pôle emploi adds itself where it co-finances the order; a programme's funding line adds its funder.
      const lotFunders = [LHEO_FUNDER_CODES.REGION, ...funding.map((line) => LHEO_FUNDER_CODES[line.funder])];
      const actions = orders
        .map((order) => ({
          order,
          sessions: Object.values(order.sessions).filter(publishable),
          funderCodes: [...new Set([...lotFunders, ...(order.coFinancing?.inForce ? [LHEO_FUNDER_CODES.POLE_EMPLOI] : [])])].slice(0, 8),
          entries: entriesBySession(contractFacts.deliveries[order.orderId] ?? []),
        }))
        .filter((action) => action.sessions.length > 0);
      if (actions.length === 0) missing.push('session (no session ordered with the postal code and town of its place)');
      if (missing.length > 0 || registered === undefined) {
        leftOut.push({ contractId: contract.contractId, lotId: lot.lotId, missing });
        continue;
      }
      formations.push({ contractId: contract.contractId, lot, training: lot.training!, provider: registered.entry, actions });
    }
  }
  const published = formations.map(({ contractId, lot }) => ({ contractId, lotId: lot.lotId }));
  return formations.length === 0 ? { published, leftOut } : { xml: lheoDocument(formations), published, leftOut };
}

function lheoDocument(formations: Formation[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(LHEO_NAMESPACE, 'lheo');
  const offres = root.ele('offres');
  for (const formation of formations) formationElement(offres, formation);
  return root.end({ prettyPrint: true });
}

const text = (parent: XMLBuilder, name: string, value: string): XMLBuilder => parent.ele(name).txt(value).up();

function formationElement(offres: XMLBuilder, { contractId, lot, training, provider, actions }: Formation): void {
  // numero: the lot as the product names it, so that a base can match the formation on the next export.
  const formation = offres.ele('formation', { numero: `${contractId}/${lot.lotId}` });
  // The Formacode version (attribute ref) is not recorded by the lot: it is left out rather than guessed.
  const domain = formation.ele('domaine-formation');
  for (const code of training.formacodes ?? []) text(domain, 'code-FORMACODE', code);
  for (const code of training.nsfCodes ?? []) text(domain, 'code-NSF', code);
  for (const code of (lot.scope.occupationCodes ?? []).slice(0, 5)) text(domain, 'code-ROME', code);
  text(formation, 'intitule-formation', lot.title);
  text(formation, 'objectif-formation', training.objective!);
  text(formation, 'resultats-attendus', training.expectedResults!);
  text(formation, 'contenu-formation', training.content!);
  // The lot's specifications name the certification the training leads to; naming none, it leads to none.
  const certification = training.certification === undefined ? undefined : certificationOf(training.certification);
  text(formation, 'certifiante', certification ? '1' : '0');
  // Required, and the product publishes no person as a contact (the register's contacts are sealed, for the
  // buyer's notices): the XSD's minimum, coordinates with none of their optional parts.
  formation.ele('contact-formation').ele('coordonnees');
  text(formation, 'parcours-de-formation', PATHWAY_CODES[training.pathway!]);
  // dict-niveaux 0: "information non communiquée", LHEO's value for a level the lot does not state.
  text(formation, 'code-niveau-entree', training.entryLevelCode ?? '0');
  if (certification) text(formation.ele('certification'), certification.register === 'RNCP' ? 'code-RNCP' : 'code-RS', training.certification!);
  for (const action of actions) actionElement(formation, training, action);
  providerElement(formation, provider);
}

function actionElement(formation: XMLBuilder, training: LotTraining, { order, sessions, funderCodes, entries }: Formation['actions'][number]): void {
  const action = formation.ele('action', { numero: order.orderId });
  text(action, 'rythme-formation', training.rhythm!);
  for (const code of training.publicCodes!) text(action, 'code-public-vise', code);
  // dict-boolean: a level the lot does not state as required is only advised.
  text(action, 'niveau-entree-obligatoire', training.entryLevelRequired ? '1' : '0');
  text(action, 'modalites-alternance', training.workPlacement!);
  text(action, 'modalites-enseignement', teachingCode(sessions));
  text(action, 'conditions-specifiques', training.accessConditions!);
  // Places bought by the Région under a public contract: the training costs are paid for the trainee.
  text(action, 'prise-en-charge-frais-possible', '1');
  // dict-modalites-es 0: every session ordered has fixed start and end dates.
  text(action, 'modalites-entrees-sorties', '0');
  for (const session of sessions) sessionElement(action, session, entries.get(session.sessionId) ?? 0);
  if (training.durationHours !== undefined) text(action, 'nombre-heures-total', String(training.durationHours));
  for (const code of funderCodes) text(action.ele('organisme-financeur'), 'code-financeur', code);
}

function sessionElement(action: XMLBuilder, session: SessionState, entries: number): void {
  const element = action.ele('session', { numero: session.sessionId });
  const periode = element.ele('periode');
  text(periode, 'debut', lheoDate(session.startDate));
  text(periode, 'fin', lheoDate(session.endDate));
  // The product records no registration address apart from the session's place: trainees register where it runs.
  const address = element.ele('adresse-inscription').ele('adresse');
  for (const line of linesOf(session.place)) text(address, 'ligne', line);
  text(address, 'codepostal', session.postalCode!);
  text(address, 'ville', session.city!);
  // dict-etat-recrutement: 1 ouvert while places are left, 2 fermé once the session is full.
  text(element, 'etat-recrutement', entries >= session.capacity ? '2' : '1');
  // dict-modalite-recrutement 0: "information inconnue", the product does not record how trainees are selected.
  const recruitment = element.ele('recrutement');
  text(recruitment, 'modalite-recrutement', '0');
  text(recruitment, 'nb-places', String(session.capacity));
}

function providerElement(formation: XMLBuilder, provider: RegisteredProvider): void {
  const responsible = formation.ele('organisme-formation-responsable');
  // Numéro de déclaration d'activité (art. L6351-1 Code du travail) and SIRET, as the register holds them.
  text(responsible, 'numero-activite', provider.declarationNumber);
  text(responsible.ele('SIRET-organisme-formation'), 'SIRET', provider.siret);
  // The register holds the legal name only: it is the name used too.
  text(responsible, 'nom-organisme', provider.legalName);
  text(responsible, 'raison-sociale', provider.legalName);
  // Required; the register holds no postal address and publishes no person: the XSD's minimum coordinates.
  responsible.ele('coordonnees-organisme').ele('coordonnees');
  responsible.ele('contact-organisme').ele('coordonnees');
}
