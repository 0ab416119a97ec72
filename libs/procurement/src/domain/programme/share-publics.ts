import { INFRA_BAC_LEVELS, NOT_RECORDED, TargetingAtEntry, TraineePublics } from '../delivery/delivery.events';

/**
 * The publics a programme may set a target share of, as counted among the trainees entered on its lots: the
 * five priority publics of the entry (QPV and rural residents, disabled people, isolated parents, young NEETs),
 * and from the targeting data the PIC's core public (no qualification; infra-bac: no qualification or level 3),
 * the young (under 26), the 45 and over, women and people in a situation of illiteracy (Pactes régionaux
 * d'investissement dans les compétences, cahier des charges; CNEFOP recommendations, axis 4).
 */
export const SHARE_PUBLICS = [
  'QPV_RESIDENT',
  'RURAL_RESIDENT',
  'DISABLED',
  'ISOLATED_PARENT',
  'YOUNG_NEET',
  'NO_QUALIFICATION',
  'INFRA_BAC',
  'UNDER_26',
  'AGED_45_AND_OVER',
  'WOMEN',
  'ILLITERATE',
] as const;
export type SharePublic = (typeof SHARE_PUBLICS)[number];

/**
 * Whether an entry belongs to each target public: true or false, or null where the entry did not state what the
 * public is counted from (its targeting data NOT_RECORDED): such an entry is left out of that share, never guessed.
 */
export function sharePublicsOf(publics: TraineePublics, targeting: TargetingAtEntry): Record<SharePublic, boolean | null> {
  const stated = targeting === NOT_RECORDED ? undefined : targeting;
  const fromTargeting = (belongs: (t: NonNullable<typeof stated>) => boolean): boolean | null => (stated === undefined ? null : belongs(stated));
  return {
    QPV_RESIDENT: publics.qpvResident,
    RURAL_RESIDENT: publics.ruralResident,
    DISABLED: publics.disabled,
    ISOLATED_PARENT: publics.isolatedParent,
    YOUNG_NEET: publics.youngNeet,
    NO_QUALIFICATION: fromTargeting((t) => t.qualificationLevel === 'NONE'),
    INFRA_BAC: fromTargeting((t) => INFRA_BAC_LEVELS.includes(t.qualificationLevel)),
    UNDER_26: fromTargeting((t) => t.ageBand === 'UNDER_26'),
    AGED_45_AND_OVER: fromTargeting((t) => t.ageBand === 'AGED_45_AND_OVER'),
    WOMEN: fromTargeting((t) => t.sex === 'FEMALE'),
    ILLITERATE: fromTargeting((t) => t.illiterate),
  };
}

/**
 * The national figure a share is compared with where the programme sets no target for its public: the PIC
 * proposes that 15% of all the people trained live in a priority urban area (QPV), "à décliner dans chaque région
 * suivant les caractéristiques des territoires" (Pactes régionaux d'investissement dans les compétences, cahier
 * des charges, 2018, objectifs opérationnels). No other public has a national figure: without a target of the
 * programme, its share is shown without one.
 */
export const NATIONAL_QPV_TARGET = {
  percent: 15,
  source: 'PIC, Pactes régionaux d’investissement dans les compétences, cahier des charges (2018): 15% of the people trained resident in a QPV',
} as const;
export const NATIONAL_TARGET_SHARES: Readonly<Partial<Record<SharePublic, { percent: number; source: string }>>> = { QPV_RESIDENT: NATIONAL_QPV_TARGET };
