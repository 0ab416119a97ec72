import type { RecordedEvent } from '@app/event-store';
import type { QualiopiCheck } from '@app/procurement';
import type { DecisionGrounds } from './decision-grounds';

/** A decision in words: the sentence an auditor reads and what it rests on. */
export type Explanation = [string, DecisionGrounds];

/**
 * How each event of a facet reads in the decision history, one function per event type of the facet: the compiler
 * asks for a case for every type, and the history's explanations are the facets' tables merged. The recorded event
 * is there for what its data does not say (the schema version it was recorded at).
 */
export type FacetExplain<E extends { type: string }> = {
  readonly [T in E['type']]: (event: Extract<E, { type: T }>, recorded: RecordedEvent) => Explanation;
};

/** An event without a sentence of its own: its type in words, and its stream. */
export function byItsType(recorded: RecordedEvent): Explanation {
  return [`${sentence(recorded.type)} (${recorded.streamId})`, {}];
}

/** The Qualiopi certificates a decision was checked against, in words (nothing for one recorded before the check). */
export function certified(qualiopi: QualiopiCheck | undefined): string {
  if (!qualiopi) return '';
  const held = qualiopi.certificates.map(({ providerId, certificate }) => `${providerId}'s ${certificate.number} (${certificate.certifier}, valid to ${certificate.validUntil})`);
  return `; Qualiopi certificate${held.length === 1 ? '' : 's'} ${held.join(', ')} valid on ${qualiopi.checkedOn}`;
}

const euro = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

export function money(cents: number): string {
  return euro.format(cents / 100);
}

export function signedMoney(cents: number): string {
  return cents < 0 ? `-${money(-cents)}` : `+${money(cents)}`;
}

export function signed(value: number): string {
  return value < 0 ? String(value) : `+${value}`;
}

/** FRAMEWORK_AGREEMENT → "framework agreement". */
export function words(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

/** SomethingHappened → "Something happened". */
function sentence(type: string): string {
  const spaced = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
