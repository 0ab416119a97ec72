import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { OutcomeLine, OutcomesAnswer, RecordTraineeOutcomes } from '@app/procurement';
import { CommandRequests, Principal, Roles } from '@app/shared';
import { ImportOutcomesDto, RecordOutcomeDto } from './dto/outcome.dto';

const Id = new ParseUUIDPipe({ version: '5' });

type ApiRequest = Request & { principal: Principal };

/**
 * What became of trainees months after leaving the pathway. The buyer records survey answers (or a provider's
 * report it received), Pôle emploi its data, a provider of the order its own report (source PROVIDER_REPORT only);
 * Pôle emploi and the buyer import many at once. Exits themselves are delivery reports (TRAINEE_LEFT_EARLY).
 */
@ApiTags('outcomes')
@ApiBearerAuth()
@Controller('contracts/:contractId')
export class OutcomesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly requests: CommandRequests,
  ) {}

  @Roles('buyer', 'pole_emploi', 'provider')
  @Post('orders/:orderId/outcomes')
  async record(
    @Param('contractId', Id) contractId: string,
    @Param('orderId', Id) orderId: string,
    @Body() body: RecordOutcomeDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OutcomesAnswer> {
    const { context } = this.requests.from(request);
    const answer: OutcomesAnswer = await this.commandBus.execute(new RecordTraineeOutcomes(contractId, [lineOf(orderId, body)], context));
    response.status(answer.recorded > 0 ? 201 : 200);
    return answer;
  }

  /** The lines are Pôle emploi's data (source POLE_EMPLOI_IMPORT); one refused line and none is recorded (422, every fault listed). */
  @Roles('pole_emploi', 'buyer')
  @Post('outcome-imports')
  async import(
    @Param('contractId', Id) contractId: string,
    @Body() body: ImportOutcomesDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OutcomesAnswer> {
    const { context } = this.requests.from(request);
    const lines = body.lines.map(({ orderId, ...fields }) => lineOf(orderId, { ...fields, source: 'POLE_EMPLOI_IMPORT' }));
    const answer: OutcomesAnswer = await this.commandBus.execute(new RecordTraineeOutcomes(contractId, lines, context));
    response.status(answer.recorded > 0 ? 201 : 200);
    return answer;
  }
}

/** The line as the domain reads it: only the fields sent. */
function lineOf(orderId: string, body: RecordOutcomeDto): OutcomeLine {
  const { traineeId, horizonMonths, situation, employment, source, observedOn, satisfied } = body;
  return {
    orderId,
    traineeId,
    horizonMonths,
    situation,
    ...(employment ? { employment: { contractType: employment.contractType, ...(employment.durationMonths === undefined ? {} : { durationMonths: employment.durationMonths }) } } : {}),
    source,
    observedOn,
    ...(satisfied === undefined ? {} : { satisfied }),
  };
}
