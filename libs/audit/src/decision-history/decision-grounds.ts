/** What a decision rests on: the clause or article, the figures checked, the inputs a proposal used. */
export interface DecisionGrounds {
  clauseId?: string;
  /** The legal basis an amendment relies on (CCP article code, e.g. R2194-8) and its eForms BT-200 code. */
  legalBasis?: string;
  eformsCode?: string;
  /** The text of the article or rule that was checked. */
  article?: string;
  /** The figures the rule was checked against, as recorded with the decision. */
  figures?: Record<string, unknown>;
  /** The reason the actor gave. */
  reason?: string;
  /** Version of the adjustment policy and the projection values it used. */
  policyVersion?: string;
  inputs?: Record<string, number | string>;
}
