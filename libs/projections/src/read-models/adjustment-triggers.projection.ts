import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import { contractIdOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable } from './read-model-table';
import { prepared } from '../sqlite/prepared';

const ADJUSTMENT_TRIGGERS = readModelTable(
  'adjustment_triggers',
  { contract_id: column.textKey(), tenant: column.text(), has_policy: column.count(), state_position: column.integer() },
  { key: ['contract_id'] },
);

/** Events after which the adjustment policy may decide differently. */
const TRIGGERS: DomainEventType[] = [
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
  'AbsenceRunDetected',
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
    ${ADJUSTMENT_TRIGGERS.createTable}`,
  handles: new Set<DomainEventType>(TRIGGERS),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contracts = buffered(db, ADJUSTMENT_TRIGGERS);
    if (event.type === 'RecruitmentTensionObserved') {
      // Every contract of the tenant with a policy: written first, so the query sees this transaction's rows too.
      contracts.flush();
      const withPolicy = prepared(db, 'SELECT contract_id FROM adjustment_triggers WHERE tenant = ? AND has_policy = 1').all(event.metadata.tenant) as Array<{ contract_id: string }>;
      for (const { contract_id } of withPolicy) {
        const contract = contracts.get(contract_id)!;
        contract.state_position = event.position;
        contracts.save(contract);
      }
      return;
    }
    const contractId = contractIdOf(event);
    const hasPolicy = event.type === 'AdjustmentPolicyConfigured' ? 1 : 0;
    const contract = contracts.get(contractId);
    if (contract) {
      contract.has_policy = Math.max(contract.has_policy, hasPolicy);
      contract.state_position = event.position;
      contracts.save(contract);
    } else {
      contracts.save({ contract_id: contractId, tenant: event.metadata.tenant, has_policy: hasPolicy, state_position: event.position });
    }
  },
};
