import { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';

/** An append waiting for the next group commit of the embedded or PostgreSQL log, settled when it is written. */
export interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What a group commit made of each append. */
export type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };
