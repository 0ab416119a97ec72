import { EventStore, Upcasters, withUpcasters } from '@app/event-store';
import { EVENT_UPCASTERS } from '../domain/event-upcasters';

/** The product's upcasters, checked once (versions from 1, without gap). */
export const UPCASTERS = new Upcasters(EVENT_UPCASTERS);

/**
 * The store read through the product's upcasters: what the apps inject as EVENT_STORE, and what a command-line
 * tool or a test opening an adapter itself reads from, so that it sees events as the apps do.
 */
export function readingCurrentShapes(store: EventStore): EventStore {
  return withUpcasters(store, UPCASTERS);
}
