/**
 * Rules of a randomised evaluation of an experimental project (PIC, seed 002 §3.5: "une évaluation systématique …
 * au moyen d'un protocole d'assignation aléatoire"): a draw nobody can redo in secret, since its seed is committed
 * before the list of candidates is closed, and an assignment the action respects.
 */
export const EVALUATION_RULES = {
  EVALUATION_ALREADY_DECLARED: 'A project is declared experimental once, with one protocol',
  EVALUATION_NOT_DECLARED: 'Candidates and draws belong to a project declared experimental',
  EVALUATION_PROTOCOL_INVALID: 'A protocol has at least two arms of distinct names with whole ratios of at least 1, one of them receiving the action, and distinct stratification factors with distinct levels',
  EVALUATION_SEED_COMMITMENT_MALFORMED: 'The seed is committed by its SHA-256 hash (64 hexadecimal digits) when the protocol is declared, before registration opens',
  CANDIDATE_ALREADY_REGISTERED: 'A candidate is registered once per evaluation',
  CANDIDATE_ID_NOT_PSEUDONYMOUS: 'A candidate is named by a pseudonymous id, never by a name or a social-security number (GDPR art. 4(5), 25)',
  CANDIDATE_STRATUM_INVALID: 'A candidate gives one level of the protocol for each stratification factor, and no other factor',
  CANDIDATE_NOT_ELIGIBLE: 'A candidate meets the structured eligibility criteria of the protocol (required public flags, qualification levels)',
  CANDIDATE_REGISTRATION_CLOSED: 'Candidates are registered until registration closes: the list the draw reads is fixed before the seed is revealed',
  EVALUATION_NO_CANDIDATES: 'Registration closes with at least one candidate',
  DRAW_BEFORE_REGISTRATION_CLOSED: 'The draw reads the closed list of candidates',
  DRAW_ALREADY_PERFORMED: 'The draw is performed once: it cannot be redone',
  EVALUATION_SEED_MISMATCH: 'The seed revealed at the draw hashes (SHA-256) to the commitment recorded before registration closed',
  EVALUATION_CONTROL_ARM_NOT_ENTERED: 'A candidate drawn into an arm that does not receive the experimental action is not entered into it',
  EVALUATION_LOT_NOT_IN_PROJECT: "The lots delivering the experimental action are attached to the project in the programme",
  LOT_UNDER_ANOTHER_EVALUATION: 'A lot delivers the experimental action of one evaluation at most',
} as const;
