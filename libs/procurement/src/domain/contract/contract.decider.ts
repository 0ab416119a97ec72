import { addDays, monthsBetween } from '../terms/command-meta';
import { ContractMode } from '../terms/procurement-terms';
import { CONTRACT_CLOSED_SCHEMA_VERSION, ContractClosed, ContractLifecycleEvent, MinimumShortfall } from './contract.events';
import { CloseContract, ContractLifecycleCommand, DraftContract } from './contract.commands';
import { ContractState, ExistingContract } from './contract.state';
import { refuse } from './refuse';
import { checkAwardProcedure } from '../legal/award-procedure';

const FRAMEWORK_MAX_MONTHS = 48;
const MANDATE_MAX_MONTHS = 60;
/** CCAG-FCS: the contractor has 15 days to comment. */
const DEFAULT_RESPONSE_DAYS = 15;

export function decideContractLifecycle(command: ContractLifecycleCommand, state: ContractState): ContractLifecycleEvent[] {
  if (command.type === 'DraftContract') return draft(command, state);
  const contract = existing(state);
  switch (command.type) {
    case 'PublishContract': {
      inStatus(contract, 'DRAFT', 'CONTRACT_NOT_IN_DRAFT');
      const lots = Object.values(contract.lots);
      if (lots.length === 0 || (lots.length === 1 && !contract.singleLotJustification)) {
        refuse('LOTS_REQUIRED', 'Define at least two lots, or one lot with the reason for not splitting', {
          lots: lots.length,
        });
      }
      if (contract.mode === 'FRAMEWORK_AGREEMENT') {
        const withoutMaximum = lots.filter((lot) => lot.maximumValueCents === undefined).map((lot) => lot.lotId);
        if (withoutMaximum.length > 0) {
          refuse('LOT_MAXIMUM_REQUIRED', 'Each lot of a framework agreement needs a maximum value', { lots: withoutMaximum });
        }
      }
      return [{ type: 'ContractPublished', data: { contractId: contract.contractId, publishedAt: command.meta.at } }];
    }
    case 'ActivateContract': {
      inStatus(contract, 'PUBLISHED', 'CONTRACT_NOT_PUBLISHED');
      const unawarded = Object.values(contract.lots).filter((lot) => !lot.awardee).map((lot) => lot.lotId);
      if (unawarded.length > 0) refuse('LOTS_NOT_ALL_AWARDED', 'Award every lot before activating', { lots: unawarded });
      return [{ type: 'ContractActivated', data: { contractId: contract.contractId, activatedAt: command.meta.at } }];
    }
    case 'CloseContract':
      inStatus(contract, 'ACTIVE', 'CONTRACT_NOT_ACTIVE');
      return [closing(contract, command)];
    case 'TerminateContract':
      if (contract.status === 'CLOSED' || contract.status === 'TERMINATED') {
        refuse('CONTRACT_NOT_ACTIVE', `The contract is already ${contract.status.toLowerCase()}`);
      }
      return [
        {
          type: 'ContractTerminated',
          data: { contractId: contract.contractId, terminatedAt: command.meta.at, reason: command.data.reason },
        },
      ];
  }
}

/**
 * CCP R2162-4: a framework agreement concluded with a minimum commits the buyer to order it; closing below it
 * leaves the holder a claim for what was not ordered. The minimum is each awarded lot's minimum quantity of each
 * work unit, against what its orders committed (adjustments included). Below it the closing is refused unless
 * the buyer records why, and the figures are recorded either way.
 */
function closing(contract: ExistingContract, command: CloseContract): ContractClosed {
  const base = { contractId: contract.contractId, closedAt: command.meta.at };
  if (contract.mode !== 'FRAMEWORK_AGREEMENT') return { type: 'ContractClosed', schemaVersion: CONTRACT_CLOSED_SCHEMA_VERSION, data: base };
  const shortfalls = Object.values(contract.lots)
    .filter((lot) => lot.awardee)
    .flatMap((lot) =>
      Object.values(lot.workUnits).flatMap((unit): MinimumShortfall[] => {
        const orderedQuantity = lot.ordered[unit!.type] ?? 0;
        const shortfallQuantity = unit!.minQuantity - orderedQuantity;
        if (shortfallQuantity <= 0) return [];
        return [{ lotId: lot.lotId, unitType: unit!.type, minQuantity: unit!.minQuantity, orderedQuantity, shortfallQuantity, shortfallValueCents: shortfallQuantity * unit!.unitPriceCents }];
      }),
    );
  const reason = command.data?.minimumShortfallReason;
  if (shortfalls.length > 0 && reason === undefined) {
    refuse(
      'FRAMEWORK_MINIMUM_NOT_REACHED',
      `The framework's minimum is not reached on ${shortfalls.map((s) => `${s.lotId} ${s.unitType} (${s.orderedQuantity} of ${s.minQuantity})`).join(', ')}: ` +
        'record why it is closed below it',
      { shortfalls, shortfallValueCents: shortfalls.reduce((sum, s) => sum + s.shortfallValueCents, 0) },
    );
  }
  return {
    type: 'ContractClosed',
    schemaVersion: CONTRACT_CLOSED_SCHEMA_VERSION,
    data: {
      ...base,
      minimum: { reached: shortfalls.length === 0, shortfalls },
      // A reason is kept only where there is a shortfall to explain.
      ...(shortfalls.length > 0 && reason !== undefined ? { minimumShortfallReason: reason } : {}),
    },
  };
}

