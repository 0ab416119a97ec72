import { EvaluationEvent, LotPlacedUnderEvaluation } from '@app/procurement';
import { FacetExplain } from './facet-explain';

export const EVALUATION_EXPLAIN: FacetExplain<EvaluationEvent | LotPlacedUnderEvaluation> = {
  ExperimentalProjectDeclared: (event) => {
    const d = event.data;
    const { arms, strata, seedCommitment, eligibility } = d.protocol;
    const armsInWords = arms.map(({ name, ratio, receivesAction }) => `${name} (ratio ${ratio}${receivesAction ? '' : ', not entered into the action'})`).join(', ');
    const strataInWords = strata.length === 0 ? 'no strata' : `strata by ${strata.map(({ factor, levels }) => `${factor} (${levels.join(', ')})`).join(' × ')}`;
    return [
      `Project ${d.projectId} of programme ${d.programmeId} declared experimental: arms ${armsInWords}; ${strataInWords}; eligibility: ${eligibility.criteria}; the seed committed by its SHA-256 ${seedCommitment}`,
      { figures: { arms: arms.length, ratios: arms.map(({ ratio }) => ratio).join(':') } },
    ];
  },
  CandidateRegistered: (event) => {
    const d = event.data;
    return [`Candidate ${d.candidate.candidateId} registered for the evaluation of project ${d.projectId}, stratum ${JSON.stringify(d.candidate.strata)}`, {}];
  },
  CandidateRegistrationClosed: (event) => [`Registration of candidates to the evaluation of project ${event.data.projectId} closed with ${event.data.candidates} candidates: the list the draw reads is fixed`, { figures: { candidates: event.data.candidates } }],
  CandidatesDrawn: (event) => {
    const d = event.data;
    const counts = new Map<string, Map<string, number>>();
    for (const { stratum, arm } of d.assignments) {
      const ofStratum = counts.get(stratum) ?? new Map<string, number>();
      counts.set(stratum, ofStratum.set(arm, (ofStratum.get(arm) ?? 0) + 1));
    }
    const countsInWords = [...counts].map(([stratum, arms]) => `${stratum}: ${[...arms].map(([arm, n]) => `${arm} ${n}`).join(', ')}`).join('; ');
    return [
      `Draw of the evaluation of project ${d.projectId}: the seed revealed hashes to the commitment, ${d.candidateIds.length} candidates assigned by ${d.algorithm} (${countsInWords}); anyone can run it again from the seed and the list`,
      { figures: { candidates: d.candidateIds.length } },
    ];
  },
  LotPlacedUnderEvaluation: (event) => [`Lot ${event.data.lotId} of contract ${event.data.contractId} delivers the experimental action of project ${event.data.projectId}: its entries are checked against the draw`, {}],
};
