import { existing } from '../contract/contract.decider';
import { ContractState } from '../contract/contract.state';
import { refuse } from '../contract/refuse';
import { ClauseCommand } from './clause.commands';
import { ClauseEvent } from './clause.events';

export function decideClause(command: ClauseCommand, state: ContractState): ClauseEvent[] {
  const contract = existing(state);
  if (contract.status !== 'DRAFT') {
    refuse('CLAUSES_FROZEN_AFTER_PUBLICATION', 'Clauses are part of the initial documents: they are set before publication', {
      status: contract.status,
    });
  }
  const { clauseId, lotId, terms } = command.data;
  if (contract.clauses[clauseId]) refuse('CLAUSE_ALREADY_DEFINED', `Clause ${clauseId} is already defined`);
  if (lotId !== undefined && !contract.lots[lotId]) refuse('LOT_NOT_FOUND', `No lot ${lotId} in this contract`);
  if (terms.type === 'VOLUME' && lotId !== undefined && !contract.lots[lotId].workUnits[terms.unitType]) {
    refuse('UNKNOWN_WORK_UNIT', `Lot ${lotId} has no ${terms.unitType} work unit`);
  }
  return [{ type: 'ClauseAdded', data: command.data }];
}
