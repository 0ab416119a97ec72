/** One stream per experimental project per tenant: its protocol, its candidates and its draw. */
export const evaluationStream = (tenant: string, programmeId: string, projectId: string): string => `evaluation-${tenant}-${programmeId}-${projectId}`;

/**
 * Which evaluation a lot's entries are checked against: one small stream per lot, written before the draw is
 * recorded, so that the entry of a trainee on an order of the lot finds the draw without scanning the log.
 */
export const evaluatedLotStream = (tenant: string, contractId: string, lotId: string): string => `evaluated-lot-${tenant}-${contractId}-${lotId}`;

/** The flags of the priority publics (as declared at a trainee's entry) an eligibility criterion can require. */
export const ELIGIBILITY_FLAGS = ['qpvResident', 'ruralResident', 'disabled', 'isolatedParent', 'youngNeet'] as const;
export type EligibilityFlag = (typeof ELIGIBILITY_FLAGS)[number];

/** The version of the draw algorithm (`evaluation-draw.ts`) a draw was made with, recorded with it. */
export const DRAW_ALGORITHM = 'hmac-sha256-stratified-blocks/1';

export interface EvaluationArm {
  name: string;
  /** Its share in each block of allocation: arms of ratios 2 and 1 get 2 of every 3 candidates and 1. */
  ratio: number;
  /** Whether its candidates enter the experimental action: a control arm does not. */
  receivesAction: boolean;
}

/** A stratification factor (e.g. qualification level, territory) and the levels a candidate may have. */
export interface StratificationFactor {
  factor: string;
  levels: string[];
}

export interface EvaluationProtocol {
  /** The eligibility criteria in words, and the part of them the product checks on registration. */
  eligibility: { criteria: string; requiredFlags: EligibilityFlag[]; qualificationLevels?: string[] };
  arms: EvaluationArm[];
  strata: StratificationFactor[];
  /** SHA-256 of the secret seed, hex: the draw reveals a seed that must hash to it. */
  seedCommitment: string;
  /** The lots that deliver the experimental action (attached to the project in the programme). */
  lots: Array<{ contractId: string; lotId: string }>;
}

export type ExperimentalProjectDeclared = {
  type: 'ExperimentalProjectDeclared';
  data: { tenant: string; programmeId: string; projectId: string; title: string; protocol: EvaluationProtocol; declaredAt: string };
};

export interface CandidateProfile {
  /** A pseudonymous id (the trainee id it will be entered with): never a name or a NIR. */
  candidateId: string;
  /** Its level for each stratification factor of the protocol. */
  strata: Record<string, string>;
  flags: EligibilityFlag[];
  qualificationLevel?: string;
}

export type CandidateRegistered = {
  type: 'CandidateRegistered';
  data: { programmeId: string; projectId: string; candidate: CandidateProfile; registeredAt: string };
};

export type CandidateRegistrationClosed = {
  type: 'CandidateRegistrationClosed';
  data: { programmeId: string; projectId: string; candidates: number; closedAt: string };
};

export interface Assignment {
  candidateId: string;
  /** The stratum key: the candidate's levels in the protocol's order of factors, as a JSON array. */
  stratum: string;
  arm: string;
}

export type CandidatesDrawn = {
  type: 'CandidatesDrawn';
  data: {
    programmeId: string;
    projectId: string;
    /** The seed revealed, which hashes to the commitment. */
    seed: string;
    algorithm: typeof DRAW_ALGORITHM;
    /** The candidate ids in registration order, as the draw read them. */
    candidateIds: string[];
    assignments: Assignment[];
    drawnAt: string;
  };
};

export type EvaluationEvent = ExperimentalProjectDeclared | CandidateRegistered | CandidateRegistrationClosed | CandidatesDrawn;

export type LotPlacedUnderEvaluation = {
  type: 'LotPlacedUnderEvaluation';
  data: { tenant: string; contractId: string; lotId: string; programmeId: string; projectId: string };
};
