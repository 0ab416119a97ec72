import { ContractDrafted, ContractLifecycleEvent, RULES } from '@app/procurement';
import type { DecisionGrounds } from './decision-grounds';
import { FacetExplain, money, words } from './facet-explain';

export const CONTRACT_EXPLAIN: FacetExplain<ContractLifecycleEvent> = {
  ContractDrafted: (event) => {
    const d = event.data;
    const maximum = d.maximumValueCents === undefined ? '' : `, maximum ${money(d.maximumValueCents)}`;
    return [
      `Contract "${d.title}" drafted as ${words(d.mode)} from ${d.startDate} to ${d.endDate}, initial value ${money(d.initialValueCents)}${maximum}` +
        (d.justifiedMonths === undefined ? '' : `, ${d.justifiedMonths} months, beyond four years on a recorded justification`) +
        (d.awardProcedure === undefined ? '' : `, awarded under ${words(d.awardProcedure.procedure)}${d.awardProcedure.ground ? ` on the ground of CCP ${d.awardProcedure.ground}` : ''}`) +
        (d.cpvCode === undefined ? '' : `, CPV ${d.cpvCode}`),
      draftingGrounds(d),
    ];
  },
  ContractPublished: () => ['Contract published', { article: RULES.LOTS_REQUIRED }],
  ContractActivated: () => ['Contract activated: every lot is awarded', { article: RULES.LOTS_NOT_ALL_AWARDED }],
  ContractClosed: (event) => {
    const { minimum, minimumShortfallReason } = event.data;
    if (!minimum) return ['Contract closed', {}];
    if (minimum.reached) return ["Contract closed, the framework's minimum reached", { article: RULES.FRAMEWORK_MINIMUM_NOT_REACHED, figures: { minimum } }];
    const shortfall = minimum.shortfalls.reduce((sum, s) => sum + s.shortfallValueCents, 0);
    return [
      `Contract closed below the framework's minimum (${minimum.shortfalls.map((s) => `${s.lotId} ${s.unitType}: ${s.orderedQuantity} of ${s.minQuantity}`).join('; ')}, ${money(shortfall)} not ordered)`,
      { article: RULES.FRAMEWORK_MINIMUM_NOT_REACHED, figures: { minimum }, reason: minimumShortfallReason },
    ];
  },
  ContractTerminated: (event) => ['Contract terminated', { reason: event.data.reason }],
};

/** The justifications recorded at drafting: not splitting into lots (L2113-11), lasting beyond four years (L2125-1 1°). */
function draftingGrounds(d: ContractDrafted['data']): DecisionGrounds {
  const grounds = [
    ...(d.singleLotJustification ? [{ article: RULES.LOTS_REQUIRED, reason: d.singleLotJustification }] : []),
    ...(d.durationJustification ? [{ article: RULES.FRAMEWORK_DURATION_EXCEEDS_4_YEARS, reason: d.durationJustification }] : []),
  ];
  if (grounds.length === 0) return {};
  return {
    article: grounds.map((g) => g.article).join('; '),
    reason: grounds.map((g) => g.reason).join('; '),
    ...(d.justifiedMonths === undefined ? {} : { figures: { justifiedMonths: d.justifiedMonths } }),
  };
}
