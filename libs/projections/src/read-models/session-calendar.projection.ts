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
import { prepared } from '../sqlite/prepared';

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
        prepared(db, 'INSERT OR REPLACE INTO session_calendar_contracts (contract_id, title) VALUES (?, ?)').run(
          contractId,
          dataOf<ContractDrafted>(event).title,
        );
        return;
      case 'LotDefined': {
        const { lotId, title, scope } = dataOf<LotDefined>(event);
        prepared(
          db,
          'INSERT OR REPLACE INTO session_calendar_lots (contract_id, lot_id, title, domain_code, territory_codes) VALUES (?, ?, ?, ?, ?)',
        ).run(contractId, lotId, title, scope.domainCode, territoryList(scope.territoryCodes));
        return;
      }
      case 'AmendmentCameIntoForce': {
        const { change } = dataOf<AmendmentCameIntoForce>(event);
        if (change.kind === 'SCOPE' && change.territoryCodes) {
          prepared(db, 'UPDATE session_calendar_lots SET territory_codes = ? WHERE contract_id = ? AND lot_id = ?').run(
            territoryList(change.territoryCodes),
            contractId,
            change.lotId,
          );
        }
        return;
      }
      case 'OrderIssued': {
        const { orderId, lotId, sessions } = dataOf<OrderIssued>(event);
        prepared(db, 'INSERT OR REPLACE INTO session_calendar_orders (contract_id, order_id, lot_id) VALUES (?, ?, ?)').run(contractId, orderId, lotId);
        for (const session of sessions) addSession(db, event, contractId, orderId, lotId, session);
        return;
      }
      case 'OrderSessionAdded': {
        const { orderId, session } = dataOf<OrderSessionAdded>(event);
        const order = prepared(db, 'SELECT lot_id FROM session_calendar_orders WHERE contract_id = ? AND order_id = ?').get(contractId, orderId) as
          | { lot_id: string }
          | undefined;
        if (order) addSession(db, event, contractId, orderId, order.lot_id, session);
        return;
      }
      case 'OrderSessionMoved': {
        const { orderId, sessionId, startDate, endDate } = dataOf<OrderSessionMoved>(event);
        return changeSession(db, 'start_date = ?, end_date = ?', [startDate, endDate], contractId, orderId, sessionId, at);
      }
      case 'OrderSessionCancelled': {
        const { orderId, sessionId } = dataOf<OrderSessionCancelled>(event);
        return changeSession(db, 'cancelled = 1', [], contractId, orderId, sessionId, at);
      }
      case 'OrderModalitySwitched': {
        const { orderId, sessionId, to } = dataOf<OrderModalitySwitched>(event);
        return changeSession(db, 'modality = ?', [to], contractId, orderId, sessionId, at);
      }
      case 'OrderClosed': {
        const { orderId } = dataOf<OrderClosed>(event);
        prepared(
          db,
          'UPDATE session_calendar SET order_closed = 1, sequence = sequence + 1, updated_at = ? WHERE contract_id = ? AND order_id = ?',
        ).run(at, contractId, orderId);
        return;
      }
    }
  },
};

const territoryList = (codes: string[]): string => `,${codes.join(',')},`;

function addSession(db: Database.Database, event: RecordedEvent, contractId: string, orderId: string, lotId: string, session: Session): void {
  prepared(
    db,
    `INSERT OR IGNORE INTO session_calendar (contract_id, order_id, session_id, tenant, lot_id, start_date, end_date, original_start_date,
       original_end_date, place, capacity, modality, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    contractId,
    orderId,
    session.sessionId,
    event.metadata.tenant,
    lotId,
    session.startDate,
    session.endDate,
    session.startDate,
    session.endDate,
    session.place,
    session.capacity,
    session.modality,
    event.metadata.occurredAt,
  );
}

function changeSession(
  db: Database.Database,
  assignments: string,
  values: unknown[],
  contractId: string,
  orderId: string,
  sessionId: string,
  at: string,
): void {
  prepared(
    db,
    `UPDATE session_calendar SET ${assignments}, sequence = sequence + 1, updated_at = ? WHERE contract_id = ? AND order_id = ? AND session_id = ?`,
  ).run(...values, at, contractId, orderId, sessionId);
}
