import type { StoredSessionCalendar } from './session-calendar.projection';
import type { Fresh, ReadModels } from '../read-models.service';

/** A session of the tenant's calendar, with its contract's and lot's titles and the lot's territories. */
export type SessionCalendarRow = Omit<StoredSessionCalendar, 'tenant'> & {
  contract_title: string;
  lot_title: string;
  domain_code: string;
  /** `,69,38,` */
  territory_codes: string;
};

/** The tenant's sessions by start, those of a territory's lots when one is given, running on or after `from` and starting on or before `to` when given. */
export function calendarSessions(
  readModels: ReadModels,
  scope: { tenant: string; territory: string | null; from: string | null; to: string | null },
): Fresh<SessionCalendarRow[]> {
  return readModels.query<SessionCalendarRow[]>(
    `SELECT s.*, c.title AS contract_title, l.title AS lot_title, l.domain_code, l.territory_codes
     FROM session_calendar s
     JOIN session_calendar_lots l ON l.contract_id = s.contract_id AND l.lot_id = s.lot_id
     JOIN session_calendar_contracts c ON c.contract_id = s.contract_id
     WHERE s.tenant = ? AND (? IS NULL OR instr(l.territory_codes, ',' || ? || ',') > 0)
       AND (? IS NULL OR s.end_date >= ?) AND (? IS NULL OR s.start_date <= ?)
     ORDER BY s.start_date, s.contract_id, s.order_id, s.session_id`,
    scope.tenant,
    scope.territory,
    scope.territory,
    scope.from,
    scope.from,
    scope.to,
    scope.to,
  );
}
