import type { Role } from '@app/event-store';

/** What every coordination command carries besides its data: when, and who (time never comes from a clock). */
export interface CoordinationMeta {
  /** ISO-8601 time the command was received. */
  at: string;
  actorId: string;
  role: Role;
}

/** The calendar day (YYYY-MM-DD) of an ISO time, in UTC. */
export const dayOf = (isoTime: string): string => isoTime.slice(0, 10);

/** Days from one date to the other, both counted (2026-01-01 to 2026-01-01 is one day). */
export function daysIncluding(from: string, to: string): number {
  return Math.round((Date.parse(dayOf(to)) - Date.parse(dayOf(from))) / 86_400_000) + 1;
}
