import { existing, inStatus } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { QUALIOPI_CHECKED_SCHEMA_VERSION, requireQualiopi } from '../provider-register/qualiopi-check';
import { dayOf } from '../terms/command-meta';
import { awardeeProviderIds } from '../terms/procurement-terms';
import { LotCommand } from './lot.commands';
import { LOT_TRAINING_SCHEMA_VERSION, LotEvent } from './lot.events';

export function decideLot(command: LotCommand, state: ContractState): LotEvent[] {
  const contract = existing(state);
  switch (command.type) {
    case 'DefineLot': {
      inStatus(contract, 'DRAFT', 'CONTRACT_NOT_IN_DRAFT');
      const { lotId, workUnits, maximumValueCents } = command.data;
      if (contract.lots[lotId]) refuse('LOT_ALREADY_DEFINED', `Lot ${lotId} is already defined`);
      const types = workUnits.map((unit) => unit.type);
      if (new Set(types).size !== types.length) refuse('LOT_WORK_UNITS_DUPLICATED', 'A work unit type appears twice', { types });
      for (const unit of workUnits) {
        if (!(unit.minQuantity <= unit.initialQuantity && unit.initialQuantity <= unit.maxQuantity)) {
          refuse('LOT_QUANTITIES_INVALID', `${unit.type}: minimum ≤ initial ≤ maximum quantity is not met`, { ...unit });
        }
      }
      if (contract.mode === 'FRAMEWORK_AGREEMENT' && maximumValueCents === undefined) {
        refuse('LOT_MAXIMUM_REQUIRED', 'Each lot of a framework agreement needs a maximum value');
      }
      return [{ type: 'LotDefined', schemaVersion: LOT_TRAINING_SCHEMA_VERSION, data: command.data }];
    }
    case 'AwardLot': {
      inStatus(contract, 'PUBLISHED', 'CONTRACT_NOT_PUBLISHED');
      const { lotId, awardee, bidsReceived, register } = command.data;
      const lot = contract.lots[lotId];
      if (!lot) refuse('LOT_NOT_FOUND', `No lot ${lotId} in this contract`);
      if (lot.awardee) refuse('LOT_ALREADY_AWARDED', `Lot ${lotId} is already awarded`);
      if (awardee.kind === 'GROUPING' && !awardee.memberIds.includes(awardee.leadProviderId)) {
        refuse('GROUPING_LEAD_NOT_MEMBER', 'The lead provider must be a member of the grouping', { ...awardee });
      }
      const awarded = { lotId, awardee, awardedAt: command.meta.at, ...(bidsReceived === undefined ? {} : { bidsReceived }) };
      // An award recorded before the register was consulted carries no facts: decided again as it was.
      if (!register) return [{ type: 'LotAwarded', data: awarded }];
      const qualiopi = requireQualiopi(awardeeProviderIds(awardee), register, dayOf(command.meta.at));
      return [{ type: 'LotAwarded', schemaVersion: QUALIOPI_CHECKED_SCHEMA_VERSION, data: { ...awarded, qualiopi } }];
    }
  }
}
