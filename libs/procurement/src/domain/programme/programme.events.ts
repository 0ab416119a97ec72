import { SharePublic } from './share-publics';

/**
 * Who funds a line of a programme. The regional Pactes of the Plan d'investissement dans les compétences (PIC,
 * 2019-2022, extended 2023-2024) join the State's money (STATE_PIC) to the Région's own (REGION), with the
 * European Social Fund (ESF, FSE+ for 2021-2027) and France Travail / Pôle emploi (POLE_EMPLOI) beside them.
 */
export const FUNDERS = ['STATE_PIC', 'REGION', 'ESF', 'POLE_EMPLOI', 'OTHER'] as const;
export type Funder = (typeof FUNDERS)[number];

/**
 * What an objective measures, over the lots attached to its project: trainees entered, certifications
 * obtained, or the value committed by purchase orders (in cents).
 */
export const OBJECTIVE_INDICATORS = ['ENTRIES', 'CERTIFICATIONS', 'COMMITTED_VALUE_CENTS'] as const;
export type ObjectiveIndicator = (typeof OBJECTIVE_INDICATORS)[number];

/** One stream per programme per tenant. */
export const programmeStream = (tenant: string, programmeId: string): string => `programme-${tenant}-${programmeId}`;

export type ProgrammeDefined = {
  type: 'ProgrammeDefined';
  data: {
    tenant: string;
    programmeId: string;
    title: string;
    startDate: string;
    endDate: string;
    /**
     * The Région's own spending on the programme's training before it (the Pacte's "niveau de référence"), in
     * cents: the State's money is additional only beyond it.
     */
    regionReferenceLevelCents: number;
    definedAt: string;
  };
};
export type ProjectAdded = { type: 'ProjectAdded'; data: { programmeId: string; projectId: string; title: string; addedAt: string } };
export type FundingLineAdded = {
  type: 'FundingLineAdded';
  data: { programmeId: string; fundingLineId: string; funder: Funder; label: string; amountCents: number; startDate: string; endDate: string; addedAt: string };
};
/** An objective set, or set again with a new target (the earlier targets stay in the history). */
export type ObjectiveSet = {
  type: 'ObjectiveSet';
  data: { programmeId: string; objectiveId: string; projectId: string; indicator: ObjectiveIndicator; targetValue: number; targetDate: string; setAt: string };
};
/**
 * The share of a public the buyer aims at among the trainees entered on the programme's lots, in percent, from
 * a day on: the Région's own declension of the PIC's targets (set again from a later day, or on the same day to
 * correct it; the earlier targets stay in the history). The share on a day is compared with the target valid then.
 */
export type TargetShareSet = {
  type: 'TargetShareSet';
  data: { programmeId: string; targetPublic: SharePublic; percent: number; validFrom: string; setAt: string };
};
export type LotAttached = {
  type: 'LotAttached';
  data: { programmeId: string; projectId: string; contractId: string; lotId: string; fundingLineId: string; attachedAt: string };
};

export type ProgrammeEvent = ProgrammeDefined | ProjectAdded | FundingLineAdded | ObjectiveSet | TargetShareSet | LotAttached;
