import type { RecordedEvent } from '@app/event-store';
import type { CommandMeta, ProcurementCommand, QualiopiCheck, RegisterFact } from '@app/procurement';

/**
 * How the command behind each event of a facet is rebuilt, one function per event type: the compiler asks for a
 * case for every type, and contractCommandOf is the facets' tables merged. The recorded event is there for what
 * its data does not say (the schema version it was recorded at). Undefined when the command cannot be rebuilt
 * exactly (the events are then only folded, not decided again).
 */
export type FacetReconstruct<E extends { type: string }> = {
  readonly [T in E['type']]: (event: Extract<E, { type: T }>, meta: CommandMeta, recorded: RecordedEvent) => ProcurementCommand | undefined;
};

/**
 * The register's facts an award or an order was decided on, as recorded with it: the certificates it was checked
 * against. A decision recorded before the register was consulted has none, and is decided again without the check.
 */
export function registerOf(qualiopi: QualiopiCheck | undefined): { register?: RegisterFact[] } {
  return qualiopi ? { register: qualiopi.certificates.map(({ providerId, certificate }) => ({ providerId, registered: true, certificate })) } : {};
}
