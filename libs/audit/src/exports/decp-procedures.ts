import { AwardProcedureKind } from '@app/procurement';

/**
 * The DECP 2.0.3 schema's procedure labels (marche.procedure enum), one per recorded award procedure. A module of
 * their own, as the OCDS release reads them too and decp-marche.ts reads the OCDS classification.
 */
export const DECP_PROCEDURES = {
  MAPA: 'Procédure adaptée',
  OPEN_TENDER: "Appel d'offres ouvert",
  RESTRICTED_TENDER: "Appel d'offres restreint",
  COMPETITIVE_NEGOTIATION: 'Procédure avec négociation',
  COMPETITIVE_DIALOGUE: 'Dialogue compétitif',
  WITHOUT_PUBLICATION_OR_COMPETITION: 'Marché passé sans publicité ni mise en concurrence préalable',
} as const satisfies Record<AwardProcedureKind, string>;
export type DecpProcedure = (typeof DECP_PROCEDURES)[AwardProcedureKind];
