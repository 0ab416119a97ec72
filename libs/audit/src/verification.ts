import { isDeepStrictEqual } from 'node:util';
import {
  LabourMarketEvent,
  LabourMarketState,
  labourMarketDecider,
  PurchaseDeclarationEvent,
  PurchaseDeclarationState,
  purchaseDeclarationDecider,
} from '@app/coordination';
import { CheckedCheckpoints, EventStore, IntegrityReport, RecordedEvent } from '@app/event-store';
import {
  ADJUSTMENT_POLICY_VERSIONS,
  ContractState,
  DATED_ADJUSTMENT_SCHEMA_VERSION,
  DeliveryEvent,
  DeliveryState,
  deliveryDecider,
  deliveryTermsOf,
  OrderAdjustmentProposed,
  PriceIndexEvent,
  priceIndexDecider,
  PriceIndexState,
  ProcurementEvent,
  PaymentEvent,
  paymentsDecider,
  PaymentsState,
  StatementFacts,
  statedBefore,
  OrderFacts,
  orderFactsOf,
  EvaluationEvent,
  evaluationDecider,
  EvaluationState,
  ProgrammeEvent,
  programmeDecider,
  ProgrammeState,
  ProviderRegisterEvent,
  providerRegisterDecider,
  ProviderRegisterState,
  procurementDecider,
  rerunProposal,
} from '@app/procurement';
import { RuleViolation } from '@app/shared';
import { contractCommandOf, declarationCommandOf, deliveryCommandOf, evaluationCommandOf, labourMarketCommandOf, paymentCommandOf, priceIndexCommandOf, programmeCommandOf, providerRegisterCommandOf } from './command-reconstruction';

/** Which of the three checks found a difference. */
export type VerificationCheck = 'integrity' | 'decision' | 'proposal';

/** An event that does not verify, and why. */
export interface BadEvent {
  check: VerificationCheck;
  position?: number;
  streamId?: string;
  revision?: number;
  eventId?: string;
  type?: string;
  /** Tenant of the event, when known (so an auditor's report can leave out other tenants' streams). */
  tenant?: string;
  reason: string;
}

export interface VerificationReport {
  ok: boolean;
  /** The first difference found: the integrity failure if the chains break, else the lowest position. */
  firstFailure?: BadEvent;
  integrity: IntegrityReport;
  decisions: {
    streams: number;
    events: number;
    /** Events that the decider, re-run on the state before them with the command rebuilt from them, produced again. */
    decided: number;
    /** Events whose command cannot be rebuilt exactly: checked only to fold into the state. */
    folded: number;
    /** Events of streams no decider writes (notifications, webhooks, …): not decided again. */
    otherStreams: number;
    failed: number;
    byType: Record<string, { decided: number; folded: number; failed: number }>;
  };
  proposals: {
    checked: number;
    matched: number;
    failed: number;
    /** Proposals made by another version of the policy than this build's: reported, not re-run. */
    unknownVersion: Array<{ position: number; streamId: string; tenant: string; proposalId: string; policyVersion: string }>;
  };
  /** The differences found, in log order (at most MAX_FAILURES). */
  failures: BadEvent[];
  notes: string[];
}

export interface VerificationProgress {
  phase: 'integrity' | 'decisions';
  done: number;
  total: number;
}

const PAGE = 1000;
const MAX_FAILURES = 100;

export const VERIFICATION_NOTES = [
  'Time of a command is its recorded occurredAt; the command is rebuilt from the first event it wrote.',
  'Delivery reports: event metadata does not record the provider a user acts for, so the provider-membership rule is not re-checked.',
  'Delivery terms are folded from the contract stream as it stood just before the delivery event in global order.',
  'Service statements and hours recorded before their current schema version (statements that paid every unit delivered, hours without the trainee and daily checks) are folded as recorded, not decided again under the rules of today.',
  'Amendments deemed accepted on the provider\'s silence were decided under a rule since withdrawn (an avenant needs the contractor\'s consent): they are folded as recorded, in force as they were, not decided again.',
  'Amendments and unilateral modifications recorded before their current schema version (checked with the ordinary services thresholds, the tender committee on every contract and the substantial test on every basis) are folded as recorded, not decided again.',
  'Evaluations: each draw is run again from the seed it reveals and the candidates registered before it; the refusal to enter a candidate drawn into a control arm is checked on the command path, from the lot\'s evaluation, and a recorded entry is not checked against the draw again.',
  'Purchase overlaps: the Région order is rebuilt from the figures recorded with the overlap; an order read and found apart leaves no trace, so a missed overlap is not detected.',
];

