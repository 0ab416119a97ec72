import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import ical, { ICalEventStatus } from 'ical-generator';
import { Fresh, ReadModels } from '@app/projections';
import { addDays } from '@app/procurement';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';
import { CalendarQuery, DateShiftRequestsQuery, IcsQuery } from './session-calendar.dto';

interface SessionRow {
  contract_id: string;
  contract_title: string;
  lot_id: string;
  lot_title: string;
  domain_code: string;
  territory_codes: string;
  order_id: string;
  session_id: string;
  start_date: string;
  end_date: string;
  original_start_date: string;
  original_end_date: string;
  place: string;
  capacity: number;
  modality: string;
  cancelled: number;
  order_closed: number;
  sequence: number;
  updated_at: string;
}

export interface CalendarSession {
  contractId: string;
  contractTitle: string;
  lotId: string;
  lotTitle: string;
  domainCode: string;
  territoryCodes: string[];
  orderId: string;
  sessionId: string;
  startDate: string;
  endDate: string;
  originalStartDate: string;
  originalEndDate: string;
  place: string;
  capacity: number;
  modality: string;
  cancelled: boolean;
  moved: boolean;
  orderClosed: boolean;
  /** The iCalendar UID of the session, stable across moves and changes. */
  uid: string;
}

const UID_DOMAIN = 'sessions.training-procurement';
const READERS = ['buyer', 'auditor', 'pole_emploi', 'admin'] as const;

/**
 * The shared session calendar of the tenant: every session of every order, for Pôle emploi officers, buyers
 * and auditors, as JSON or as an iCalendar file per territory that calendar applications subscribe to.
 * Each session keeps one UID and a SEQUENCE raised at every change, so a moved session replaces itself.
 */
@ApiTags('coordination')
@ApiBearerAuth()
@Roles(...READERS)
@Controller('coordination')
export class SessionCalendarController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('sessions')
  sessions(@Query() query: CalendarQuery, @CurrentPrincipal() principal: Principal): Fresh<CalendarSession[]> {
    const fresh = this.sessionRows(principal, query);
    return { position: fresh.position, rows: fresh.rows.map(toCalendarSession) };
  }

  @Get('sessions.ics')
  @ApiProduces('text/calendar')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  sessionsIcs(@Query() query: IcsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): string {
    const fresh = this.sessionRows(principal, { territory: query.territory });
    const calendar = ical({
      name: `Sessions de formation — ${principal.tenant} — ${query.territory}`,
      prodId: { company: 'training-procurement', product: 'session-calendar', language: 'FR' },
    });
    for (const row of fresh.rows) {
      const session = toCalendarSession(row);
      calendar.createEvent({
        id: session.uid,
        sequence: row.sequence,
        stamp: new Date(row.updated_at),
        allDay: true,
        start: new Date(`${session.startDate}T00:00:00Z`),
        // An all-day event ends on the day after its last day (DTEND is exclusive).
        end: new Date(`${addDays(session.endDate, 1)}T00:00:00Z`),
        summary: `${session.lotTitle} — ${session.place}`,
        location: session.place,
        description: [
          `Marché : ${session.contractTitle}`,
          `Lot ${session.lotId} (domaine ${session.domainCode}, territoires ${session.territoryCodes.join(', ')})`,
          `Bon de commande ${session.orderId}, session ${session.sessionId}`,
          `Capacité ${session.capacity}, modalité ${session.modality}`,
          ...(session.moved ? [`Dates initiales : ${session.originalStartDate} → ${session.originalEndDate}`] : []),
        ].join('\n'),
        status: session.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
    response.setHeader('Content-Disposition', `inline; filename="sessions-${query.territory}.ics"`);
    response.setHeader('X-Read-Model-Position', String(fresh.position));
    return calendar.toString();
  }

  @Get('date-shift-requests')
  dateShiftRequests(@Query() query: DateShiftRequestsQuery, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    const fresh = this.readModels.query<Array<Record<string, unknown>>>(
      `SELECT * FROM date_shift_requests WHERE tenant = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR contract_id = ?)
       ORDER BY requested_position`,
      principal.tenant,
      query.status ?? null,
      query.status ?? null,
      query.contractId ?? null,
      query.contractId ?? null,
    );
    return { position: fresh.position, rows: fresh.rows.map(({ tenant: _tenant, requested_position: _position, ...row }) => row) };
  }

  private sessionRows(principal: Principal, query: CalendarQuery): Fresh<SessionRow[]> {
    return this.readModels.query<SessionRow[]>(
      `SELECT s.*, c.title AS contract_title, l.title AS lot_title, l.domain_code, l.territory_codes
       FROM session_calendar s
       JOIN session_calendar_lots l ON l.contract_id = s.contract_id AND l.lot_id = s.lot_id
       JOIN session_calendar_contracts c ON c.contract_id = s.contract_id
       WHERE s.tenant = ? AND (? IS NULL OR instr(l.territory_codes, ',' || ? || ',') > 0)
         AND (? IS NULL OR s.end_date >= ?) AND (? IS NULL OR s.start_date <= ?)
       ORDER BY s.start_date, s.contract_id, s.order_id, s.session_id`,
      principal.tenant,
      query.territory ?? null,
      query.territory ?? null,
      query.from ?? null,
      query.from ?? null,
      query.to ?? null,
      query.to ?? null,
    );
  }
}

function toCalendarSession(row: SessionRow): CalendarSession {
  return {
    contractId: row.contract_id,
    contractTitle: row.contract_title,
    lotId: row.lot_id,
    lotTitle: row.lot_title,
    domainCode: row.domain_code,
    territoryCodes: row.territory_codes.split(',').filter((code) => code !== ''),
    orderId: row.order_id,
    sessionId: row.session_id,
    startDate: row.start_date,
    endDate: row.end_date,
    originalStartDate: row.original_start_date,
    originalEndDate: row.original_end_date,
    place: row.place,
    capacity: row.capacity,
    modality: row.modality,
    cancelled: row.cancelled === 1,
    moved: row.start_date !== row.original_start_date || row.end_date !== row.original_end_date,
    orderClosed: row.order_closed === 1,
    uid: `${row.order_id}.${row.session_id}@${UID_DOMAIN}`,
  };
}
