/**
 * A scripted history for the audit tests, written through the one command path (so every event is a real
 * decision): a framework agreement drafted in January 2026, published and activated in February, an order in
 * March, a volume adjustment, a policy and the proposal it made, a de minimis price amendment accepted by the
 * provider, and the start of the order's session reported by the provider.
 */
import { EventStore, Role } from '@app/event-store';
import {
  contractStream,
  DeliveryReport,
  OutcomeObservation,
  deliveryDecider,
  deliveryStream,
  deliveryTermsOf,
  ExistingContract,
  loadContract,
  ProcurementCommand,
  procurementDecider,
  proposeAdjustments,
  signalsOf,
} from '@app/procurement';
import { CommandContext, handleCommand, idFromName } from '@app/shared';

export const TENANT = 'ARA';
export const BUYER = 'buyer-ara-1';
export const PROVIDER = 'of-a';
export const POLICY = { waitingListThreshold: 5, highFillRatePercent: 90, lowFillRatePercent: 40 };

export interface ScriptedHistory {
  contractId: string;
  orderId: string;
  amendmentId: string;
  proposalId: string;
}

let counter = 0;

export function context(at: string, actorId: string, role: Role, providerId?: string): CommandContext {
  counter += 1;
  const commandId = idFromName('audit-fixture', at, actorId, String(counter), String(Math.random()));
  return {
    actorId,
    role,
    tenant: TENANT,
    ...(providerId ? { providerId } : {}),
    commandId,
    correlationId: commandId,
    causationId: commandId,
    occurredAt: at,
  };
}

async function stateOf(store: EventStore, contractId: string): Promise<ExistingContract> {
  const { state } = await loadContract(store, contractId);
  if (state.status === 'EMPTY') throw new Error('no contract');
  return state;
}