/** The streams whose decisions are decided again, by the prefix of their id. */
type StreamKind = 'contract' | 'delivery' | 'declaration' | 'labour-market' | 'price-index' | 'provider-register' | 'payments' | 'programme' | 'evaluation';
type StreamState = ContractState | DeliveryState | PurchaseDeclarationState | LabourMarketState | PriceIndexState | ProviderRegisterState | PaymentsState | ProgrammeState | EvaluationState;

const STREAM_KINDS: Array<[prefix: string, kind: StreamKind]> = [
  ['contract-', 'contract'],
  ['delivery-', 'delivery'],
  ['purchase-declaration-', 'declaration'],
  ['labour-market-', 'labour-market'],
  ['price-indices-', 'price-index'],
  ['provider-register-', 'provider-register'],
  ['payments-', 'payments'],
  ['programme-', 'programme'],
  // Each draw is run again from the seed it reveals and the candidates registered before it: a seed that does not
  // hash to the commitment, or a list of candidates changed since, gives another assignment than the one recorded.
  ['evaluation-', 'evaluation'],
];

const kindOf = (streamId: string): StreamKind | undefined => STREAM_KINDS.find(([prefix]) => streamId.startsWith(prefix))?.[1];

function initialStateOf(kind: StreamKind): StreamState {
  switch (kind) {
    case 'contract':
      return procurementDecider.initialState();
    case 'delivery':
      return deliveryDecider.initialState();
    case 'declaration':
      return purchaseDeclarationDecider.initialState();
    case 'labour-market':
      return labourMarketDecider.initialState();
    case 'price-index':
      return priceIndexDecider.initialState();
    case 'provider-register':
      return providerRegisterDecider.initialState();
    case 'payments':
      return paymentsDecider.initialState();
    case 'programme':
      return programmeDecider.initialState();
    case 'evaluation':
      return evaluationDecider.initialState();
  }
}

function evolveOf(kind: StreamKind, state: StreamState, event: RecordedEvent): StreamState {
  switch (kind) {
    case 'contract':
      return procurementDecider.evolve(state as ContractState, asFact<ProcurementEvent>(event));
    case 'delivery':
      return deliveryDecider.evolve(state as DeliveryState, asFact<DeliveryEvent>(event));
    case 'declaration':
      return purchaseDeclarationDecider.evolve(state as PurchaseDeclarationState, asFact<PurchaseDeclarationEvent>(event));
    case 'labour-market':
      return labourMarketDecider.evolve(state as LabourMarketState, asFact<LabourMarketEvent>(event));
    case 'price-index':
      return priceIndexDecider.evolve(state as PriceIndexState, asFact<PriceIndexEvent>(event));
    case 'provider-register':
      return providerRegisterDecider.evolve(state as ProviderRegisterState, asFact<ProviderRegisterEvent>(event));
    case 'payments':
      return paymentsDecider.evolve(state as PaymentsState, asFact<PaymentEvent>(event));
    case 'programme':
      return programmeDecider.evolve(state as ProgrammeState, asFact<ProgrammeEvent>(event));
    case 'evaluation':
      return evaluationDecider.evolve(state as EvaluationState, asFact<EvaluationEvent>(event));
  }
}

interface Group {
  commandId: string;
  events: RecordedEvent[];
  stateBefore: StreamState;
  /** For a delivery stream: the order's contract as it stood when the command was decided. */
  contractBefore?: ContractState;
  /** For a payments stream: the statement the command concerns, as its order's delivery stream held it then. */
  statementBefore?: StatementFacts;
  /** For an advance: its order, as the contract held it then. */
  orderBefore?: OrderFacts;
}

interface StreamReplay {
  kind: StreamKind;
  state: StreamState;
  group?: Group;
  /** Commands already judged in this stream: the command path never writes one command twice. */
  commands: Set<string>;
  /** Set once the stream's facts cannot be folded: later events of the stream are not judged. */
  broken: boolean;
}

