import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentAccepted, AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { prepared } from '../sqlite/prepared';

/** What each provider has to answer: amendments notified to it and not yet accepted, disputed or in force. */
export const providerInboxProjection: Projection = {
  name: 'provider_inbox',
  version: 1,
  schema: `
    CREATE TABLE provider_inbox (
      provider_id TEXT NOT NULL,
      amendment_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      notified_at TEXT NOT NULL,
      response_deadline TEXT NOT NULL,
      PRIMARY KEY (provider_id, amendment_id)
    );`,
  handles: new Set<DomainEventType>(['AmendmentNotified', 'AmendmentAccepted', 'AmendmentDisputed', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const amendmentId = dataOf<{ data: { amendmentId: string } }>(event).amendmentId;
    switch (event.type) {
      case 'AmendmentNotified': {
        const { providerIds, notifiedAt, responseDeadline } = dataOf<AmendmentNotified>(event);
        const insert = prepared(
          db,
          `INSERT OR REPLACE INTO provider_inbox (provider_id, amendment_id, contract_id, tenant, notified_at, response_deadline)
           VALUES (?, ?, ?, ?, ?, ?)`,
        );
        for (const providerId of providerIds) insert.run(providerId, amendmentId, contractId, event.metadata.tenant, notifiedAt, responseDeadline);
        return;
      }
      case 'AmendmentAccepted':
        prepared(db, 'DELETE FROM provider_inbox WHERE provider_id = ? AND amendment_id = ?').run(
          dataOf<AmendmentAccepted>(event).providerId,
          amendmentId,
        );
        return;
      default:
        // Disputed or in force: nobody has to answer any more.
        prepared(db, 'DELETE FROM provider_inbox WHERE amendment_id = ?').run(amendmentId);
    }
  },
};
