/**
 * A small regional purchase for the domain's unit tests, so that tests read like the business:
 * the Région buys, under a two-year framework agreement (2026-2027), qualifying pathways in digital skills
 * (lot 1, paid per pathway with a quality part) and open days of a permanent-entry insertion site (lot 2, run by
 * a grouping of two providers). Money in integer cents; every date explicit.
 */
import { AmendmentCommand } from '../amendment/amendment.commands';
import { AmendmentChange } from '../amendment/amendment.events';
import { ContractDrafted } from '../contract/contract.events';
import { ContractState, evolveContract, initialContractState, ProcurementEvent } from '../contract/contract.state';
import { ClauseAdded } from '../clause/clause.events';
import { ClauseAddedV1Data, upcastClauseAdded } from '../clause/clause.upcast';
import { LotAwarded, LotDefined } from '../lot/lot.events';
import { Adjustment, AdjustOrder, IssueOrder } from '../order/order.commands';
import { decideProcurement, ProcurementCommand } from '../procurement.decider';
import { CommandMeta } from '../terms/command-meta';
import { Awardee, ClauseTerms, OrderLine, Session, WorkUnitType } from '../terms/procurement-terms';

export const euros = (amount: number): number => amount * 100;

export const CONTRACT_ID = 'contract-ara-2026-digital';
export const TENANT = 'ARA';
export const BUYER = 'buyer-ara-1';

export const PATHWAY_LOT = 'lot-1-digital-pathways';
export const OPEN_DAY_LOT = 'lot-2-open-days';

/** Lot 1 is performed by one provider. */
export const PATHWAY_PROVIDER = 'provider-numerique-lyon';
/** Lot 2 is performed by a grouping: a lead and a member. */
export const GROUPING_LEAD = 'provider-insertion-grenoble';
export const GROUPING_MEMBER = 'provider-solidaire-valence';

export const CONTRACT_START = '2026-01-01';
export const CONTRACT_END = '2027-12-31';
export const INITIAL_VALUE = euros(1_000_000);
export const CONTRACT_MAXIMUM = euros(1_100_000);

/** 5,000 € a pathway, 10% of it paid on certification; 100 expected, 130 at most, 650,000 € at most. */
export const PATHWAY_PRICE = euros(5_000);
export const PATHWAY_INITIAL_QUANTITY = 100;
export const PATHWAY_MAX_QUANTITY = 130;
export const PATHWAY_LOT_MAXIMUM = euros(650_000);

/** 1,000 € an open day; 400 expected, 520 at most, but the lot value caps it first at 500,000 € (500 days). */
export const OPEN_DAY_PRICE = euros(1_000);
export const OPEN_DAY_INITIAL_QUANTITY = 400;
export const OPEN_DAY_MAX_QUANTITY = 520;
export const OPEN_DAY_LOT_MAXIMUM = euros(500_000);

/** Clauses of the initial documents. */
export const VOLUME_PATHWAY_CLAUSE = 'clause-volume-pathways-20pc';
export const VOLUME_OPEN_DAY_CLAUSE = 'clause-volume-open-days-10pc';
export const CALENDAR_CLAUSE = 'clause-calendar-30-days';
export const MODALITY_CLAUSE = 'clause-modality-pathways';
export const CATALOGUE_CLAUSE = 'clause-module-catalogue-pathways';
export const PATHWAY_VOLUME_PERCENT = 20;
export const CALENDAR_MAX_SHIFT_DAYS = 30;
export const FRENCH_AT_WORK_MODULE = 'module-french-at-work';
export const FRENCH_AT_WORK_PRICE = euros(800);
/** A catalogue module priced in trainee hours, a unit lot 1 does not buy. */
export const DIGITAL_BASICS_MODULE = 'module-digital-basics-hours';

/** When a command is received (time never comes from a clock) and who sends it: the buyer unless told. */
export function meta(at: string, actorId: string = BUYER): CommandMeta {
  return { at, actorId };
}

/** A command sent by a user of a provider. */
export function providerMeta(at: string, providerId: string): CommandMeta {
  return { at, actorId: `user-of-${providerId}`, providerId };
}

// ---------------------------------------------------------------------------------------------------------
// Facts of the tender phase, written out as events.