/**
 * Verifies the whole store: (1) the hash chains of every stream and of the global order; (2) every decision
 * of every contract, delivery, purchase-declaration and labour-market stream follows from the state before it and the command that produced it;
 * (3) every adjustment proposal follows from the inputs recorded with it under the policy version it names.
 */
export async function verifyAll(
  store: EventStore,
  onProgress?: (progress: VerificationProgress) => void,
  checkpoints?: CheckedCheckpoints,
): Promise<VerificationReport> {
  const head = await store.headPosition();
  onProgress?.({ phase: 'integrity', done: 0, total: head });
  const integrity = await verifyChain(store, checkpoints, (checked) => onProgress?.({ phase: 'integrity', done: checked, total: head }));
  onProgress?.({ phase: 'integrity', done: head, total: head });

  const replay = new Replay();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll(after === undefined ? { maxCount: PAGE } : { afterPosition: after, maxCount: PAGE });
    for (const event of page) replay.take(event);
    if (page.length > 0) {
      after = page[page.length - 1].position;
      onProgress?.({ phase: 'decisions', done: after, total: Math.max(head, after) });
    }
    if (page.length < PAGE) break;
  }
  replay.finish();

  const failures = replay.failures.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const integrityFailure: BadEvent | undefined = integrity.ok
    ? undefined
    : { check: 'integrity', ...integrity.firstFailure!, ...(await headerAt(store, integrity.firstFailure!.position)) };
  const firstFailure = integrityFailure ?? failures[0];
  return {
    ok: firstFailure === undefined,
    ...(firstFailure ? { firstFailure } : {}),
    integrity,
    decisions: replay.decisions,
    proposals: replay.proposals,
    failures: [...(integrityFailure ? [integrityFailure] : []), ...failures].slice(0, MAX_FAILURES),
    notes: VERIFICATION_NOTES,
  };
}

/**
 * The hash chains compared with the signed checkpoints: a chain re-sealed by whoever holds the event file differs
 * from a checkpoint ("log rewritten"), or ends before one ("log truncated"). A checkpoint no trusted key signed
 * fails the check too: someone wrote it who does not hold the key.
 */
export async function verifyChain(store: EventStore, checkpoints?: CheckedCheckpoints, onProgress?: (checked: number) => void): Promise<IntegrityReport> {
  const report = await store.verifyIntegrity(onProgress, checkpoints?.anchors ?? []);
  if (!checkpoints) return report;
  const counted: IntegrityReport = { ...report, checkpoints: { anchors: checkpoints.anchors.length, ...report.checkpoints, untrusted: checkpoints.untrusted.length } };
  const [untrusted] = checkpoints.untrusted;
  if (!counted.ok || !untrusted) return counted;
  return {
    ...counted,
    ok: false,
    firstFailure: {
      reason: `the checkpoint of position ${untrusted.position} (signed ${untrusted.signedAt}, key ${untrusted.keyId}) is not signed by a trusted key`,
      kind: 'untrusted-checkpoint',
    },
  };
}

/** Names the event at a position (its content may be the rewritten one: only its id, type and tenant are shown). */
async function headerAt(store: EventStore, position: number | undefined): Promise<Pick<BadEvent, 'eventId' | 'type' | 'tenant'>> {
  if (position === undefined) return {};
  const [event] = await store.readAll({ fromPosition: position, maxCount: 1 });
  return event?.position === position ? { eventId: event.id, type: event.type, tenant: event.metadata.tenant } : {};
}

class Replay {
  readonly failures: BadEvent[] = [];
  readonly decisions: VerificationReport['decisions'] = { streams: 0, events: 0, decided: 0, folded: 0, otherStreams: 0, failed: 0, byType: {} };
  readonly proposals: VerificationReport['proposals'] = { checked: 0, matched: 0, failed: 0, unknownVersion: [] };
  private readonly streams = new Map<string, StreamReplay>();

