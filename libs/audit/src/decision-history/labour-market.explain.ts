import { COORDINATION_RULES, LabourMarketEvent } from '@app/coordination';
import { FacetExplain } from './facet-explain';

export const LABOUR_MARKET_EXPLAIN: FacetExplain<LabourMarketEvent> = {
  LabourMarketSignalsImported: (event) => {
    const d = event.data;
    return [
      `Labour-market file imported for ${d.tenant}: ${d.rowCount} recruitment-tension figure(s) (import ${d.importId})`,
      { article: COORDINATION_RULES.DUPLICATE_SIGNAL_ROW, figures: { contentHash: d.contentHash, rowCount: d.rowCount } },
    ];
  },
  RecruitmentTensionObserved: (event) => {
    const d = event.data;
    return [
      `Recruitment tension of ${d.occupationCode} in ${d.territoryCode} for ${d.period}: index ${d.tensionIndex}, ${d.unfilledOffers} unfilled offer(s)`,
      { figures: { importId: d.importId, tensionIndex: d.tensionIndex, unfilledOffers: d.unfilledOffers } },
    ];
  },
};