export async function writeScriptedHistory(store: EventStore, contractId = idFromName('contract', String(Math.random()))): Promise<ScriptedHistory> {
  const send = (at: string, command: (meta: { at: string; actorId: string; providerId?: string }) => ProcurementCommand, actor = BUYER, role: Role = 'buyer', providerId?: string) =>
    handleCommand(
      store,
      procurementDecider,
      contractStream(contractId),
      command({ at, actorId: actor, ...(providerId ? { providerId } : {}) }),
      context(at, actor, role, providerId),
    );

  const orderId = idFromName('order', contractId);
  await send('2026-01-05T09:00:00.000Z', (meta) => ({
    type: 'DraftContract',
    meta,
    data: {
      contractId,
      tenant: TENANT,
      title: 'Parcours 2026-2027',
      mode: 'FRAMEWORK_AGREEMENT',
      startDate: '2026-01-01',
      endDate: '2027-12-31',
      initialValueCents: 100_000_000,
      maximumValueCents: 200_000_000,
    },
  }));
  await send('2026-01-06T09:00:00.000Z', (meta) => ({
    type: 'DefineLot',
    meta,
    data: {
      lotId: 'LOT-1',
      title: 'Parcours numériques',
      scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
      workUnits: [{ type: 'PATHWAY', unitPriceCents: 300_000, initialQuantity: 100, minQuantity: 20, maxQuantity: 200 }],
      maximumValueCents: 80_000_000,
    },
  }));
  await send('2026-01-06T10:00:00.000Z', (meta) => ({
    type: 'DefineLot',
    meta,
    data: {
      lotId: 'LOT-2',
      title: 'Journées d’ouverture',
      scope: { domainCode: '15054', territoryCodes: ['38'], targetPublics: ['RURAL_RESIDENTS'] },
      workUnits: [{ type: 'OPEN_DAY', unitPriceCents: 80_000, initialQuantity: 500, minQuantity: 100, maxQuantity: 1000 }],
      maximumValueCents: 90_000_000,
    },
  }));
  await send('2026-01-07T09:00:00.000Z', (meta) => ({
    type: 'AddClause',
    meta,
    data: { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } },
  }));
  await send('2026-02-01T09:00:00.000Z', (meta) => ({ type: 'PublishContract', meta }));
  await send('2026-02-10T09:00:00.000Z', (meta) => ({ type: 'AwardLot', meta, data: { lotId: 'LOT-1', awardee: { kind: 'PROVIDER', providerId: PROVIDER }, bidsReceived: 4 } }));
  await send('2026-02-10T10:00:00.000Z', (meta) => ({ type: 'AwardLot', meta, data: { lotId: 'LOT-2', awardee: { kind: 'PROVIDER', providerId: 'of-b' } } }));
  await send('2026-02-15T09:00:00.000Z', (meta) => ({ type: 'ActivateContract', meta }));
  await send('2026-03-01T10:00:00.000Z', (meta) => ({
    type: 'IssueOrder',
    meta,
    data: {
      orderId,
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 50 }],
      sessions: [{ sessionId: 'S-1', startDate: '2026-04-06', endDate: '2026-07-03', place: 'Lyon 8e', capacity: 12, modality: 'IN_PERSON' }],
      periodStart: '2026-04-01',
      periodEnd: '2026-12-31',
    },
  }));
  await send('2026-03-10T10:00:00.000Z', (meta) => ({
    type: 'AdjustOrder',
    meta,
    data: { orderId, clauseId: 'VOL-1', reason: 'Waiting list of 14', adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta: 5 } },
  }));
  await send('2026-03-12T10:00:00.000Z', (meta) => ({ type: 'ConfigureAdjustmentPolicy', meta, data: POLICY }));

  // The policy, as the worker ran it under its first version: 12 entries for 12 places and 8 people waiting.
  const [draft] = proposeAdjustments(
    signalsOf(await stateOf(store, contractId), { [orderId]: { entries: 12, waitingList: 8 } }),
    POLICY,
    'fill-rate-and-waiting-list@1',
  );
  await send('2026-03-15T10:00:00.000Z', (meta) => ({ type: 'ProposeOrderAdjustment', meta, data: draft }), 'fill-rate-and-waiting-list@1', 'system');

  const amendmentId = idFromName('amendment', contractId);
  await send('2026-03-20T10:00:00.000Z', (meta) => ({
    type: 'ProposeAmendment',
    meta,
    data: {
      amendmentId,
      description: 'Revalorisation du parcours',
      change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 310_000 },
    },
  }));
  await send('2026-03-21T10:00:00.000Z', (meta) => ({ type: 'SignAmendment', meta, data: { amendmentId } }));
  await send('2026-03-22T10:00:00.000Z', (meta) => ({ type: 'NotifyAmendment', meta, data: { amendmentId } }));
  await send('2026-03-25T10:00:00.000Z', (meta) => ({ type: 'AcceptAmendment', meta, data: { amendmentId } }), 'of-a-user', 'provider', PROVIDER);

  await report(store, contractId, orderId, '2026-04-06T17:00:00.000Z', { kind: 'SESSION_STARTED', sessionId: 'S-1', on: '2026-04-06' });
  return { contractId, orderId, amendmentId, proposalId: draft.proposalId };
}

/** A delivery report by the provider, against the order's terms as the contract's stream gives them. */
export async function report(store: EventStore, contractId: string, orderId: string, at: string, data: DeliveryReport): Promise<void> {
  const terms = deliveryTermsOf(await stateOf(store, contractId), orderId)!;
  await handleCommand(
    store,
    deliveryDecider,
    deliveryStream(orderId),
    { type: 'ReportDelivery', meta: { at, actorId: 'of-a-user', providerId: PROVIDER }, terms, data },
    context(at, 'of-a-user', 'provider', PROVIDER),
  );
}

/** Outcomes observed by Pôle emploi for trainees of the order, against the order's terms as the contract gives them. */
export async function recordOutcomes(store: EventStore, contractId: string, orderId: string, at: string, outcomes: OutcomeObservation[]): Promise<void> {
  const terms = deliveryTermsOf(await stateOf(store, contractId), orderId)!;
  await handleCommand(
    store,
    deliveryDecider,
    deliveryStream(orderId),
    { type: 'RecordTraineeOutcomes', meta: { at, actorId: 'pe-ara-1' }, terms, data: { outcomes } },
    context(at, 'pe-ara-1', 'pole_emploi'),
  );
}
