import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentAccepted, AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered, TableShape } from '../sqlite/buffered-table';

/** An amendment's row of the provider_inbox table, per provider notified. */
interface StoredInboxEntry {
  amendment_id: string;
  provider_id: string;
  contract_id: string;
  tenant: string;
  notified_at: string;
  response_deadline: string;
}

const PROVIDER_INBOX: TableShape<StoredInboxEntry> = {
  table: 'provider_inbox',
  key: ['amendment_id', 'provider_id'],
  columns: ['amendment_id', 'provider_id', 'contract_id', 'tenant', 'notified_at', 'response_deadline'],
  // The providers of an amendment are notified together and all let go when it is disputed or in force.
  partitionBy: 1,
};

/** What each provider has to answer: amendments notified to it and not yet accepted, disputed or in force. */
export const providerInboxProjection: Projection = {
  name: 'provider_inbox',
  // 2: keyed by amendment first, so that an amendment's rows are found without knowing its providers.
  version: 2,
  schema: `
    CREATE TABLE provider_inbox (
      amendment_id TEXT NOT NULL,
      provider_id TEXT NOT NULL,
      contract_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      notified_at TEXT NOT NULL,
      response_deadline TEXT NOT NULL,
      PRIMARY KEY (amendment_id, provider_id)
    );
    CREATE INDEX provider_inbox_provider ON provider_inbox (provider_id, tenant);`,
  handles: new Set<DomainEventType>(['AmendmentNotified', 'AmendmentAccepted', 'AmendmentDisputed', 'AmendmentCameIntoForce']),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const amendmentId = dataOf<{ data: { amendmentId: string } }>(event).amendmentId;
    const inbox = buffered(db, PROVIDER_INBOX);
    switch (event.type) {
      case 'AmendmentNotified': {
        const { providerIds, notifiedAt, responseDeadline } = dataOf<AmendmentNotified>(event);
        for (const providerId of providerIds) {
          inbox.save({ amendment_id: amendmentId, provider_id: providerId, contract_id: contractId, tenant: event.metadata.tenant, notified_at: notifiedAt, response_deadline: responseDeadline });
        }
        return;
      }
      case 'AmendmentAccepted':
        inbox.delete(amendmentId, dataOf<AmendmentAccepted>(event).providerId);
        return;
      default:
        // Disputed or in force: nobody has to answer any more.
        for (const entry of inbox.rowsIn(amendmentId)) inbox.delete(entry.amendment_id, entry.provider_id);
    }
  },
};
