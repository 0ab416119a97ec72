import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/event-store';
import type { AmendmentCameIntoForce } from '@app/procurement/domain/amendment/amendment.events';
import type { ContractDrafted } from '@app/procurement/domain/contract/contract.events';
import type { LotDefined } from '@app/procurement/domain/lot/lot.events';
import type {
  OrderClosed,
  OrderIssued,
  OrderModalitySwitched,
  OrderSessionAdded,
  OrderSessionCancelled,
  OrderSessionMoved,
} from '@app/procurement/domain/order/order.events';
import type { Session } from '@app/procurement/domain/terms/procurement-terms';
import { contractIdOf, dataOf, DomainEventType, Projection } from '../projection';
import { buffered } from '../sqlite/buffered-table';
import { placementOf } from './delivery-mapping';
import { column, readModelTable, RowOf } from './read-model-table';

const SESSION_CALENDAR = readModelTable(
  'session_calendar',
  {
    contract_id: column.text(),
    order_id: column.text(),
    session_id: column.text(),
    tenant: column.text(),
    lot_id: column.text(),
    start_date: column.text(),
    end_date: column.text(),
    original_start_date: column.text(),
    original_end_date: column.text(),
    place: column.text(),
    capacity: column.integer(),
    modality: column.text(),
    cancelled: column.count(),
    order_closed: column.count(),
    /** Raised at every change of the session: the iCalendar SEQUENCE. */
    sequence: column.count(),
    updated_at: column.text(),
  },
  {
    key: ['contract_id', 'order_id', 'session_id'],
    // The sessions of an order are read together, and closed together.
    partitionBy: 2,
  },
);

/** A session's row of the session_calendar table. */
export type StoredSessionCalendar = RowOf<typeof SESSION_CALENDAR>;

const CALENDAR_CONTRACTS = readModelTable('session_calendar_contracts', { contract_id: column.textKey(), title: column.text() }, { key: ['contract_id'] });

const CALENDAR_LOTS = readModelTable(
  'session_calendar_lots',
  { contract_id: column.text(), lot_id: column.text(), title: column.text(), domain_code: column.text(), territory_codes: column.text() },
  {
    key: ['contract_id', 'lot_id'],
    // The lots of a contract are read together.
    partitionBy: 1,
  },
);

/**
 * The shared session calendar: every session of every order, with its lot's training domain and territories,
 * its dates now and at issue, and a sequence raised at each change (iCalendar's SEQUENCE, so that calendar
 * applications replace the event they hold). Territories are kept as `,69,42,` for a containment test.
 */
export const sessionCalendarProjection: Projection = {
  name: 'session_calendar',
  version: 2,
  schema: `
    ${SESSION_CALENDAR.createTable}
    CREATE INDEX session_calendar_tenant ON session_calendar (tenant, start_date);
    ${CALENDAR_CONTRACTS.createTable}
    ${CALENDAR_LOTS.createTable}`,
  handles: new Set<DomainEventType>([
    'ContractDrafted',
    'LotDefined',
    'AmendmentCameIntoForce',
    'OrderIssued',
    'OrderSessionAdded',
    'OrderSessionMoved',
    'OrderSessionCancelled',
    'OrderModalitySwitched',
    'OrderClosed',
  ]),
  apply(db: Database.Database, event: RecordedEvent): void {
    const contractId = contractIdOf(event);
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'ContractDrafted':
        buffered(db, CALENDAR_CONTRACTS).save({ contract_id: contractId, title: dataOf<ContractDrafted>(event).title });
        return;
      case 'LotDefined': {
        const { lotId, title, scope } = dataOf<LotDefined>(event);
        buffered(db, CALENDAR_LOTS).save({
          contract_id: contractId,
          lot_id: lotId,
          title,
          domain_code: scope.domainCode,
          territory_codes: territoryList(scope.territoryCodes),
        });
        return;
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind === 'SCOPE' && change.territoryCodes) {
          const lots = buffered(db, CALENDAR_LOTS);
          const lot = lots.get(contractId, change.lotId);
          if (lot) {
            lot.territory_codes = territoryList(change.territoryCodes);
            lots.save(lot);
          }
        }
        return;
      }
      case 'OrderIssued': {
        const { orderId, lotId, sessions } = dataOf<OrderIssued>(event);
        for (const session of sessions) addSession(db, event, contractId, orderId, lotId, session);
        return;
      }
      case 'OrderSessionAdded': {
        const { orderId, session } = dataOf<OrderSessionAdded>(event);
        const placement = placementOf(db, contractId, orderId);
        if (placement) addSession(db, event, contractId, orderId, placement.lotId, session);
        return;
      }
      case 'OrderSessionMoved': {
        const { orderId, sessionId, startDate, endDate } = dataOf<OrderSessionMoved>(event);
        return changeSession(db, contractId, orderId, sessionId, at, (row) => {
          row.start_date = startDate;
          row.end_date = endDate;
        });
      }
      case 'OrderSessionCancelled': {
        const { orderId, sessionId } = dataOf<OrderSessionCancelled>(event);
        return changeSession(db, contractId, orderId, sessionId, at, (row) => {
          row.cancelled = 1;
        });
      }
      case 'OrderModalitySwitched': {
        const { orderId, sessionId, to } = dataOf<OrderModalitySwitched>(event);
        return changeSession(db, contractId, orderId, sessionId, at, (row) => {
          row.modality = to;
        });
      }
      case 'OrderClosed': {
        const { orderId } = dataOf<OrderClosed>(event);
        const calendar = buffered(db, SESSION_CALENDAR);
        for (const row of calendar.rowsIn(contractId, orderId)) {
          row.order_closed = 1;
          calendar.save(newSequence(row, at));
        }
        return;
      }
    }
  },
};

const territoryList = (codes: string[]): string => `,${codes.join(',')},`;

function addSession(db: Database.Database, event: RecordedEvent, contractId: string, orderId: string, lotId: string, session: Session): void {
  buffered(db, SESSION_CALENDAR).insertOrIgnore({
    contract_id: contractId,
    order_id: orderId,
    session_id: session.sessionId,
    tenant: event.metadata.tenant,
    lot_id: lotId,
    start_date: session.startDate,
    end_date: session.endDate,
    original_start_date: session.startDate,
    original_end_date: session.endDate,
    place: session.place,
    capacity: session.capacity,
    modality: session.modality,
    cancelled: 0,
    order_closed: 0,
    sequence: 0,
    updated_at: event.metadata.occurredAt,
  });
}

/** Changes a session, raising its sequence; a session not in the calendar is left so. */
function changeSession(
  db: Database.Database,
  contractId: string,
  orderId: string,
  sessionId: string,
  at: string,
  change: (row: StoredSessionCalendar) => void,
): void {
  const calendar = buffered(db, SESSION_CALENDAR);
  const row = calendar.get(contractId, orderId, sessionId);
  if (!row) return;
  change(row);
  calendar.save(newSequence(row, at));
}

function newSequence(row: StoredSessionCalendar, at: string): StoredSessionCalendar {
  row.sequence += 1;
  row.updated_at = at;
  return row;
}
