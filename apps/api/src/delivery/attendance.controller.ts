import { BadRequestException, Controller, Param, ParseUUIDPipe, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ATTENDANCE_CSV_HEADER, DeliveryEvent, parseAttendanceCsv, ParsedSheet, readAttendanceJson, RecordAttendance, sheetHashOf } from '@app/procurement';
import { CommandRequests, CommandResult, createValidationPipe, etagOf, idFromName, InvalidInputException, Principal, Roles } from '@app/shared';
import { AttendanceSheetDto } from './dto/attendance-sheet.dto';

const Id = new ParseUUIDPipe({ version: '5' });
const SESSION_ID = /^[A-Za-z0-9._-]{1,64}$/;

type ApiRequest = Request & { principal: Principal };

export interface AttendanceAnswer {
  contractId: string;
  orderId: string;
  sessionId: string;
  /** Named after the session and the lines: the same sheet sent again (CSV or JSON) is the same sheet. */
  sheetId: string;
  lineCount: number;
  /** Revision of the order's delivery stream after the sheet. */
  revision: number;
  /** AttendanceRecorded, the HoursDelivered it derives, the AbsenceRunDetected it signals; empty when nothing was new. */
  events: Array<{ id: string; type: string }>;
  replayed: boolean;
}

/**
 * Attendance sheets (feuilles d'émargement) of a session, sent by the provider performing the order as a CSV file
 * or a JSON body. A sheet is recorded whole or not at all: a fault of form is answered 400, a fault against the
 * delivery (a trainee who did not enter, a day outside the session's run…) 422, each listing every fault with
 * its line and field. The same sheet again writes nothing and answers the first recording (200).
 */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller('contracts/:contractId/orders/:orderId/sessions/:sessionId/attendance')
export class AttendanceController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly commandBus: CommandBus,
    private readonly requests: CommandRequests,
  ) {}

  @Roles('provider')
  @ApiConsumes('text/csv', 'application/json')
  @Post()
  async record(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Param('sessionId') sessionId: string,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AttendanceAnswer> {
    if (!SESSION_ID.test(sessionId)) throw new InvalidInputException([{ field: 'sessionId', messages: ['sessionId must be 1 to 64 letters, digits, . _ -'] }]);
    const parsed = await this.read(request);
    if (!parsed.ok) {
      throw new BadRequestException({ code: 'INVALID_ATTENDANCE_SHEET', message: `The sheet has ${parsed.errors.length} fault(s); nothing was recorded`, errors: parsed.errors });
    }
    const prepared = this.requests.from(request);
    const contentHash = sheetHashOf(sessionId, parsed.lines);
    const sheetId = idFromName('attendance-sheet', orderId, contentHash);
    // The command is named after the sheet: sending it again replays the first answer.
    const commandId = idFromName('attendance-recording', prepared.context.tenant, sheetId);
    const context = { ...prepared.context, commandId, causationId: commandId };
    const result: CommandResult<DeliveryEvent> = await this.commandBus.execute(
      new RecordAttendance(contractId, orderId, sessionId, { sheetId, contentHash, lines: parsed.lines }, context, prepared.expectedRevision),
    );
    const recorded = !result.replayed && result.events.length > 0;
    response.status(recorded ? 201 : 200);
    response.setHeader('ETag', etagOf(result.revision));
    return {
      contractId,
      orderId,
      sessionId,
      sheetId,
      lineCount: parsed.lines.length,
      revision: result.revision,
      events: result.events.map((event) => ({ id: event.id, type: event.type })),
      replayed: result.replayed,
    };
  }

  private async read(request: ApiRequest): Promise<ParsedSheet> {
    if (request.is('text/csv') && typeof request.body === 'string') return parseAttendanceCsv(request.body);
    if (request.is('application/json')) {
      const body = (await this.validation.transform(request.body, { type: 'body', metatype: AttendanceSheetDto })) as AttendanceSheetDto;
      return readAttendanceJson(body.lines);
    }
    throw new UnsupportedMediaTypeException({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `Send the sheet as text/csv, starting with ${ATTENDANCE_CSV_HEADER.join(',')}, or as application/json { "lines": [...] }`,
    });
  }
}