function draft(command: DraftContract, state: ContractState): ContractLifecycleEvent[] {
  if (state.status !== 'EMPTY') refuse('CONTRACT_ALREADY_EXISTS', `Contract ${command.data.contractId} already exists`);
  const data = command.data;
  if (data.endDate <= data.startDate) {
    refuse('CONTRACT_DATES_INVALID', 'The contract must end after it starts', { startDate: data.startDate, endDate: data.endDate });
  }
  if (data.mode === 'FRAMEWORK_AGREEMENT' && data.maximumValueCents === undefined) {
    refuse('FRAMEWORK_MAXIMUM_REQUIRED', 'A framework agreement needs a maximum value');
  }
  if (data.awardProcedure !== undefined) {
    checkAwardProcedure({
      award: data.awardProcedure,
      cpvCode: data.cpvCode,
      buyerKind: 'SUB_CENTRAL',
      // CCP R2121-8: a framework's value is its maximum over its whole term.
      estimatedValueCents: data.maximumValueCents ?? data.initialValueCents,
      date: command.meta.at,
    });
  }
  const justifiedMonths = checkDuration(data.mode, data.startDate, data.endDate, { reason: data.durationJustification });
  if (data.maximumValueCents !== undefined && data.maximumValueCents < data.initialValueCents) {
    refuse('MAXIMUM_BELOW_INITIAL_VALUE', 'The maximum value is below the initial value', {
      initialValueCents: data.initialValueCents,
      maximumValueCents: data.maximumValueCents,
    });
  }
  return [
    {
      type: 'ContractDrafted',
      data: {
        ...data,
        buyerId: command.meta.actorId,
        amendmentResponseDays: data.amendmentResponseDays ?? DEFAULT_RESPONSE_DAYS,
        ...(justifiedMonths === undefined ? {} : { justifiedMonths }),
      },
    },
  ];
}

/** The contract, or a refusal when nothing was drafted under this id. */
export function existing(state: ContractState): ExistingContract {
  if (state.status === 'EMPTY') refuse('CONTRACT_NOT_FOUND', 'No contract with this id');
  return state;
}

export function inStatus(
  contract: ExistingContract,
  status: ExistingContract['status'],
  code: 'CONTRACT_NOT_IN_DRAFT' | 'CONTRACT_NOT_PUBLISHED' | 'CONTRACT_NOT_ACTIVE',
): void {
  if (contract.status !== status) {
    refuse(code, `The contract is ${contract.status.toLowerCase()}; this needs it ${status.toLowerCase()}`, {
      status: contract.status,
    });
  }
}

/**
 * Legal maximum durations by mode, checked at drafting and again when an amendment extends the contract. A
 * framework agreement lasts at most four years (CCP L2125-1 1°) "sauf dans des cas exceptionnels dûment
 * justifiés, notamment par leur objet ou par le fait que leur exécution nécessite des investissements
 * amortissables sur une durée supérieure": beyond them, the buyer records why. At drafting the justification
 * covers the duration drafted, whose months are returned to be recorded; an amendment may extend a justified
 * framework up to those months (`justified.months`), not beyond.
 */
export function checkDuration(mode: ContractMode, startDate: string, endDate: string, justified: { reason?: string; months?: number } = {}): number | undefined {
  // The end date is the last day of the contract (orders are allowed on it), so the period runs to the next day.
  const months = monthsBetween(startDate, addDays(endDate, 1));
  if (mode === 'FRAMEWORK_AGREEMENT' && months > FRAMEWORK_MAX_MONTHS) {
    const atDrafting = justified.months === undefined;
    const allowedMonths = atDrafting ? (justified.reason ? months : FRAMEWORK_MAX_MONTHS) : Math.max(FRAMEWORK_MAX_MONTHS, justified.months!);
    if (months > allowedMonths) {
      refuse(
        'FRAMEWORK_DURATION_EXCEEDS_4_YEARS',
        atDrafting
          ? `A framework agreement lasts at most 4 years unless the reason is recorded (durationJustification); this one lasts ${months} months`
          : `The framework agreement's recorded justification covers ${allowedMonths} months; this one would last ${months}`,
        { months, maximumMonths: FRAMEWORK_MAX_MONTHS, ...(justified.months === undefined ? {} : { justifiedMonths: justified.months }) },
      );
    }
    return atDrafting ? months : undefined;
  }
  if (mode === 'PUBLIC_SERVICE_MANDATE' && months > MANDATE_MAX_MONTHS) {
    refuse('MANDATE_DURATION_EXCEEDS_5_YEARS', `A public-service mandate lasts at most 5 years; this one lasts ${months} months`, {
      months,
      maximumMonths: MANDATE_MAX_MONTHS,
    });
  }
  return undefined;
}
