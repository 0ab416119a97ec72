import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentAccepted, AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { column, readModelTable } from './read-model-table';

const PROVIDER_INBOX = readModelTable(
  'provider_inbox',
  {
    amendment_id: column.text(),
    provider_id: column.text(),
    contract_id: column.text(),
    tenant: column.text(),
    notified_at: column.text(),
    response_deadline: column.text(),
  },
  {
    key: ['amendment_id', 'provider_id'],
    // The providers of an amendment are notified together and all let go when it is disputed or in force.
    partitionBy: 1,
  },
);

/** What each provider has to answer: amendments notified to it and not yet accepted, disputed or in force. */
export const providerInboxProjection: Projection = {
  name: 'provider_inbox',
  // 2: keyed by amendment first, so that an amendment's rows are found without knowing its providers.
  version: 2,
  schema: `
    ${PROVIDER_INBOX.createTable}
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
