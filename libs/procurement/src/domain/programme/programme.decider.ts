import { Decider } from '@app/shared';
import { refuse } from '../contract/refuse';
import { CommandMeta } from '../terms/command-meta';
import { FundingLineAdded, LotAttached, ObjectiveSet, ProgrammeDefined, ProgrammeEvent, ProjectAdded, TargetShareSet } from './programme.events';

type DataOf<Event extends { data: unknown }, Stamp extends string> = Omit<Event['data'], Stamp>;

export type ProgrammeCommand =
  | { type: 'DefineProgramme'; meta: CommandMeta; data: DataOf<ProgrammeDefined, 'definedAt'> }
  | { type: 'AddProject'; meta: CommandMeta; data: DataOf<ProjectAdded, 'addedAt'> }
  | { type: 'AddFundingLine'; meta: CommandMeta; data: DataOf<FundingLineAdded, 'addedAt'> }
  | { type: 'SetObjective'; meta: CommandMeta; data: DataOf<ObjectiveSet, 'setAt'> }
  | { type: 'SetTargetShare'; meta: CommandMeta; data: DataOf<TargetShareSet, 'setAt'> }
  | { type: 'AttachLot'; meta: CommandMeta; data: DataOf<LotAttached, 'attachedAt'> };

export interface ProgrammeState {
  programme?: ProgrammeDefined['data'];
  projects: Record<string, ProjectAdded['data']>;
  fundingLines: Record<string, FundingLineAdded['data']>;
  /** The latest target of each objective. */
  objectives: Record<string, ObjectiveSet['data']>;
  /** Every target share set, in the order set. */
  targets: TargetShareSet['data'][];
  lots: LotAttached['data'][];
}

export const initialProgrammeState = (): ProgrammeState => ({ projects: {}, fundingLines: {}, objectives: {}, targets: [], lots: [] });

export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeDefined':
      return { ...state, programme: event.data };
    case 'ProjectAdded':
      return { ...state, projects: { ...state.projects, [event.data.projectId]: event.data } };
    case 'FundingLineAdded':
      return { ...state, fundingLines: { ...state.fundingLines, [event.data.fundingLineId]: event.data } };
    case 'ObjectiveSet':
      return { ...state, objectives: { ...state.objectives, [event.data.objectiveId]: event.data } };
    case 'TargetShareSet':
      return { ...state, targets: [...state.targets, event.data] };
    case 'LotAttached':
      return { ...state, lots: [...state.lots, event.data] };
  }
}

export function decideProgramme(command: ProgrammeCommand, state: ProgrammeState): ProgrammeEvent[] {
  const at = command.meta.at;
  if (command.type === 'DefineProgramme') {
    if (state.programme) refuse('PROGRAMME_ALREADY_DEFINED', `Programme ${command.data.programmeId} is already defined`);
    const { startDate, endDate } = command.data;
    if (endDate < startDate) refuse('PROGRAMME_PERIOD_REVERSED', 'The programme ends before it begins', { startDate, endDate });
    return [{ type: 'ProgrammeDefined', data: { ...command.data, definedAt: at } }];
  }
  const programme = state.programme;
  if (!programme) refuse('PROGRAMME_NOT_DEFINED', `Programme ${command.data.programmeId} is not defined`);
  const within = (day: string) => programme.startDate <= day && day <= programme.endDate;
  switch (command.type) {
    case 'AddProject':
      if (state.projects[command.data.projectId]) refuse('PROJECT_ALREADY_ADDED', `Project ${command.data.projectId} is already in the programme`);
      return [{ type: 'ProjectAdded', data: { ...command.data, addedAt: at } }];
    case 'AddFundingLine': {
      const { fundingLineId, startDate, endDate } = command.data;
      if (state.fundingLines[fundingLineId]) refuse('FUNDING_LINE_ALREADY_ADDED', `Funding line ${fundingLineId} is already in the programme`);
      if (!(within(startDate) && within(endDate) && startDate <= endDate)) {
        refuse('FUNDING_LINE_OUTSIDE_PROGRAMME', `Funding line ${fundingLineId} runs from ${startDate} to ${endDate}, outside the programme's period`, {
          startDate,
          endDate,
          programmeStartDate: programme.startDate,
          programmeEndDate: programme.endDate,
        });
      }
      return [{ type: 'FundingLineAdded', data: { ...command.data, addedAt: at } }];
    }
    case 'SetObjective': {
      const { projectId, targetDate } = command.data;
      if (!state.projects[projectId]) refuse('PROJECT_NOT_FOUND', `No project ${projectId} in the programme`);
      if (!within(targetDate)) {
        refuse('OBJECTIVE_DATE_OUTSIDE_PROGRAMME', `The target date ${targetDate} is outside the programme's period`, {
          targetDate,
          programmeStartDate: programme.startDate,
          programmeEndDate: programme.endDate,
        });
      }
      return [{ type: 'ObjectiveSet', data: { ...command.data, setAt: at } }];
    }
    case 'SetTargetShare': {
      const { targetPublic, percent, validFrom } = command.data;
      // A share: more than nothing, at most every trainee, to the hundredth of a point.
      if (!(percent > 0 && percent <= 100 && Number.isInteger(percent * 100))) {
        refuse('TARGET_SHARE_OUT_OF_RANGE', `A target share of ${percent}% for ${targetPublic} is not a percentage above 0 and up to 100`, { targetPublic, percent });
      }
      if (!within(validFrom)) {
        refuse('TARGET_DATE_OUTSIDE_PROGRAMME', `The target of ${targetPublic} is valid from ${validFrom}, outside the programme's period`, {
          validFrom,
          programmeStartDate: programme.startDate,
          programmeEndDate: programme.endDate,
        });
      }
      return [{ type: 'TargetShareSet', data: { ...command.data, setAt: at } }];
    }
    case 'AttachLot': {
      const { projectId, fundingLineId, contractId, lotId } = command.data;
      if (!state.projects[projectId]) refuse('PROJECT_NOT_FOUND', `No project ${projectId} in the programme`);
      if (!state.fundingLines[fundingLineId]) refuse('FUNDING_LINE_NOT_FOUND', `No funding line ${fundingLineId} in the programme`);
      const attached = state.lots.find((lot) => lot.contractId === contractId && lot.lotId === lotId);
      if (attached) refuse('LOT_ALREADY_ATTACHED', `Lot ${lotId} of contract ${contractId} is already attached to project ${attached.projectId}`, { ...attached });
      return [{ type: 'LotAttached', data: { ...command.data, attachedAt: at } }];
    }
  }
}

export const programmeDecider: Decider<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = {
  initialState: initialProgrammeState,
  decide: decideProgramme,
  evolve: evolveProgramme,
};