  take(event: RecordedEvent): void {
    this.decisions.events += 1;
    if (event.type === 'OrderAdjustmentProposed') this.checkProposal(event);
    const kind = kindOf(event.streamId);
    if (kind === undefined) {
      this.decisions.otherStreams += 1;
      return;
    }
    let stream = this.streams.get(event.streamId);
    if (!stream) {
      stream = { kind, state: initialStateOf(kind), broken: false, commands: new Set() };
      this.streams.set(event.streamId, stream);
      this.decisions.streams += 1;
    }
    if (stream.broken) return;
    const group = stream.group;
    if (group && group.commandId === event.metadata.commandId) {
      group.events.push(event);
    } else {
      if (group) this.judge(stream, group);
      if (stream.commands.has(event.metadata.commandId)) {
        this.fail('decision', event, `command ${event.metadata.commandId} already wrote earlier events of this stream: the command path writes a command's events once, together`);
        this.count([event], 'failed');
        stream.group = undefined;
        this.fold(stream, event);
        return;
      }
      stream.commands.add(event.metadata.commandId);
      stream.group = {
        commandId: event.metadata.commandId,
        events: [event],
        stateBefore: stream.state,
        ...(kind === 'delivery' ? { contractBefore: this.contractOf(event) } : {}),
        ...(kind === 'payments' ? this.statementOf(event) : {}),
      };
    }
    this.fold(stream, event);
  }

  private fold(stream: StreamReplay, event: RecordedEvent): void {
    try {
      stream.state = evolveOf(stream.kind, stream.state, event);
    } catch (error) {
      stream.broken = true;
      stream.group = undefined;
      this.fail('decision', event, `the event cannot be folded into the state before it (${(error as Error).message})`);
      this.count([event], 'failed');
    }
  }

  finish(): void {
    for (const stream of this.streams.values()) {
      if (stream.group && !stream.broken) this.judge(stream, stream.group);
      stream.group = undefined;
    }
  }

  private contractOf(event: RecordedEvent): ContractState | undefined {
    const contractId = (event.data as { contractId?: unknown }).contractId;
    if (typeof contractId !== 'string') return undefined;
    return this.streams.get(`contract-${contractId}`)?.state as ContractState | undefined;
  }

  /** The statement a payments event names, from its order's delivery stream and the contract as they stand now. */
  private statementOf(event: RecordedEvent): { statementBefore?: StatementFacts; orderBefore?: OrderFacts } {
    const { contractId, orderId, statementId } = event.data as { contractId?: unknown; orderId?: unknown; statementId?: unknown };
    const contract = this.contractOf(event);
    if (event.type === 'AdvanceGranted' && typeof orderId === 'string' && contract && contract.status !== 'EMPTY') {
      const terms = deliveryTermsOf(contract, orderId);
      return terms ? { orderBefore: orderFactsOf(contract, terms) } : {};
    }
    if (typeof contractId !== 'string' || typeof orderId !== 'string' || typeof statementId !== 'string') return {};
    const delivery = this.streams.get(`delivery-${orderId}`)?.state as DeliveryState | undefined;
    const statement = delivery?.statements.find((issued) => issued.statementId === statementId);
    const terms = contract && contract.status !== 'EMPTY' ? deliveryTermsOf(contract, orderId) : undefined;
    if (!statement || !terms) return {};
    return { statementBefore: { contractId, orderId, statementId, providerIds: terms.providerIds, totalCents: statement.totalCents, statedBeforeCents: statedBefore(delivery!.statements, statementId) } };
  }

  /** Decides the rebuilt command again on the state before the group and compares with what was recorded. */
  private judge(stream: StreamReplay, group: Group): void {
    const [first] = group.events;
    let decided: Array<{ type: string; data: object }>;
    try {
      const command = this.commandOf(stream, group);
      if (command === 'not rebuildable') {
        this.count(group.events, 'folded');
        return;
      }
      if (typeof command === 'string') {
        this.fail('decision', first, command);
        this.count(group.events, 'failed');
        return;
      }
      decided = command();
    } catch (error) {
      const refusal = error instanceof RuleViolation ? `${error.code} (${error.rule}): ${error.message}` : (error as Error).message;
      this.fail('decision', first, `the decider refuses the command rebuilt from this event: ${refusal}`);
      this.count(group.events, 'failed');
      return;
    }
    const difference = compare(decided, group.events);
    if (difference) {
      this.fail('decision', difference.event, difference.reason);
      this.count(group.events, 'failed');
      return;
    }
    this.count(group.events, 'decided');
  }

