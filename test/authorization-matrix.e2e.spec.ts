import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore, Role } from '@app/event-store';
import { DEVELOPMENT_JWT_SECRET, FixedClock, Principal, signDevelopmentToken } from '@app/shared';
import { createApi } from '../apps/api/src/bootstrap';
import { callerOf, eventually, runPrefix, tokensFor } from './support/http-harness';
import { certifiedProviders } from './support/provider-register-fixtures';
import { pseudonym } from './support/trainee-ids';

/**
 * Who may call what: every route of the running api × every kind of caller. The table below is checked
 * against the routes the app really serves, so a new endpoint without a row (or a row left behind by a
 * removed endpoint) fails here, naming it.
 */

/** The ids of the scripted fixture, for the URLs and bodies of the rows. */
interface Fixture {
  contractId: string;
  /** Orders on LOT-1 (performed by of-a) and LOT-2 (of-b). */
  orderA: string;
  orderB: string;
  /** A price amendment of LOT-1, signed and notified to of-a. */
  amendmentA: string;
  /** of-a's notification of that amendment (of-a registered a webhook; no worker runs, so it stays pending). */
  notificationA: string;
  /** A Pôle emploi purchase overlapping orderA, and the overlap. */
  declarationId: string;
  overlapId: string;
  /** A statement of orderA, contested by of-a and accepted, and of-a's payment request for it. */
  statementA: string;
  disputeA: string;
  paymentRequestA: string;
}

/**
 * What a caller of the right role but outside the resource gets:
 * - 404: the resource is answered as missing (its existence is not disclosed);
 * - 'hidden': the route answers (200) but without the fixture's data (listings, read models);
 * - 'unscoped': the route is not about the fixture (creating, the caller's own data, store-wide checks):
 *   only "not 401/403" is checked.
 */
type Scope = 404 | 'hidden' | 'unscoped';

interface Row {
  /** Roles the route admits ('public': no token needed). */
  roles: readonly Role[] | 'public';
  url: (f: Fixture) => string;
  /** A valid body, so that the tenant and ownership checks (which come after validation) are reached. */
  body?: (f: Fixture) => object;
  /** An admitted role from another tenant (IDF), on the ARA fixture. */
  otherTenant?: Scope;
  /** Provider of-b on of-a's resource (rows that admit providers). */
  otherProvider?: Scope;
}

/** of-a's entry in the provider register (a SIRET whose Luhn key holds). */
const REGISTER_OF_A = { providerId: 'of-a', legalName: 'Organisme A', siret: '73282932000074', declarationNumber: '84691234569' };
/** A programme of the fixture, with a project and a funding line. */
const PROGRAMME = { programmeId: 'PRIC-2026', title: 'Pacte 2026', startDate: '2026-01-01', endDate: '2026-12-31', regionReferenceLevelCents: 10_000_000 };
/** The evaluation of project P-1 of that programme: two arms, no strata, no lot. */
const EVALUATION = `/programmes/${PROGRAMME.programmeId}/projects/P-1/evaluation`;
const EVALUATION_PROTOCOL = {
  eligibility: { criteria: 'Any job seeker', requiredFlags: [] },
  arms: [
    { name: 'treatment', ratio: 1, receivesAction: true },
    { name: 'control', ratio: 1, receivesAction: false },
  ],
  strata: [],
  seedCommitment: 'a'.repeat(64),
  lots: [],
};
const EVERYONE: readonly Role[] = ['buyer', 'provider', 'pole_emploi', 'auditor', 'admin'];
const READERS: readonly Role[] = ['buyer', 'auditor', 'pole_emploi', 'admin'];
const READERS_AND_PROVIDERS: readonly Role[] = [...READERS, 'provider'];
const COORDINATION_READERS: readonly Role[] = ['buyer', 'pole_emploi', 'auditor'];