export function contractDrafted(overrides: Partial<ContractDrafted['data']> = {}): ContractDrafted {
  return {
    type: 'ContractDrafted',
    data: {
      contractId: CONTRACT_ID,
      tenant: TENANT,
      buyerId: BUYER,
      title: 'Compétences numériques et insertion 2026-2027',
      mode: 'FRAMEWORK_AGREEMENT',
      startDate: CONTRACT_START,
      endDate: CONTRACT_END,
      initialValueCents: INITIAL_VALUE,
      maximumValueCents: CONTRACT_MAXIMUM,
      amendmentResponseDays: 15,
      ...overrides,
    },
  };
}

export function pathwayLotDefined(overrides: Partial<LotDefined['data']> = {}): LotDefined {
  return {
    type: 'LotDefined',
    data: {
      lotId: PATHWAY_LOT,
      title: 'Parcours qualifiants aux métiers du numérique — Lyon',
      scope: { domainCode: '31054', territoryCodes: ['69123'], targetPublics: ['LOW_QUALIFIED_JOB_SEEKERS', 'QPV_RESIDENTS'] },
      workUnits: [
        {
          type: 'PATHWAY',
          unitPriceCents: PATHWAY_PRICE,
          qualityPart: { percent: 10, indicator: 'CERTIFICATION_RATE' },
          initialQuantity: PATHWAY_INITIAL_QUANTITY,
          minQuantity: 50,
          maxQuantity: PATHWAY_MAX_QUANTITY,
        },
      ],
      maximumValueCents: PATHWAY_LOT_MAXIMUM,
      ...overrides,
    },
  };
}

export function openDayLotDefined(overrides: Partial<LotDefined['data']> = {}): LotDefined {
  return {
    type: 'LotDefined',
    data: {
      lotId: OPEN_DAY_LOT,
      title: 'Plateforme d’entrées et sorties permanentes — Isère',
      scope: { domainCode: '15041', territoryCodes: ['38185'], targetPublics: ['YOUNG_NEET', 'RURAL_RESIDENTS'] },
      workUnits: [
        {
          type: 'OPEN_DAY',
          unitPriceCents: OPEN_DAY_PRICE,
          initialQuantity: OPEN_DAY_INITIAL_QUANTITY,
          minQuantity: 200,
          maxQuantity: OPEN_DAY_MAX_QUANTITY,
        },
      ],
      maximumValueCents: OPEN_DAY_LOT_MAXIMUM,
      ...overrides,
    },
  };
}

export function clauseAdded(clauseId: string, terms: ClauseTerms, lotId?: string): ClauseAdded {
  return { type: 'ClauseAdded', data: { clauseId, ...(lotId === undefined ? {} : { lotId }), terms } };
}

/** A clause as recorded at schema version 1 (a price revision's formula possibly as text), as a fold gets it: read from the store through its upcaster. */
export function clauseAddedV1AsRead(clauseId: string, terms: ClauseAddedV1Data['terms'], lotId?: string): ClauseAdded {
  return { type: 'ClauseAdded', data: upcastClauseAdded({ clauseId, ...(lotId === undefined ? {} : { lotId }), terms }), schemaVersion: 1 };
}

/** The adaptability clauses written in the initial documents. */
export function initialClauses(): ClauseAdded[] {
  return [
    clauseAdded(VOLUME_PATHWAY_CLAUSE, { type: 'VOLUME', unitType: 'PATHWAY', percent: PATHWAY_VOLUME_PERCENT }, PATHWAY_LOT),
    clauseAdded(VOLUME_OPEN_DAY_CLAUSE, { type: 'VOLUME', unitType: 'OPEN_DAY', percent: 10 }, OPEN_DAY_LOT),
    clauseAdded(CALENDAR_CLAUSE, { type: 'CALENDAR', maxShiftDays: CALENDAR_MAX_SHIFT_DAYS }),
    clauseAdded(MODALITY_CLAUSE, { type: 'MODALITY', allowed: ['IN_PERSON', 'BLENDED'] }, PATHWAY_LOT),
    clauseAdded(
      CATALOGUE_CLAUSE,
      {
        type: 'MODULE_CATALOGUE',
        modules: [
          { moduleId: FRENCH_AT_WORK_MODULE, title: 'Français en situation de travail', unitType: 'PATHWAY', unitPriceCents: FRENCH_AT_WORK_PRICE },
          { moduleId: DIGITAL_BASICS_MODULE, title: 'Bases du numérique', unitType: 'TRAINEE_HOUR', unitPriceCents: euros(15) },
        ],
      },
      PATHWAY_LOT,
    ),
  ];
}