  private commandOf(stream: StreamReplay, group: Group): (() => Array<{ type: string; data: object }>) | string {
    const [first] = group.events;
    if (stream.kind === 'contract') {
      const command = contractCommandOf(first);
      if (!command) return 'not rebuildable';
      return () => procurementDecider.decide(command, group.stateBefore as ContractState);
    }
    if (stream.kind === 'declaration') {
      const command = declarationCommandOf(group.events);
      if (!command) return 'not rebuildable';
      return () => purchaseDeclarationDecider.decide(command, group.stateBefore as PurchaseDeclarationState);
    }
    if (stream.kind === 'labour-market') {
      const command = labourMarketCommandOf(group.events);
      if (!command) return 'not rebuildable';
      return () => labourMarketDecider.decide(command, group.stateBefore as LabourMarketState);
    }
    if (stream.kind === 'price-index') {
      const command = priceIndexCommandOf(first);
      if (!command) return 'not rebuildable';
      return () => priceIndexDecider.decide(command, group.stateBefore as PriceIndexState);
    }
    if (stream.kind === 'provider-register') {
      const command = providerRegisterCommandOf(first);
      if (!command) return 'not rebuildable';
      return () => providerRegisterDecider.decide(command, group.stateBefore as ProviderRegisterState);
    }
    if (stream.kind === 'programme') {
      const command = programmeCommandOf(first);
      if (!command) return 'not rebuildable';
      return () => programmeDecider.decide(command, group.stateBefore as ProgrammeState);
    }
    if (stream.kind === 'evaluation') {
      const command = evaluationCommandOf(group.events);
      if (!command) return 'not rebuildable';
      return () => evaluationDecider.decide(command, group.stateBefore as EvaluationState);
    }
    if (stream.kind === 'payments') {
      const command = paymentCommandOf(first, group.statementBefore, group.orderBefore);
      if (!command) return 'the payment names a statement or an order the contract did not hold when it was recorded';
      return () => paymentsDecider.decide(command, group.stateBefore as PaymentsState);
    }
    const contract = group.contractBefore;
    const orderId = (first.data as { orderId?: unknown }).orderId;
    if (!contract || contract.status === 'EMPTY' || typeof orderId !== 'string') {
      return 'the delivery names a contract that did not exist when it was recorded';
    }
    const terms = deliveryTermsOf(contract, orderId);
    if (!terms) return `the delivery names order ${orderId}, which the contract did not hold when it was recorded`;
    const command = deliveryCommandOf(first, terms, group.events);
    if (!command) return 'not rebuildable';
    return () => deliveryDecider.decide(command, group.stateBefore as DeliveryState);
  }

  private count(events: RecordedEvent[], outcome: 'decided' | 'folded' | 'failed'): void {
    for (const event of events) {
      this.decisions[outcome] += 1;
      const entry = (this.decisions.byType[event.type] ??= { decided: 0, folded: 0, failed: 0 });
      entry[outcome] += 1;
    }
  }

  private checkProposal(event: RecordedEvent): void {
    const data = event.data as OrderAdjustmentProposed['data'];
    if (!ADJUSTMENT_POLICY_VERSIONS.includes(data.policyVersion)) {
      this.proposals.unknownVersion.push({ position: event.position, streamId: event.streamId, tenant: event.metadata.tenant, proposalId: data.proposalId, policyVersion: data.policyVersion });
      return;
    }
    this.proposals.checked += 1;
    const problem = proposalProblem(data);
    if (problem) {
      this.proposals.failed += 1;
      this.fail('proposal', event, problem);
    } else {
      this.proposals.matched += 1;
    }
  }

  private fail(check: VerificationCheck, event: RecordedEvent, reason: string): void {
    this.failures.push({
      check,
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.id,
      type: event.type,
      tenant: event.metadata.tenant,
      reason,
    });
  }
}