const framework = {
  title: 'Parcours 2026-2029',
  mode: 'FRAMEWORK_AGREEMENT',
  awardProcedure: { procedure: 'OPEN_TENDER' },
  cpvCode: '80530000-8',
  startDate: '2026-01-01',
  endDate: '2029-12-31',
  initialValueCents: 100_000_000,
  maximumValueCents: 200_000_000,
};
const lot = (lotId: string, type: string, unitPriceCents: number) => ({
  lotId,
  title: `Lot ${lotId}`,
  scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
  workUnits: [{ type, unitPriceCents, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
  maximumValueCents: 80_000_000,
});
const order = (lotId: string, unitType: string) => ({
  lotId,
  lines: [{ unitType, quantity: 10 }],
  sessions: [],
  periodStart: '2026-04-01',
  periodEnd: '2026-12-31',
});
const priceRise = {
  description: 'Revalorisation du parcours',
  change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
};
const declaration = {
  domainCode: '31054',
  territoryCodes: ['69'],
  periodStart: '2026-06-01',
  periodEnd: '2026-09-30',
  plannedSessions: 2,
  volume: { unitType: 'PATHWAY', quantity: 24 },
};
const contract = (f: Fixture) => `/contracts/${f.contractId}`;
const amendment = (f: Fixture) => `${contract(f)}/amendments/${f.amendmentA}`;
const orderA = (f: Fixture) => `${contract(f)}/orders/${f.orderA}`;
const statementA = (f: Fixture) => `${orderA(f)}/service-statements/${f.statementA}`;
const paymentRequestA = (f: Fixture) => `${contract(f)}/payment-requests/${f.paymentRequestA}`;

/** Keyed by `METHOD path` as the router knows it. Roles come from @Roles in the controllers. */
const ROUTES: Record<string, Row> = {
  'GET /health': { roles: 'public', url: () => '/health' },

  'POST /contracts': { roles: ['buyer'], url: () => '/contracts', body: () => framework, otherTenant: 'unscoped' },
  'GET /contracts': { roles: EVERYONE, url: () => '/contracts', otherTenant: 'hidden', otherProvider: 'hidden' },
  'GET /contracts/:contractId': { roles: EVERYONE, url: contract, otherTenant: 404, otherProvider: 'hidden' },
  'GET /contracts/:contractId/lots/:lotId': { roles: EVERYONE, url: (f) => `${contract(f)}/lots/LOT-1`, otherTenant: 404, otherProvider: 404 },
  'POST /contracts/:contractId/lots': { roles: ['buyer'], url: (f) => `${contract(f)}/lots`, body: () => lot('LOT-9', 'PATHWAY', 1000), otherTenant: 404 },
  'POST /contracts/:contractId/clauses': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/clauses`,
    body: () => ({ clauseId: 'CAL-9', terms: { type: 'CALENDAR', maxShiftDays: 30 } }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/publish': { roles: ['buyer'], url: (f) => `${contract(f)}/publish`, otherTenant: 404 },
  'POST /contracts/:contractId/lots/:lotId/award': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/lots/LOT-1/award`,
    body: () => ({ providerIds: ['of-c'], bidsReceived: 3 }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/activate': { roles: ['buyer'], url: (f) => `${contract(f)}/activate`, otherTenant: 404 },
  'POST /contracts/:contractId/close': { roles: ['buyer'], url: (f) => `${contract(f)}/close`, otherTenant: 404 },
  'POST /contracts/:contractId/terminate': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/terminate`,
    body: () => ({ reason: 'Faute grave du titulaire' }),
    otherTenant: 404,
  },

  'POST /contracts/:contractId/orders': { roles: ['buyer'], url: (f) => `${contract(f)}/orders`, body: () => order('LOT-1', 'PATHWAY'), otherTenant: 404 },
  'GET /contracts/:contractId/orders/:orderId': { roles: EVERYONE, url: orderA, otherTenant: 404, otherProvider: 404 },
  'POST /contracts/:contractId/orders/:orderId/adjustments': {
    roles: ['buyer'],
    url: (f) => `${orderA(f)}/adjustments`,
    body: () => ({ clauseId: 'VOL-1', reason: 'Liste d’attente', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 1 } }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/close': { roles: ['buyer'], url: (f) => `${orderA(f)}/close`, otherTenant: 404 },

  'POST /contracts/:contractId/amendments': { roles: ['buyer'], url: (f) => `${contract(f)}/amendments`, body: () => priceRise, otherTenant: 404 },
  'POST /contracts/:contractId/amendment-requests': {
    roles: ['provider'],
    url: (f) => `${contract(f)}/amendment-requests`,
    body: () => ({ lotId: 'LOT-1', description: 'Hausse du coût des locaux', change: priceRise.change }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'GET /contracts/:contractId/amendments/:amendmentId': { roles: EVERYONE, url: amendment, otherTenant: 404, otherProvider: 404 },
  'POST /contracts/:contractId/amendments/:amendmentId/tender-committee-opinion': {
    roles: ['buyer'],
    url: (f) => `${amendment(f)}/tender-committee-opinion`,
    body: () => ({ opinionDate: '2026-03-01', favourable: true }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/amendments/:amendmentId/sign': { roles: ['buyer'], url: (f) => `${amendment(f)}/sign`, otherTenant: 404 },
  'POST /contracts/:contractId/amendments/:amendmentId/notify': { roles: ['buyer'], url: (f) => `${amendment(f)}/notify`, otherTenant: 404 },
  'POST /contracts/:contractId/amendments/:amendmentId/deemed-acceptance': {
    roles: ['buyer'],
    url: (f) => `${amendment(f)}/deemed-acceptance`,
    otherTenant: 404,
  },
  'POST /contracts/:contractId/amendments/:amendmentId/no-answer': { roles: ['buyer'], url: (f) => `${amendment(f)}/no-answer`, otherTenant: 404 },
  'POST /contracts/:contractId/unilateral-modifications': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/unilateral-modifications`,
    body: () => ({ description: 'Site accessible', change: { kind: 'SCOPE', lotId: 'LOT-1', territoryCodes: ['69', '01'] }, ground: 'Accessibilité des sessions' }),
    otherTenant: 404,
  },
  // Of-a's amendment in the URL: of-b, who has no part in it, gets 404; of-a gets the rule that the claim is not open.
  'POST /contracts/:contractId/unilateral-modifications/:amendmentId/compensation-claims': {
    roles: ['provider'],
    url: (f) => `${contract(f)}/unilateral-modifications/${f.amendmentA}/compensation-claims`,
    body: () => ({ amountCents: 100_000, reasons: 'Surcoût du site' }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/compensation-claims/:claimId/accept': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/compensation-claims/claim-unknown/accept`,
    body: () => ({ acceptedAmountCents: 100_000 }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/compensation-claims/:claimId/refuse': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/compensation-claims/claim-unknown/refuse`,
    body: () => ({ reason: 'Déjà couvert par le prix' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/amendments/:amendmentId/acknowledge': {
    roles: ['provider'],
    url: (f) => `${amendment(f)}/acknowledge`,
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/amendments/:amendmentId/accept': { roles: ['provider'], url: (f) => `${amendment(f)}/accept`, otherTenant: 404, otherProvider: 404 },
  'POST /contracts/:contractId/amendments/:amendmentId/withdraw': {
    roles: ['buyer'],
    url: (f) => `${amendment(f)}/withdraw`,
    body: () => ({ reason: 'Remplacé par un autre avenant' }),
    otherTenant: 404,
  },
  'POST /price-indices': { roles: ['buyer', 'admin'], url: () => '/price-indices', otherTenant: 'unscoped' },
  'POST /providers': { roles: ['buyer', 'admin'], url: () => '/providers', body: () => REGISTER_OF_A, otherTenant: 'unscoped' },
  'POST /providers/:providerId/qualiopi-certificates': {
    roles: ['buyer', 'admin'],
    url: () => '/providers/of-a/qualiopi-certificates',
    body: () => ({ certificate: { certifier: 'AFNOR Certification', number: 'QUALIOPI-1', categories: ['ACTIONS_DE_FORMATION'], validFrom: '2025-01-01', validUntil: '2027-12-31' } }),
    otherTenant: 'unscoped',
  },
  'PUT /providers/:providerId/contacts': {
    roles: ['provider', 'buyer', 'admin'],
    url: () => '/providers/of-a/contacts',
    body: () => ({ notices: { name: 'Camille Martin', email: 'camille.martin@fnl.example' } }),
    otherTenant: 'unscoped',
    otherProvider: 404,
  },
  'GET /providers/:providerId': { roles: READERS_AND_PROVIDERS, url: () => '/providers/of-a', otherTenant: 404, otherProvider: 404 },
  // Programmes are streams of their tenant: another tenant's buyer writes to its own (answered 422, not defined there).
  'POST /programmes': { roles: ['buyer'], url: () => '/programmes', body: () => PROGRAMME, otherTenant: 'unscoped' },
  'POST /programmes/:programmeId/projects': { roles: ['buyer'], url: () => `/programmes/${PROGRAMME.programmeId}/projects`, body: () => ({ projectId: 'P-2', title: 'Projet' }), otherTenant: 'unscoped' },
  'POST /programmes/:programmeId/funding-lines': {
    roles: ['buyer'],
    url: () => `/programmes/${PROGRAMME.programmeId}/funding-lines`,
    body: () => ({ fundingLineId: 'L-2', funder: 'ESF', label: 'FSE+', amountCents: 1_000_000, startDate: '2026-01-01', endDate: '2026-12-31' }),
    otherTenant: 'unscoped',
  },
  'POST /programmes/:programmeId/objectives': {
    roles: ['buyer'],
    url: () => `/programmes/${PROGRAMME.programmeId}/objectives`,
    body: () => ({ objectiveId: 'O-1', projectId: 'P-1', indicator: 'ENTRIES', targetValue: 10, targetDate: '2026-12-31' }),
    otherTenant: 'unscoped',
  },
  'POST /programmes/:programmeId/targets': {
    roles: ['buyer'],
    url: () => `/programmes/${PROGRAMME.programmeId}/targets`,
    body: () => ({ targetPublic: 'INFRA_BAC', percent: 40, validFrom: '2026-01-01' }),
    otherTenant: 'unscoped',
  },
  'POST /programmes/:programmeId/lots': {
    roles: ['buyer'],
    url: () => `/programmes/${PROGRAMME.programmeId}/lots`,
    body: (f) => ({ projectId: 'P-1', contractId: f.contractId, lotId: 'LOT-2', fundingLineId: 'L-1' }),
    otherTenant: 404,
  },
  'GET /programmes/:programmeId': { roles: READERS, url: () => `/programmes/${PROGRAMME.programmeId}`, otherTenant: 404 },
  'GET /programmes/:programmeId/progress': { roles: READERS, url: () => `/programmes/${PROGRAMME.programmeId}/progress`, otherTenant: 404 },
  'GET /programmes/:programmeId/targeting': { roles: READERS, url: () => `/programmes/${PROGRAMME.programmeId}/targeting`, otherTenant: 404 },
  'GET /programmes/:programmeId/targeting/months': { roles: READERS, url: () => `/programmes/${PROGRAMME.programmeId}/targeting/months`, otherTenant: 404 },
  'GET /programmes/:programmeId/evaluations': { roles: READERS, url: () => `/programmes/${PROGRAMME.programmeId}/evaluations`, otherTenant: 404 },
  // The fixture's project P-1 is experimental (declared, not drawn): another tenant has no such project (404) or
  // writes to its own evaluation stream, where nothing is declared (answered 422).
  'POST /programmes/:programmeId/projects/:projectId/evaluation': { roles: ['buyer'], url: () => EVALUATION, body: () => EVALUATION_PROTOCOL, otherTenant: 404 },
  'POST /programmes/:programmeId/projects/:projectId/evaluation/candidates': {
    roles: ['buyer', 'pole_emploi'],
    url: () => `${EVALUATION}/candidates`,
    body: () => ({ candidates: [{ candidateId: 'tr-bcdfghjkmnpqrstvwxzbcdfgh', strata: [], flags: [] }] }),
    otherTenant: 'unscoped',
  },
  'POST /programmes/:programmeId/projects/:projectId/evaluation/registration-closure': { roles: ['buyer'], url: () => `${EVALUATION}/registration-closure`, otherTenant: 'unscoped' },
  'POST /programmes/:programmeId/projects/:projectId/evaluation/draw': { roles: ['buyer'], url: () => `${EVALUATION}/draw`, body: () => ({ seed: 'not the seed committed' }), otherTenant: 'unscoped' },
  'GET /programmes/:programmeId/projects/:projectId/evaluation': { roles: READERS, url: () => EVALUATION, otherTenant: 404 },
  'GET /programmes/:programmeId/projects/:projectId/evaluation/arms': { roles: READERS, url: () => `${EVALUATION}/arms`, otherTenant: 404 },
  'GET /programmes/:programmeId/projects/:projectId/evaluation/cohort': { roles: READERS, url: () => `${EVALUATION}/cohort`, otherTenant: 404 },
  'GET /price-indices/:seriesId': { roles: ['buyer', 'provider', 'auditor', 'admin'], url: () => '/price-indices/010567012', otherTenant: 'hidden', otherProvider: 'hidden' },
  'POST /contracts/:contractId/price-revisions': {
    roles: ['buyer'],
    url: (f) => `/contracts/${f.contractId}/price-revisions`,
    body: () => ({ clauseId: 'REV-1', revisionDate: '2027-01-01' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/amendments/:amendmentId/dispute': {
    roles: ['provider'],
    url: (f) => `${amendment(f)}/dispute`,
    body: () => ({ reason: 'Le prix ne couvre pas le coût' }),
    otherTenant: 404,
    otherProvider: 404,
  },

  'PUT /contracts/:contractId/adjustment-policy': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/adjustment-policy`,
    body: () => ({ waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 40 }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/proposals/:proposalId/approve': { roles: ['buyer'], url: (f) => `${contract(f)}/proposals/P-1/approve`, otherTenant: 404 },
  'POST /contracts/:contractId/proposals/:proposalId/reject': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/proposals/P-1/reject`,
    body: () => ({ reason: 'Pas de liste d’attente' }),
    otherTenant: 404,
  },

  'POST /contracts/:contractId/orders/:orderId/co-financing': {
    roles: ['pole_emploi'],
    url: (f) => `${orderA(f)}/co-financing`,
    body: () => ({ share: { kind: 'PERCENT', percent: 40 }, reason: 'Complément AFC' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/co-financing/termination': {
    roles: ['pole_emploi'],
    url: (f) => `${orderA(f)}/co-financing/termination`,
    body: () => ({ agreementId: 'A-1', reason: 'Financement individuel' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/co-financing/acceptance': {
    roles: ['buyer'],
    url: (f) => `${orderA(f)}/co-financing/acceptance`,
    body: () => ({ offerId: 'O-1' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/co-financing/decline': {
    roles: ['buyer'],
    url: (f) => `${orderA(f)}/co-financing/decline`,
    body: () => ({ offerId: 'O-1', reason: 'Déjà financé' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/co-financing/reduction-consent': {
    roles: ['pole_emploi'],
    url: (f) => `${orderA(f)}/co-financing/reduction-consent`,
    body: () => ({ floorValueCents: 0, reason: 'Saison creuse' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/sessions/:sessionId/date-shift-requests': {
    roles: ['pole_emploi'],
    url: (f) => `${orderA(f)}/sessions/S-1/date-shift-requests`,
    body: () => ({ startDate: '2026-05-04', endDate: '2026-06-30', reason: 'Saison de recrutement' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/date-shift-requests/:requestId/acceptance': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/date-shift-requests/R-1/acceptance`,
    body: () => ({ clauseId: 'CAL-1' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/date-shift-requests/:requestId/decline': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/date-shift-requests/R-1/decline`,
    body: () => ({ reason: 'Formateurs indisponibles' }),
    otherTenant: 404,
  },
  'GET /coordination/sessions': { roles: READERS, url: () => '/coordination/sessions', otherTenant: 'hidden' },
  'GET /coordination/sessions.ics': { roles: READERS, url: () => '/coordination/sessions.ics?territory=69', otherTenant: 'hidden' },
  'GET /coordination/date-shift-requests': { roles: READERS, url: () => '/coordination/date-shift-requests', otherTenant: 'hidden' },

  'GET /inbox/amendments': { roles: ['provider'], url: () => '/inbox/amendments', otherTenant: 'hidden', otherProvider: 'hidden' },
  'GET /inbox/payment-deadlines': { roles: ['buyer', 'auditor', 'provider'], url: () => '/inbox/payment-deadlines', otherTenant: 'hidden', otherProvider: 'hidden' },

  'POST /contracts/:contractId/orders/:orderId/deliveries': {
    roles: ['provider'],
    url: (f) => `${orderA(f)}/deliveries`,
    body: () => ({ kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/sessions/:sessionId/attendance': {
    roles: ['provider'],
    url: (f) => `${orderA(f)}/sessions/S-1/attendance`,
    body: () => ({ lines: [{ traineeId: pseudonym('matrix-attendance'), date: '2026-04-06', halfDay: 'AM', status: 'PRESENT' }] }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'GET /contracts/:contractId/orders/:orderId/deliveries': { roles: EVERYONE, url: (f) => `${orderA(f)}/deliveries`, otherTenant: 404, otherProvider: 404 },
  'POST /contracts/:contractId/orders/:orderId/service-statements': {
    roles: ['buyer'],
    url: (f) => `${orderA(f)}/service-statements`,
    body: () => ({ periodStart: '2026-04-01', periodEnd: '2026-04-30' }),
    otherTenant: 404,
  },

  'POST /contracts/:contractId/orders/:orderId/service-statements/:statementId/payment-requests': {
    roles: ['provider'],
    url: (f) => `${statementA(f)}/payment-requests`,
    body: () => ({ invoiceReference: 'F-A-2', amountCents: 1_000 }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/service-statements/:statementId/disputes': {
    roles: ['provider'],
    url: (f) => `${statementA(f)}/disputes`,
    body: () => ({ reasons: 'Again', claimedTotalCents: 1 }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/orders/:orderId/advance': {
    roles: ['buyer'],
    url: (f) => `${orderA(f)}/advance`,
    body: () => ({ buyerCategory: 'LOCAL_AUTHORITY_OVER_60M', providerIsSme: true, ratePercent: 10, vatRatePercent: 0 }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/retention': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/retention`,
    body: () => ({ retentionPercent: 5, releaseOn: '2027-12-31' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/retention/release': { roles: ['buyer'], url: (f) => `${contract(f)}/retention/release`, otherTenant: 404 },
  'POST /contracts/:contractId/payment-requests/:requestId/interruption': {
    roles: ['buyer'],
    url: (f) => `${paymentRequestA(f)}/interruption`,
    body: () => ({ reason: 'Invoice without the order number', missingDocuments: ['invoice with the order number'] }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/payment-requests/:requestId/missing-documents': {
    roles: ['provider'],
    url: (f) => `${paymentRequestA(f)}/missing-documents`,
    body: () => ({ documents: ['invoice with the order number'] }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/payment-requests/:requestId/payments': {
    roles: ['buyer'],
    url: (f) => `${paymentRequestA(f)}/payments`,
    body: () => ({ amountCents: 1, paidOn: '2026-03-02' }),
    otherTenant: 404,
  },
  'POST /contracts/:contractId/statement-disputes/:disputeId/answer': {
    roles: ['buyer'],
    url: (f) => `${contract(f)}/statement-disputes/${f.disputeA}/answer`,
    body: () => ({ outcome: 'REJECTED', answer: 'Already answered' }),
    otherTenant: 404,
  },
  'GET /contracts/:contractId/payments': {
    roles: ['buyer', 'auditor', 'admin', 'provider'],
    url: (f) => `${contract(f)}/payments`,
    otherTenant: 404,
    otherProvider: 'hidden',
  },

  'POST /contracts/:contractId/orders/:orderId/outcomes': {
    roles: ['buyer', 'pole_emploi', 'provider'],
    url: (f) => `${orderA(f)}/outcomes`,
    body: () => ({ traineeId: pseudonym('matrix-outcome'), horizonMonths: 6, situation: 'JOB_SEEKER', source: 'PROVIDER_REPORT', observedOn: '2026-03-01' }),
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /contracts/:contractId/outcome-imports': {
    roles: ['pole_emploi', 'buyer'],
    url: (f) => `${contract(f)}/outcome-imports`,
    body: (f) => ({ lines: [{ orderId: f.orderA, traineeId: pseudonym('matrix-outcome'), horizonMonths: 6, situation: 'JOB_SEEKER', observedOn: '2026-03-01' }] }),
    otherTenant: 404,
  },
  'POST /trainee-ids': { roles: ['provider', 'pole_emploi'], url: () => '/trainee-ids', body: () => ({}), otherTenant: 'unscoped', otherProvider: 'unscoped' },
  'POST /contracts/:contractId/orders/:orderId/sessions/:sessionId/referrals': {
    roles: ['pole_emploi'],
    url: (f) => `${orderA(f)}/sessions/S-1/referrals`,
    body: () => ({
      traineeId: pseudonym('job-seeker-0001'),
      publics: { qpvResident: true, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false },
    }),
    otherTenant: 404,
  },
  'GET /contracts/:contractId/orders/:orderId/referrals': {
    roles: ['buyer', 'pole_emploi', 'auditor', 'provider'],
    url: (f) => `${orderA(f)}/referrals`,
    otherTenant: 404,
    otherProvider: 404,
  },

  'GET /notifications': { roles: ['provider', 'admin', 'auditor'], url: () => '/notifications', otherTenant: 'hidden', otherProvider: 'hidden' },
  'POST /notifications/:notificationId/acknowledge': {
    roles: ['provider'],
    url: (f) => `/notifications/${f.notificationA}/acknowledge`,
    otherTenant: 404,
    otherProvider: 404,
  },
  'POST /notifications/:notificationId/retry': { roles: ['admin'], url: (f) => `/notifications/${f.notificationA}/retry`, otherTenant: 404 },
  // The caller's own webhook: of-a's registration in ARA is not of-a's in IDF, and of-b does not see it.
  'PUT /providers/me/webhook': {
    roles: ['provider'],
    url: () => '/providers/me/webhook',
    otherTenant: 'unscoped',
    otherProvider: 'unscoped',
  },
  'GET /providers/me/webhook': { roles: ['provider'], url: () => '/providers/me/webhook', otherTenant: 404, otherProvider: 404 },

  'GET /audit/contracts/:contractId/decisions': { roles: ['auditor', 'admin', 'buyer'], url: (f) => `/audit${contract(f)}/decisions`, otherTenant: 404 },
  'GET /audit/contracts/:contractId/lots/:lotId/series': {
    roles: ['auditor', 'admin', 'buyer'],
    url: (f) => `/audit${contract(f)}/lots/LOT-1/series`,
    otherTenant: 404,
  },
  'GET /audit': { roles: 'public', url: () => '/audit' },
  'GET /audit/audit-page.js': { roles: 'public', url: () => '/audit/audit-page.js' },
  'GET /audit/audit-page.css': { roles: 'public', url: () => '/audit/audit-page.css' },
  'GET /audit/steering': { roles: 'public', url: () => '/audit/steering' },
  'GET /audit/steering-page.js': { roles: 'public', url: () => '/audit/steering-page.js' },
  'GET /audit/decisions': { roles: ['auditor', 'admin', 'buyer'], url: () => '/audit/decisions', otherTenant: 'hidden' },
  'GET /audit/export/history.jsonl': { roles: ['auditor', 'admin'], url: () => '/audit/export/history.jsonl', otherTenant: 'hidden' },
  'POST /audit/verify': { roles: ['auditor', 'admin'], url: () => '/audit/verify', otherTenant: 'unscoped' },
  'GET /audit/contracts/:contractId/ocds': { roles: ['auditor', 'admin', 'buyer'], url: (f) => `/audit${contract(f)}/ocds`, otherTenant: 404 },
  'GET /audit/contracts/:contractId/decp': { roles: ['auditor', 'admin', 'buyer'], url: (f) => `/audit${contract(f)}/decp`, otherTenant: 404 },
  'GET /audit/export/ocds': { roles: ['auditor', 'admin', 'buyer'], url: () => '/audit/export/ocds', otherTenant: 'hidden' },
  'GET /audit/export/decp': { roles: ['auditor', 'admin', 'buyer'], url: () => '/audit/export/decp', otherTenant: 'hidden' },
  // An offer with no formation is answered 204 (LHEO has no empty document): nothing to see, so only admission is checked.
  'GET /exports/lheo.xml': { roles: ['auditor', 'admin', 'buyer'], url: () => '/exports/lheo.xml', otherTenant: 'unscoped' },
  'GET /streams/:streamId/events': { roles: ['auditor', 'admin'], url: (f) => `/streams/contract-${f.contractId}/events`, otherTenant: 404 },
  'GET /integrity': { roles: ['admin'], url: () => '/integrity', otherTenant: 'unscoped' },
  'GET /integrity/public-key': { roles: 'public', url: () => '/integrity/public-key' },
  'GET /integrity/checkpoints': { roles: ['auditor', 'admin'], url: () => '/integrity/checkpoints', otherTenant: 'unscoped' },
  // The fixture reports no personal data: another tenant's administrator, like this one, finds no such person.
  'DELETE /personal-data/:personId': { roles: ['admin'], url: () => '/personal-data/trainee-00000001', otherTenant: 404 },

  'GET /read-models/lot-consumption': { roles: READERS, url: (f) => `/read-models/lot-consumption?contractId=${f.contractId}`, otherTenant: 'hidden' },
  'GET /read-models/payments': {
    roles: ['buyer', 'auditor', 'admin', 'provider'],
    url: (f) => `/read-models/payments?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/budgets': { roles: READERS, url: (f) => `/read-models/budgets?contractId=${f.contractId}`, otherTenant: 'hidden' },
  'GET /read-models/session-fill': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/session-fill?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/lot-delivery': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/lot-delivery?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/priority-publics': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/priority-publics?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/outcomes': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/outcomes?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/provider-outcomes': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/provider-outcomes?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'GET /read-models/targeting': { roles: READERS, url: (f) => `/read-models/targeting?contractId=${f.contractId}`, otherTenant: 'hidden' },
  'GET /read-models/quality': {
    roles: READERS_AND_PROVIDERS,
    url: (f) => `/read-models/quality?contractId=${f.contractId}`,
    otherTenant: 'hidden',
    otherProvider: 'hidden',
  },
  'POST /coordination/purchase-declarations': {
    roles: ['pole_emploi'],
    url: () => '/coordination/purchase-declarations',
    body: () => declaration,
    otherTenant: 'unscoped',
  },
  'GET /coordination/purchase-declarations': { roles: COORDINATION_READERS, url: () => '/coordination/purchase-declarations', otherTenant: 'hidden' },
  'GET /coordination/purchase-declarations/:declarationId': {
    roles: COORDINATION_READERS,
    url: (f) => `/coordination/purchase-declarations/${f.declarationId}`,
    otherTenant: 404,
  },
  'POST /coordination/purchase-declarations/:declarationId/withdrawal': {
    roles: ['pole_emploi'],
    url: (f) => `/coordination/purchase-declarations/${f.declarationId}/withdrawal`,
    body: () => ({ reason: 'Achat reporté' }),
    otherTenant: 404,
  },
  'GET /coordination/overlaps': { roles: COORDINATION_READERS, url: () => '/coordination/overlaps?status=unresolved', otherTenant: 'hidden' },
  'POST /coordination/overlaps/:overlapId/resolution': {
    roles: ['buyer', 'pole_emploi'],
    url: (f) => `/coordination/overlaps/${f.overlapId}/resolution`,
    body: () => ({ decision: 'COMPLEMENTARY', reason: 'Publics différents' }),
    otherTenant: 404,
  },
  'POST /coordination/labour-market-signals': { roles: ['pole_emploi', 'admin'], url: () => '/coordination/labour-market-signals', otherTenant: 'unscoped' },
  'GET /coordination/labour-market-signals': { roles: READERS, url: () => '/coordination/labour-market-signals', otherTenant: 'hidden' },
  'GET /read-models/provider-inbox': { roles: ['provider'], url: () => '/read-models/provider-inbox', otherTenant: 'hidden', otherProvider: 'hidden' },
};

/**
 * Not endpoints: Swagger UI and its description (public, outside Nest's guards), and the catch-all path on
 * which Nest mounts the middleware of every route (JSON body parsing).
 */
const NOT_ENDPOINTS = [/^GET \/docs/, /^[A-Z-]+ \/\{\*path\}$/];

/** The status when it is an authentication or authorization refusal, else null. */
const refusal = (status: number): number | null => (status === 401 || status === 403 ? status : null);

/** Every `METHOD path` the Express router of the app answers. */
function servedRoutes(app: INestApplication): string[] {
  interface Layer {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  }
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack.flatMap(({ route }) =>
    route
      ? (Array.isArray(route.path) ? route.path : [route.path]).flatMap((path) =>
          Object.keys(route.methods)
            .filter((method) => route.methods[method] && method !== '_all')
            .map((method) => `${method.toUpperCase()} ${path}`),
        )
      : [],
  );
}

describe('authorization matrix (end to end)', () => {
  let app: INestApplication;
  let store: EventStore;
  let dataDir: string;
  let keyDir: string;
  const fixture = {} as Fixture;
  const tokens: Record<string, string> = {};
  const principals: Record<string, Principal> = {
    buyer: { sub: 'buyer-ara', role: 'buyer', tenant: 'ARA' },
    provider: { sub: 'of-a-user', role: 'provider', tenant: 'ARA', providerId: 'of-a' },
    pole_emploi: { sub: 'pe-ara', role: 'pole_emploi', tenant: 'ARA' },
    auditor: { sub: 'auditor-ara', role: 'auditor', tenant: 'ARA' },
    admin: { sub: 'admin-ara', role: 'admin', tenant: 'ARA' },
    otherProvider: { sub: 'of-b-user', role: 'provider', tenant: 'ARA', providerId: 'of-b' },
    ...Object.fromEntries(
      EVERYONE.map((role) => [`${role}@IDF`, { sub: `${role}-idf`, role, tenant: 'IDF', ...(role === 'provider' ? { providerId: 'of-a' } : {}) }]),
    ),
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'authorization-e2e-'));
    process.env.DATA_DIR = dataDir;
    process.env.LOG_LEVEL = 'silent';
    process.env.THROTTLE_REDIS_PREFIX = runPrefix('authorization-e2e');
    // Both tenants can export DECP records, so another tenant's answer is a real (empty) export.
    process.env.DECP_BUYER_SIRETS = 'ARA=23690001100012,IDF=23750007900312';
    // The fixture's webhook is on this machine, which registration refuses unless allowed.
    process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
    // A signing key outside DATA_DIR, so that the public key is there for anyone to read.
    keyDir = mkdtempSync(join(tmpdir(), 'authorization-key-'));
    process.env.AUDIT_SIGNING_KEY_FILE = join(keyDir, 'checkpoint-signing.key');
    app = await createApi({ clock: new FixedClock(new Date('2026-03-02T09:00:00.000Z')) });
    await app.listen(0);
    store = app.get(EVENT_STORE);
    Object.assign(tokens, await tokensFor(principals));
    // Expired a minute ago (jose checks expiry against the real time, not the fixed clock).
    tokens.expired = await signDevelopmentToken(principals.buyer, DEVELOPMENT_JWT_SECRET, Math.floor(Date.now() / 1000) - 60);
    await scriptFixture();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** A contract with LOT-1 awarded to of-a and LOT-2 to of-b, an order on each, an amendment notified to of-a. */
  async function scriptFixture(): Promise<void> {
    const as = callerOf(app, tokens);
    await as('provider').put('/providers/me/webhook', { url: 'http://127.0.0.1:9/hooks/of-a' }).expect(200);
    await as('buyer').post('/providers', REGISTER_OF_A).expect(201);
    await as('buyer').post('/programmes', PROGRAMME).expect(201);
    await as('buyer').post(`/programmes/${PROGRAMME.programmeId}/projects`, { projectId: 'P-1', title: 'Projet 1' }).expect(201);
    await as('buyer').post(EVALUATION, EVALUATION_PROTOCOL).expect(201);
    await as('buyer')
      .post(`/programmes/${PROGRAMME.programmeId}/funding-lines`, { fundingLineId: 'L-1', funder: 'REGION', label: 'Région', amountCents: 5_000_000, startDate: '2026-01-01', endDate: '2026-12-31' })
      .expect(201);
    const id = (await as('buyer').post('/contracts', framework).expect(201)).body.contractId as string;
    await as('buyer').post(`/contracts/${id}/lots`, lot('LOT-1', 'PATHWAY', 300_000)).expect(201);
    await as('buyer').post(`/contracts/${id}/lots`, lot('LOT-2', 'OPEN_DAY', 80_000)).expect(201);
    await as('buyer')
      .post(`/contracts/${id}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } })
      .expect(201);
    await as('buyer').post(`/contracts/${id}/publish`).expect(200);
    await certifiedProviders(as, ['of-a', 'of-b']);
    await as('buyer').post(`/contracts/${id}/lots/LOT-1/award`, { providerIds: ['of-a'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${id}/lots/LOT-2/award`, { providerIds: ['of-b'], bidsReceived: 3 }).expect(200);
    await as('buyer').post(`/contracts/${id}/activate`).expect(200);
    fixture.contractId = id;
    fixture.orderA = (await as('buyer').post(`/contracts/${id}/orders`, order('LOT-1', 'PATHWAY')).expect(201)).body.orderId;
    // A session on order B, so that the shared calendar has something another tenant must not see.
    const sessionB = { sessionId: 'S-B', startDate: '2026-05-04', endDate: '2026-06-30', place: 'Grenoble', capacity: 10, modality: 'IN_PERSON' };
    fixture.orderB = (await as('buyer').post(`/contracts/${id}/orders`, { ...order('LOT-2', 'OPEN_DAY'), sessions: [sessionB] }).expect(201)).body.orderId;
    fixture.amendmentA = (await as('buyer').post(`/contracts/${id}/amendments`, priceRise).expect(201)).body.amendmentId;
    await as('buyer').post(`/contracts/${id}/amendments/${fixture.amendmentA}/sign`).expect(200);
    await as('buyer').post(`/contracts/${id}/amendments/${fixture.amendmentA}/notify`).expect(200);
    const statement = await as('buyer').post(`${orderA(fixture)}/service-statements`, { periodStart: '2026-02-01', periodEnd: '2026-02-28' }).expect(201);
    fixture.statementA = statement.body.statementId;
    const dispute = await as('provider').post(`${statementA(fixture)}/disputes`, { reasons: 'Pathways begun in February', claimedTotalCents: 300_000 }).expect(201);
    fixture.disputeA = dispute.body.disputeId;
    await as('buyer').post(`${contract(fixture)}/statement-disputes/${fixture.disputeA}/answer`, { outcome: 'ACCEPTED', answer: 'Agreed' }).expect(201);
    const requested = await as('provider').post(`${statementA(fixture)}/payment-requests`, { invoiceReference: 'F-A-1', amountCents: 100_000 }).expect(201);
    fixture.paymentRequestA = requested.body.requestId;
    // Read models (notifications among them) caught up with every fixture event, so "hidden" means something.
    const head = await store.headPosition();
    fixture.notificationA = await eventually('the notification of the amendment to of-a', async () => {
      const { body } = await as('provider').get(`/notifications?contractId=${id}`).expect(200);
      const rows = body.rows as Array<{ notification_id: string; event_type: string }>;
      return body.position >= head ? rows.find((row) => row.event_type === 'AmendmentNotified')?.notification_id : undefined;
    });
    // The read models hold orderA by now: the declaration overlaps it at once.
    const declared = await as('pole_emploi').post('/coordination/purchase-declarations', declaration).expect(201);
    fixture.declarationId = declared.body.declarationId;
    [fixture.overlapId] = declared.body.overlapIds;
    await request(app.getHttpServer())
      .post('/coordination/labour-market-signals')
      .auth(tokens.pole_emploi, { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send('occupation_code,territory_code,period,unfilled_offers,tension_index\nM1805,69,2026-02,60,2.4\n')
      .expect(201);
    await eventually('the overlap and the tension figures in the read models', async () => {
      const overlaps = await as('buyer').get('/coordination/overlaps').expect(200);
      const tension = await as('buyer').get('/coordination/labour-market-signals').expect(200);
      return overlaps.body.rows.length > 0 && tension.body.rows.length > 0 ? true : undefined;
    });
  }

  /** Sends the row's request as `who` (a token name, or null for none); checks that a 4xx wrote nothing. */
  async function send(row: Row, method: string, who: string | null, options: { body?: object; ifMatch?: string } = {}) {
    const before = await store.headPosition();
    let call = request(app.getHttpServer())[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](row.url(fixture));
    if (who !== null) call = call.auth(tokens[who], { type: 'bearer' });
    if (options.ifMatch) call = call.set('If-Match', options.ifMatch);
    const response = method === 'GET' ? await call : await call.send(options.body ?? {});
    if (response.status >= 400 && response.status < 500) {
      expect({ who, status: response.status, eventsWritten: (await store.headPosition()) - before }).toEqual({ who, status: response.status, eventsWritten: 0 });
    }
    return response;
  }

  /** The caller's answer must be `scope`: missing, answered without the hidden data, or at least admitted. */
  async function expectScope(row: Row, method: string, who: string, scope: Scope, hidden: string[]): Promise<void> {
    // Not-about-the-fixture rows are sent like the admitted caller's request; the others with a valid body.
    const response =
      scope === 'unscoped' ? await send(row, method, who, { ifMatch: STALE }) : await send(row, method, who, { body: row.body?.(fixture) });
    if (scope === 404) {
      expect({ who, status: response.status }).toEqual({ who, status: 404 });
    } else if (scope === 'hidden') {
      expect({ who, status: response.status }).toEqual({ who, status: 200 });
      const text = JSON.stringify(response.body);
      for (const marker of hidden) expect({ who, leaks: text.includes(marker) ? marker : null }).toEqual({ who, leaks: null });
    } else {
      expect({ who, refused: refusal(response.status) }).toEqual({ who, refused: null });
    }
  }

  /** Admitted writes carry a stale If-Match: they reach the command path (409) without moving the fixture. */
  const STALE = '"999999"';

  it('has a row for every route the api serves, and no row for a route it does not', () => {
    const served = [...new Set(servedRoutes(app))].filter((route) => !NOT_ENDPOINTS.some((pattern) => pattern.test(route)));
    const missing = served.filter((route) => !(route in ROUTES));
    const stale = Object.keys(ROUTES).filter((route) => !served.includes(route));
    expect({ routesWithoutRow: missing, rowsWithoutRoute: stale }).toEqual({ routesWithoutRow: [], rowsWithoutRoute: [] });
  });

  describe.each(Object.entries(ROUTES))('%s', (route, row) => {
    const method = route.split(' ')[0];

    if (row.roles === 'public') {
      it('answers without a token, and whatever token comes', async () => {
        for (const who of [null, 'expired', ...EVERYONE, 'buyer@IDF']) {
          const response = await send(row, method, who);
          expect({ who, status: response.status }).toEqual({ who, status: 200 });
        }
      });
      return;
    }
    const roles = row.roles;

    it('refuses a request without a token, or with an expired one (401)', async () => {
      for (const who of [null, 'expired']) {
        const response = await send(row, method, who, { body: row.body?.(fixture) });
        expect({ who, status: response.status, code: response.body.code }).toEqual({ who, status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it(`admits ${roles.join(', ')} and refuses the other roles (403)`, async () => {
      for (const role of EVERYONE) {
        const response = await send(row, method, role, { ifMatch: method === 'GET' ? undefined : STALE });
        if (roles.includes(role)) {
          expect({ role, refused: refusal(response.status) }).toEqual({ role, refused: null });
        } else {
          expect({ role, status: response.status, code: response.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
        }
      }
    });

    it(`answers an admitted role of another tenant: ${row.otherTenant}`, async () => {
      await expectScope(row, method, `${roles[0]}@IDF`, row.otherTenant!, [fixture.contractId, fixture.declarationId, 'M1805']);
    });

    if (method !== 'GET' && row.otherTenant === 404) {
      it('answers another tenant 404 with an If-Match too, never the revision (409)', async () => {
        const response = await send(row, method, `${roles[0]}@IDF`, { body: row.body?.(fixture), ifMatch: STALE });
        expect({ status: response.status, revision: response.body.actualRevision }).toEqual({ status: 404, revision: undefined });
      });
    }

    if (roles.includes('provider')) {
      it(`answers another provider on of-a's resource: ${row.otherProvider}`, async () => {
        await expectScope(row, method, 'otherProvider', row.otherProvider!, [fixture.orderA, fixture.amendmentA, fixture.notificationA, '"LOT-1"']);
      });
      if (method !== 'GET' && row.otherProvider === 404) {
        it("answers another provider 404 on of-a's resource with an If-Match too, never the revision (409)", async () => {
          const response = await send(row, method, 'otherProvider', { body: row.body?.(fixture), ifMatch: STALE });
          expect({ status: response.status, revision: response.body.actualRevision }).toEqual({ status: 404, revision: undefined });
        });
      }
    }
  });

  it('states, for every row, what another tenant and another provider get', () => {
    const incomplete = Object.entries(ROUTES)
      .filter(([, row]) => row.roles !== 'public' && (row.otherTenant === undefined || (row.roles.includes('provider') && row.otherProvider === undefined)))
      .map(([route]) => route);
    expect(incomplete).toEqual([]);
  });
});