export const pathwayAwardee: Awardee = { kind: 'PROVIDER', providerId: PATHWAY_PROVIDER };
export const openDayAwardee: Awardee = { kind: 'GROUPING', memberIds: [GROUPING_LEAD, GROUPING_MEMBER], leadProviderId: GROUPING_LEAD };

export function lotAwarded(lotId: string, awardee: Awardee, awardedAt = '2025-12-01T10:00:00.000Z'): LotAwarded {
  return { type: 'LotAwarded', data: { lotId, awardee, awardedAt } };
}

/** Variations of the tender, for the tests that need other terms than the usual ones. */
export interface TenderOptions {
  contract?: Partial<ContractDrafted['data']>;
  pathwayLot?: Partial<LotDefined['data']>;
  openDayLot?: Partial<LotDefined['data']>;
  /** Clauses written in addition to the initial ones. */
  extraClauses?: ClauseAdded[];
}

/** The contract drafted with its two lots and its clauses, not yet published. */
export function draftedContract(options: TenderOptions = {}): ProcurementEvent[] {
  return [
    contractDrafted(options.contract),
    pathwayLotDefined(options.pathwayLot),
    openDayLotDefined(options.openDayLot),
    ...initialClauses(),
    ...(options.extraClauses ?? []),
  ];
}

export function publishedContract(options: TenderOptions = {}): ProcurementEvent[] {
  return [
    ...draftedContract(options),
    { type: 'ContractPublished', data: { contractId: CONTRACT_ID, publishedAt: '2025-09-15T09:00:00.000Z' } },
  ];
}

/** Both lots awarded, the contract not yet activated. */
export function awardedContract(options: TenderOptions = {}): ProcurementEvent[] {
  return [...publishedContract(options), lotAwarded(PATHWAY_LOT, pathwayAwardee), lotAwarded(OPEN_DAY_LOT, openDayAwardee)];
}

