import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import ical, { ICalEventStatus } from 'ical-generator';
import { calendarSessions, dateShiftRequests, DateShiftRequestRow, Fresh, ReadModels, SessionCalendarRow } from '@app/projections';
import { addDays } from '@app/procurement';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';
import { CalendarQuery, DateShiftRequestsQuery, IcsQuery } from './session-calendar.dto';

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
  dateShiftRequests(@Query() query: DateShiftRequestsQuery, @CurrentPrincipal() principal: Principal): Fresh<DateShiftRequestRow[]> {
    return dateShiftRequests(this.readModels, { tenant: principal.tenant, status: query.status ?? null, contractId: query.contractId ?? null });
  }

  private sessionRows(principal: Principal, query: CalendarQuery): Fresh<SessionCalendarRow[]> {
    return calendarSessions(this.readModels, { tenant: principal.tenant, territory: query.territory ?? null, from: query.from ?? null, to: query.to ?? null });
  }
}

function toCalendarSession(row: SessionCalendarRow): CalendarSession {
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
