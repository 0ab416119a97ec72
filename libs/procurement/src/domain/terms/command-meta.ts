/** What every procurement command carries besides its data: when, and who (time never comes from a clock). */
export interface CommandMeta {
  /** ISO-8601 time the command was received. */
  at: string;
  actorId: string;
  /** The provider the actor represents, for commands sent by providers. */
  providerId?: string;
}

/** The calendar day (YYYY-MM-DD) of an ISO time, in UTC. */
export function dayOf(isoTime: string): string {
  return isoTime.slice(0, 10);
}

/** Whole days from one date to another (negative when going back). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(dayOf(to)) - Date.parse(dayOf(from))) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(dayOf(date)) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Length in whole months between two dates, counting a started month (for durations like "4 years"). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = dayOf(from).split('-').map(Number);
  const [ty, tm, td] = dayOf(to).split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + (td > fd ? 1 : 0);
}
