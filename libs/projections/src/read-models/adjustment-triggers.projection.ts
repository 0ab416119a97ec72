import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import { contractIdOf, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

/** Events after which the adjustment policy may decide differently. */
const TRIGGERS = [
  'AdjustmentPolicyConfigured',
  'OrderIssued',
  'OrderQuantityAdjusted',
  'OrderSessionAdded',
  'OrderSessionCancelled',
  'OrderClosed',
  'TraineeEntered',
  'TraineeWaitlisted',
  'TraineeLeftEarly',
  'TraineeCompleted',
  'SessionEnded',
  // Per tenant, not per contract: moves every contract of the tenant that has a policy.
  'RecruitmentTensionObserved',
  'TraineeReferred',
  'ReferralRefused',
  'ReferralNoShow',
  'TraineeAtRiskReported',
  'OrderTraineeSwitchedToRemote',
];

/**
 * Which contracts have an adjustment policy, and the position of the newest event that may change what it
 * proposes: the adjustment loop runs each contract once per such position.
 */
export const adjustmentTriggersProjection: Projection = {
  name: 'adjustment_triggers',
  version: 1,
  schema: `
    CREATE TABLE adjustment_triggers (
      contract_id TEXT PRIMARY KEY,
      tenant TEXT NOT NULL,
      has_policy INTEGER NOT NULL DEFAULT 0,
      state_position INTEGER NOT NULL
    );`,
  handles: new Set(TRIGGERS),
  apply(db: Database.Database, event: RecordedEvent): void {
    if (event.type === 'RecruitmentTensionObserved') {
      prepared(db, 'UPDATE adjustment_triggers SET state_position = ? WHERE tenant = ? AND has_policy = 1').run(event.position, event.metadata.tenant);
      return;
    }
    const contractId = contractIdOf(event);
    const hasPolicy = event.type === 'AdjustmentPolicyConfigured' ? 1 : 0;
    prepared(
      db,
      `INSERT INTO adjustment_triggers (contract_id, tenant, has_policy, state_position) VALUES (?, ?, ?, ?)
       ON CONFLICT (contract_id) DO UPDATE SET has_policy = MAX(has_policy, excluded.has_policy), state_position = excluded.state_position`,
    ).run(contractId, event.metadata.tenant, hasPolicy, event.position);
  },
};