/** Why the policy, re-run on the proposal's recorded inputs, does not give the recorded proposal (or undefined). */
export function proposalProblem(data: OrderAdjustmentProposed['data']): string | undefined {
  const drafts = rerunProposal(data.policyVersion, data.inputs);
  if ('problem' in drafts) return drafts.problem;
  if (drafts.length !== 1) return `the policy proposes nothing on the recorded inputs, yet ${describe(data.adjustment)} was proposed`;
  const [draft] = drafts;
  if (!isDeepStrictEqual(draft.inputs, data.inputs)) {
    const fields = Object.keys({ ...draft.inputs, ...data.inputs }).filter((key) => draft.inputs[key] !== data.inputs[key]);
    return `the recorded inputs are not consistent: ${fields.map((key) => `${key} recorded ${data.inputs[key]}, computed ${draft.inputs[key]}`).join('; ')}`;
  }
  if (!isDeepStrictEqual(draft.adjustment, data.adjustment)) {
    return `the policy gives ${describe(draft.adjustment)} on the recorded inputs, not the recorded ${describe(data.adjustment)}`;
  }
  if (draft.orderId !== data.orderId || draft.clauseId !== data.clauseId) {
    return `the policy proposes for order ${draft.orderId} under clause ${draft.clauseId}, not order ${data.orderId} under ${data.clauseId}`;
  }
  if (draft.reason !== data.reason) return `the policy gives the reason "${draft.reason}", not "${data.reason}"`;
  if (draft.proposalId !== data.proposalId) return `the proposal id ${data.proposalId} is not the one its inputs give (${draft.proposalId})`;
  return undefined;
}

function describe(adjustment: unknown): string {
  return JSON.stringify(adjustment);
}

/**
 * Fields the decider adds since a schema version, by event type: an event recorded at an earlier version is
 * compared without them (the decision was the same; its shape had not the field yet).
 */
const FIELDS_ADDED: Record<string, { since: number; fields: string[] }> = {
  OrderQuantityAdjusted: { since: DATED_ADJUSTMENT_SCHEMA_VERSION, fields: ['adjustedOn'] },
  OrderModuleAdded: { since: DATED_ADJUSTMENT_SCHEMA_VERSION, fields: ['adjustedOn'] },
};

function asRecordedThen(produced: { type: string; data: object }, recorded: RecordedEvent): object {
  const added = FIELDS_ADDED[recorded.type];
  if (!added || (recorded.metadata.schemaVersion ?? 1) >= added.since) return produced.data;
  return Object.fromEntries(Object.entries(produced.data).filter(([field]) => !added.fields.includes(field)));
}

/** The first difference between what the decider produces again and what was recorded, if any. */
function compare(
  decided: Array<{ type: string; data: object }>,
  recorded: RecordedEvent[],
): { event: RecordedEvent; reason: string } | undefined {
  // As stored: JSON drops undefined fields.
  const produced = decided.map((event) => JSON.parse(JSON.stringify({ type: event.type, data: event.data })) as { type: string; data: object });
  for (let i = 0; i < recorded.length; i++) {
    const event = recorded[i];
    const expected = produced[i];
    if (!expected) {
      return { event, reason: `the decider, re-run on the state and command, does not produce this event (it produces ${produced.length} event(s): ${types(produced)})` };
    }
    if (expected.type !== event.type) {
      return { event, reason: `the decider, re-run on the state and command, produces ${expected.type} here, not ${event.type}` };
    }
    const expectedData = asRecordedThen(expected, event);
    if (!isDeepStrictEqual(expectedData, event.data)) {
      return { event, reason: `the decider, re-run on the state and command, produces other data: ${differences(expectedData, event.data)}` };
    }
  }
  if (produced.length > recorded.length) {
    return {
      event: recorded[recorded.length - 1],
      reason: `the decider, re-run on the state and command, also produces ${types(produced.slice(recorded.length))}, which was not recorded`,
    };
  }
  return undefined;
}

function types(events: Array<{ type: string }>): string {
  return events.map((event) => event.type).join(', ') || 'nothing';
}

/** The top-level fields that differ, with both values (shortened). */
function differences(expected: object, recorded: object): string {
  const a = expected as Record<string, unknown>;
  const b = recorded as Record<string, unknown>;
  return Object.keys({ ...a, ...b })
    .filter((key) => !isDeepStrictEqual(a[key], b[key]))
    .map((key) => `${key} recorded ${short(b[key])}, decided ${short(a[key])}`)
    .join('; ');
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function asFact<Event>(event: RecordedEvent): Event {
  return { type: event.type, data: event.data } as unknown as Event;
}