/** Both lots awarded and the contract in force: orders may be issued. */
export function activeContract(options: TenderOptions = {}): ProcurementEvent[] {
  return [
    ...awardedContract(options),
    { type: 'ContractActivated', data: { contractId: CONTRACT_ID, activatedAt: '2025-12-15T10:00:00.000Z' } },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Orders.

export const ORDER_ISSUED_AT = '2026-01-20T09:00:00.000Z';
export const ORDER_PERIOD_START = '2026-02-01';
export const ORDER_PERIOD_END = '2026-07-31';
export const SESSION_ID = 'session-lyon-spring';
export const SESSION_START = '2026-03-09';
export const SESSION_END = '2026-06-26';

export function session(overrides: Partial<Session> = {}): Session {
  return {
    sessionId: SESSION_ID,
    startDate: SESSION_START,
    endDate: SESSION_END,
    place: 'Lyon 7e',
    capacity: 12,
    modality: 'IN_PERSON',
    ...overrides,
  };
}

export interface OrderOptions {
  at?: string;
  lines?: OrderLine[];
  sessions?: Session[];
  periodStart?: string;
  periodEnd?: string;
}

export function issueOrder(orderId: string, lotId: string, options: OrderOptions = {}): IssueOrder {
  return {
    type: 'IssueOrder',
    meta: meta(options.at ?? ORDER_ISSUED_AT),
    data: {
      orderId,
      lotId,
      lines: options.lines ?? [],
      sessions: options.sessions ?? [session()],
      periodStart: options.periodStart ?? ORDER_PERIOD_START,
      periodEnd: options.periodEnd ?? ORDER_PERIOD_END,
    },
  };
}

/** An order of pathways on lot 1, over the default period, with one session. */
export function orderPathways(orderId: string, quantity: number, options: OrderOptions = {}): IssueOrder {
  return issueOrder(orderId, PATHWAY_LOT, { lines: [{ unitType: 'PATHWAY', quantity }], ...options });
}

/** An order of open days on lot 2, over the default period, with one session. */
export function orderOpenDays(orderId: string, quantity: number, options: OrderOptions = {}): IssueOrder {
  return issueOrder(orderId, OPEN_DAY_LOT, { lines: [{ unitType: 'OPEN_DAY', quantity }], ...options });
}

export const ADJUSTED_AT = '2026-04-01T09:00:00.000Z';

export function adjustOrder(orderId: string, clauseId: string, adjustment: Adjustment, at = ADJUSTED_AT): AdjustOrder {
  return { type: 'AdjustOrder', meta: meta(at), data: { orderId, clauseId, reason: 'Demand seen in referrals and fill rates', adjustment } };
}

export function changeQuantity(orderId: string, clauseId: string, unitType: WorkUnitType, delta: number, at = ADJUSTED_AT): AdjustOrder {
  return adjustOrder(orderId, clauseId, { kind: 'CHANGE_QUANTITY', unitType, delta }, at);
}

export function moveSession(orderId: string, startDate: string, endDate: string, sessionId = SESSION_ID): AdjustOrder {
  return adjustOrder(orderId, CALENDAR_CLAUSE, { kind: 'MOVE_SESSION', sessionId, startDate, endDate });
}

// ---------------------------------------------------------------------------------------------------------
// Amendments.

export const PROPOSED_AT = '2026-03-02T10:00:00.000Z';
export const SIGNED_AT = '2026-03-05T10:00:00.000Z';
export const NOTIFIED_AT = '2026-03-10T10:00:00.000Z';
/** NOTIFIED_AT plus the 15 days of the contract. */
export const RESPONSE_DEADLINE = '2026-03-25';

export interface ProposalOptions {
  amendmentId: string;
  change: AmendmentChange;
  /** The buyer's estimate, recorded beside the computed figure. */
  declaredAmountChangeCents?: number;
  requestId?: string;
  at?: string;
}

/** A proposal under no clause nor justification: a small one is a de minimis modification (R2194-8). */
export function proposeAmendment(options: ProposalOptions): AmendmentCommand {
  return {
    type: 'ProposeAmendment',
    meta: meta(options.at ?? PROPOSED_AT),
    data: {
      amendmentId: options.amendmentId,
      description: 'Avenant de faible montant',
      change: options.change,
      ...(options.declaredAmountChangeCents === undefined ? {} : { declaredAmountChangeCents: options.declaredAmountChangeCents }),
      ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    },
  };
}

export function signAmendment(amendmentId: string, at = SIGNED_AT): AmendmentCommand {
  return { type: 'SignAmendment', meta: meta(at), data: { amendmentId } };
}

export function notifyAmendment(amendmentId: string, at = NOTIFIED_AT): AmendmentCommand {
  return { type: 'NotifyAmendment', meta: meta(at), data: { amendmentId } };
}

export function acknowledgeAmendment(amendmentId: string, providerId: string, at = '2026-03-12T10:00:00.000Z'): AmendmentCommand {
  return { type: 'AcknowledgeAmendment', meta: providerMeta(at, providerId), data: { amendmentId } };
}

export function acceptAmendment(amendmentId: string, providerId: string, at = '2026-03-12T10:00:00.000Z'): AmendmentCommand {
  return { type: 'AcceptAmendment', meta: providerMeta(at, providerId), data: { amendmentId } };
}

export function disputeAmendment(amendmentId: string, providerId: string, reason: string, at = '2026-03-12T10:00:00.000Z'): AmendmentCommand {
  return { type: 'DisputeAmendment', meta: providerMeta(at, providerId), data: { amendmentId, reason } };
}

export function recordDeemedAcceptance(amendmentId: string, at: string): AmendmentCommand {
  return { type: 'RecordDeemedAcceptance', meta: meta(at), data: { amendmentId } };
}

export function recordNoAnswer(amendmentId: string, at: string): AmendmentCommand {
  return { type: 'RecordNoAnswer', meta: meta(at), data: { amendmentId } };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The history after these commands, each decided by the rules on the history before it. Used for the later
 * facts (orders, adjustments, amendments) whose recorded figures depend on everything before them: writing
 * those figures by hand would restate the rule under test. Throws if the rules refuse one of the commands.
 */
export function recorded(history: ProcurementEvent[], ...commands: ProcurementCommand[]): ProcurementEvent[] {
  const events = [...history];
  for (const command of commands) {
    events.push(...decideProcurement(command, stateOf(events)));
  }
  return events;
}

export function stateOf(history: ProcurementEvent[]): ContractState {
  return history.reduce(evolveContract, initialContractState());
}
