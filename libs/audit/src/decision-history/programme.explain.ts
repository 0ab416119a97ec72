import { ProgrammeEvent } from '@app/procurement';
import { FacetExplain, money, words } from './facet-explain';

export const PROGRAMME_EXPLAIN: FacetExplain<ProgrammeEvent> = {
  ProgrammeDefined: (event) => {
    const d = event.data;
    return [`Programme "${d.title}" defined from ${d.startDate} to ${d.endDate}, the Région's reference level ${money(d.regionReferenceLevelCents)}`, { figures: { regionReferenceLevelCents: d.regionReferenceLevelCents } }];
  },
  ProjectAdded: (event) => [`Project ${event.data.projectId} "${event.data.title}" added to programme ${event.data.programmeId}`, {}],
  FundingLineAdded: (event) => {
    const d = event.data;
    return [`Funding line ${d.fundingLineId} (${words(d.funder)}, ${d.label}) of ${money(d.amountCents)} from ${d.startDate} to ${d.endDate}`, { figures: { amountCents: d.amountCents } }];
  },
  ObjectiveSet: (event) => {
    const d = event.data;
    return [`Objective ${d.objectiveId} of project ${d.projectId}: ${words(d.indicator)} ${d.targetValue} by ${d.targetDate}`, { figures: { targetValue: d.targetValue } }];
  },
  TargetShareSet: (event) => {
    const d = event.data;
    return [`Target share of ${words(d.targetPublic)}: ${d.percent}% of the trainees entered, from ${d.validFrom}`, { figures: { percent: d.percent } }];
  },
  LotAttached: (event) => {
    const d = event.data;
    return [`Lot ${d.lotId} of contract ${d.contractId} attached to project ${d.projectId}, funded by line ${d.fundingLineId}`, {}];
  },
};
