import { specify } from '@app/shared/testing/decider-specification';
import { CommandMeta } from '../terms/command-meta';
import { ProgrammeCommand, programmeDecider } from './programme.decider';
import { ProgrammeEvent } from './programme.events';
import { SharePublic } from './share-publics';

const meta: CommandMeta = { at: '2026-01-05T09:00:00.000Z', actorId: 'buyer-ara' };
const programmeId = 'pric-ara-2026';
const defined: ProgrammeEvent = {
  type: 'ProgrammeDefined',
  data: { tenant: 'ARA', programmeId, title: 'Pacte ARA 2026-2028', startDate: '2026-01-01', endDate: '2028-12-31', regionReferenceLevelCents: 100_000_000, definedAt: meta.at },
};
const project: ProgrammeEvent = { type: 'ProjectAdded', data: { programmeId, projectId: 'digital', title: 'Parcours numériques', addedAt: meta.at } };
const line: ProgrammeEvent = {
  type: 'FundingLineAdded',
  data: { programmeId, fundingLineId: 'state', funder: 'STATE_PIC', label: 'PIC', amountCents: 50_000_000, startDate: '2026-01-01', endDate: '2028-12-31', addedAt: meta.at },
};
const attach: ProgrammeCommand = { type: 'AttachLot', meta, data: { programmeId, projectId: 'digital', contractId: 'c-1', lotId: 'LOT-1', fundingLineId: 'state' } };
const fundingLine = (startDate: string, endDate: string, fundingLineId = 'region'): ProgrammeCommand => ({
  type: 'AddFundingLine',
  meta,
  data: { programmeId, fundingLineId, funder: 'REGION', label: 'Région', amountCents: 10_000_000, startDate, endDate },
});
const objective = (targetDate: string, projectId = 'digital'): ProgrammeCommand => ({
  type: 'SetObjective',
  meta,
  data: { programmeId, objectiveId: 'entries', projectId, indicator: 'ENTRIES', targetValue: 500, targetDate },
});

describe('a programme', () => {
  it('is defined once, and not with its period reversed', () => {
    const { tenant: _tenant, definedAt: _definedAt, ...terms } = defined.data;
    const define = { type: 'DefineProgramme', meta, data: { tenant: 'ARA', ...terms } } as const;
    specify(programmeDecider).given([]).when(define).then([defined]);
    specify(programmeDecider).given([defined]).when(define).thenRefuses('PROGRAMME_ALREADY_DEFINED');
    specify(programmeDecider).given([]).when({ ...define, data: { ...define.data, endDate: '2025-12-31' } }).thenRefuses('PROGRAMME_PERIOD_REVERSED');
  });

  it('takes nothing before it is defined', () => {
    specify(programmeDecider).given([]).when({ type: 'AddProject', meta, data: { programmeId, projectId: 'p', title: 'P' } }).thenRefuses('PROGRAMME_NOT_DEFINED');
  });

  it('adds a project once', () => {
    specify(programmeDecider).given([defined, project]).when({ type: 'AddProject', meta, data: { programmeId, projectId: 'digital', title: 'Again' } }).thenRefuses('PROJECT_ALREADY_ADDED');
  });

  it('takes a funding line within its period, on its first and last day, and refuses one a day outside', () => {
    specify(programmeDecider).given([defined]).when(fundingLine('2026-01-01', '2028-12-31')).events();
    specify(programmeDecider).given([defined]).when(fundingLine('2025-12-31', '2028-12-31')).thenRefuses('FUNDING_LINE_OUTSIDE_PROGRAMME', { startDate: '2025-12-31', programmeStartDate: '2026-01-01' });
    specify(programmeDecider).given([defined]).when(fundingLine('2026-01-01', '2029-01-01')).thenRefuses('FUNDING_LINE_OUTSIDE_PROGRAMME', { endDate: '2029-01-01', programmeEndDate: '2028-12-31' });
    specify(programmeDecider).given([defined, line]).when(fundingLine('2026-01-01', '2026-12-31', 'state')).thenRefuses('FUNDING_LINE_ALREADY_ADDED');
  });

  it('sets an objective of a project dated within the programme, and sets it again with a new target', () => {
    const [first] = specify(programmeDecider).given([defined, project]).when(objective('2028-12-31')).events();
    expect(first).toMatchObject({ type: 'ObjectiveSet', data: { objectiveId: 'entries', targetValue: 500, targetDate: '2028-12-31', setAt: meta.at } });
    const state = specify(programmeDecider).given([defined, project, first, { ...first, data: { ...first.data, targetValue: 600 } } as ProgrammeEvent]).state;
    expect(state.objectives.entries.targetValue).toBe(600);
    specify(programmeDecider).given([defined, project]).when(objective('2029-01-01')).thenRefuses('OBJECTIVE_DATE_OUTSIDE_PROGRAMME', { targetDate: '2029-01-01' });
    specify(programmeDecider).given([defined, project]).when(objective('2027-06-30', 'unknown')).thenRefuses('PROJECT_NOT_FOUND');
  });

  it('attaches a lot once, to a project and a funding line of the programme', () => {
    specify(programmeDecider).given([defined, project, line]).when(attach).then([{ type: 'LotAttached', data: { ...attach.data, attachedAt: meta.at } } as ProgrammeEvent]);
    specify(programmeDecider).given([defined, project]).when(attach).thenRefuses('FUNDING_LINE_NOT_FOUND');
    specify(programmeDecider).given([defined, line]).when(attach).thenRefuses('PROJECT_NOT_FOUND');
    const attached: ProgrammeEvent = { type: 'LotAttached', data: { ...(attach.data as Extract<ProgrammeCommand, { type: 'AttachLot' }>['data']), attachedAt: meta.at } };
    specify(programmeDecider).given([defined, project, line, attached]).when(attach).thenRefuses('LOT_ALREADY_ATTACHED', { projectId: 'digital' });
  });

  describe('target shares', () => {
    const target = (percent: number, validFrom = '2026-01-01', targetPublic: SharePublic = 'QPV_RESIDENT'): ProgrammeCommand => ({
      type: 'SetTargetShare',
      meta,
      data: { programmeId, targetPublic, percent, validFrom },
    });

    it('sets the share of a public the buyer aims at from a day of the programme, on its first and last day', () => {
      specify(programmeDecider).given([defined]).when(target(20)).then([{ type: 'TargetShareSet', data: { programmeId, targetPublic: 'QPV_RESIDENT', percent: 20, validFrom: '2026-01-01', setAt: meta.at } }]);
      specify(programmeDecider).given([defined]).when(target(45.5, '2028-12-31', 'INFRA_BAC')).events();
    });

    it('refuses a target valid from a day outside the programme', () => {
      specify(programmeDecider).given([defined]).when(target(20, '2025-12-31')).thenRefuses('TARGET_DATE_OUTSIDE_PROGRAMME', { validFrom: '2025-12-31', programmeStartDate: '2026-01-01' });
      specify(programmeDecider).given([defined]).when(target(20, '2029-01-01')).thenRefuses('TARGET_DATE_OUTSIDE_PROGRAMME', { validFrom: '2029-01-01', programmeEndDate: '2028-12-31' });
    });

    it('takes a share above 0 and up to 100, to the hundredth of a point', () => {
      specify(programmeDecider).given([defined]).when(target(100)).events();
      specify(programmeDecider).given([defined]).when(target(0.01)).events();
      for (const percent of [0, 100.01, -5, 12.345]) {
        specify(programmeDecider).given([defined]).when(target(percent)).thenRefuses('TARGET_SHARE_OUT_OF_RANGE', { percent });
      }
    });

    it('keeps every target set, a later one beside the earlier', () => {
      const [first] = specify(programmeDecider).given([defined]).when(target(20)).events();
      const [second] = specify(programmeDecider).given([defined, first]).when(target(25, '2027-01-01')).events();
      expect(specify(programmeDecider).given([defined, first, second]).state.targets.map((t) => [t.percent, t.validFrom])).toEqual([
        [20, '2026-01-01'],
        [25, '2027-01-01'],
      ]);
    });

    it('is refused before the programme is defined', () => {
      specify(programmeDecider).given([]).when(target(20)).thenRefuses('PROGRAMME_NOT_DEFINED');
    });
  });
});
