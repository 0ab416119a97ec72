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
import { buffered, TableShape } from '../sqlite/buffered-table';

/** A session's row of the session_calendar table. */
export interface StoredSessionCalendar {
  contract_id: string;
  order_id: string;
  session_id: string;
  tenant: string;
  lot_id: string;
  start_date: string;
  end_date: string;
  original_start_date: string;
  original_end_date: string;
  place: string;
  capacity: number;
  modality: string;
  cancelled: number;
  order_closed: number;
  /** Raised at every change of the session: the iCalendar SEQUENCE. */
  sequence: number;
  updated_at: string;
}

const SESSION_CALENDAR: TableShape<StoredSessionCalendar> = {
  table: 'session_calendar',
  key: ['contract_id', 'order_id', 'session_id'],
  columns: [
    'contract_id',
    'order_id',
    'session_id',
    'tenant',
    'lot_id',
    'start_date',
    'end_date',
    'original_start_date',
    'original_end_date',
    'place',
    'capacity',
    'modality',
    'cancelled',
    'order_closed',
    'sequence',
    'updated_at',
  ],
  // The sessions of an order are read together, and closed together.
  partitionBy: 2,
};

const CALENDAR_CONTRACTS: TableShape<{ contract_id: string; title: string }> = {
  table: 'session_calendar_contracts',
  key: ['contract_id'],
  columns: ['contract_id', 'title'],
};

const CALENDAR_ORDERS: TableShape<{ contract_id: string; order_id: string; lot_id: string }> = {
  table: 'session_calendar_orders',
  key: ['contract_id', 'order_id'],
  columns: ['contract_id', 'order_id', 'lot_id'],
  // The orders of a contract are read together.
  partitionBy: 1,
};

interface CalendarLotRow {
  contract_id: string;
  lot_id: string;
  title: string;
  domain_code: string;
  territory_codes: string;
}

const CALENDAR_LOTS: TableShape<CalendarLotRow> = {
  table: 'session_calendar_lots',
  key: ['contract_id', 'lot_id'],
  columns: ['contract_id', 'lot_id', 'title', 'domain_code', 'territory_codes'],
  // The lots of a contract are read together.
  partitionBy: 1,
};

/**
 * The shared session calendar: every session of every order, with its lot's training domain and territories,
 * its dates now and at issue, and a sequence raised at each change (iCalendar's SEQUENCE, so that calendar
 * applications replace the event they hold). Territories are kept as `,69,42,` for a containment test.
 */
export const sessionCalendarProjection: Projection = {
  name: 'session_calendar',
  version: 1,
  schema: `
    CREATE TABLE session_calendar (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      tenant TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      original_start_date TEXT NOT NULL,
      original_end_date TEXT NOT NULL,
      place TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      modality TEXT NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0,
      order_closed INTEGER NOT NULL DEFAULT 0,
      sequence INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id, session_id)
    );
    CREATE INDEX session_calendar_tenant ON session_calendar (tenant, start_date);
    CREATE TABLE session_calendar_contracts (
      contract_id TEXT PRIMARY KEY,
      title TEXT NOT NULL
    );
    CREATE TABLE session_calendar_orders (
      contract_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      PRIMARY KEY (contract_id, order_id)
    );
    CREATE TABLE session_calendar_lots (
      contract_id TEXT NOT NULL,
      lot_id TEXT NOT NULL,
      title TEXT NOT NULL,
      domain_code TEXT NOT NULL,
      territory_codes TEXT NOT NULL,
      PRIMARY KEY (contract_id, lot_id)
    );`,
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
        buffered(db, CALENDAR_ORDERS).save({ contract_id: contractId, order_id: orderId, lot_id: lotId });
        for (const session of sessions) addSession(db, event, contractId, orderId, lotId, session);
        return;
      }
      case 'OrderSessionAdded': {
        const { orderId, session } = dataOf<OrderSessionAdded>(event);
        const order = buffered(db, CALENDAR_ORDERS).get(contractId, orderId);
        if (order) addSession(db, event, contractId, orderId, order.lot_id, session);
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
