import { IntegrityReport } from '@app/event-store';

/** Which of the three checks found a difference. */
export type VerificationCheck = 'integrity' | 'decision' | 'proposal';

/** An event that does not verify, and why. */
export interface BadEvent {
  check: VerificationCheck;
  position?: number;
  streamId?: string;
  revision?: number;
  eventId?: string;
  type?: string;
  /** Tenant of the event, when known (so an auditor's report can leave out other tenants' streams). */
  tenant?: string;
  reason: string;
}

export interface VerificationReport {
  ok: boolean;
  /** The first difference found: the integrity failure if the chains break, else the lowest position. */
  firstFailure?: BadEvent;
  integrity: IntegrityReport;
  decisions: {
    streams: number;
    events: number;
    /** Events that the decider, re-run on the state before them with the command rebuilt from them, produced again. */
    decided: number;
    /** Events whose command cannot be rebuilt exactly: checked only to fold into the state. */
    folded: number;
    /** Events of streams no decider writes (notifications, webhooks, …): not decided again. */
    otherStreams: number;
    failed: number;
    byType: Record<string, { decided: number; folded: number; failed: number }>;
  };
  proposals: {
    checked: number;
    matched: number;
    failed: number;
    /** Proposals made by another version of the policy than this build's: reported, not re-run. */
    unknownVersion: Array<{ position: number; streamId: string; tenant: string; proposalId: string; policyVersion: string }>;
  };
  /** The differences found, in log order (at most MAX_FAILURES). */
  failures: BadEvent[];
  notes: string[];
}

export interface VerificationProgress {
  phase: 'integrity' | 'decisions';
  done: number;
  total: number;
}

export const VERIFICATION_NOTES = [
  'Time of a command is its recorded occurredAt; the command is rebuilt from the first event it wrote.',
  'Delivery reports: event metadata does not record the provider a user acts for, so the provider-membership rule is not re-checked.',
  'Delivery terms are folded from the contract stream as it stood just before the delivery event in global order.',
  'Service statements and hours recorded before their current schema version (statements that paid every unit delivered, hours without the trainee and daily checks) are folded as recorded, not decided again under the rules of today.',
  'Amendments deemed accepted on the provider\'s silence were decided under a rule since withdrawn (an avenant needs the contractor\'s consent): they are folded as recorded, in force as they were, not decided again.',
  'Amendments and unilateral modifications recorded before their current schema version (checked with the ordinary services thresholds, the tender committee on every contract and the substantial test on every basis) are folded as recorded, not decided again.',
  'Evaluations: each draw is run again from the seed it reveals and the candidates registered before it; the refusal to enter a candidate drawn into a control arm is checked on the command path, from the lot\'s evaluation, and a recorded entry is not checked against the draw again.',
  'Purchase overlaps: the Région order is rebuilt from the figures recorded with the overlap; an order read and found apart leaves no trace, so a missed overlap is not detected.',
];
