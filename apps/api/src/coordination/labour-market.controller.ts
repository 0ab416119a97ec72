import { BadRequestException, Controller, Get, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import {
  importIdOf,
  LABOUR_MARKET_CSV_HEADER,
  labourMarketDecider,
  labourMarketStream,
  parseLabourMarketCsv,
} from '@app/coordination';
import { Fresh, labourMarketTension, LabourMarketTensionRow, ReadModels } from '@app/projections';
import { CommandRequests, contentHashOf, CurrentPrincipal, idFromName, Principal, Roles } from '@app/shared';
import { ApiRequest } from '../procurement/contract-commands';
import { CoordinationCommands } from './coordination-commands';
import { LabourMarketQuery } from './dto/purchase-declaration.dto';
import { answerOf, CoordinationAnswer } from './purchase-declarations.controller';

/** Recruitment-tension figures per occupation, territory and month, imported from Pôle emploi's files. */
@ApiTags('coordination')
@ApiBearerAuth()
@Controller('coordination/labour-market-signals')
export class LabourMarketController {
  constructor(
    private readonly commands: CoordinationCommands,
    private readonly requests: CommandRequests,
    private readonly readModels: ReadModels,
  ) {}

  /**
   * Imports a CSV file whole or not at all: every bad line is reported (400) and nothing is written. The same
   * file again (same bytes) writes nothing and answers the first import (200 instead of 201).
   */
  @Roles('pole_emploi', 'admin')
  @ApiConsumes('text/csv')
  @Post()
  async import(@Req() request: ApiRequest, @Res({ passthrough: true }) response: Response): Promise<CoordinationAnswer & { importId: string; rowCount: number }> {
    if (!request.is('text/csv') || typeof request.body !== 'string') {
      throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send the file as text/csv, starting with ${LABOUR_MARKET_CSV_HEADER.join(',')}` });
    }
    const parsed = parseLabourMarketCsv(request.body);
    if (!parsed.ok) {
      throw new BadRequestException({ code: 'INVALID_CSV', message: `The file has ${parsed.errors.length} fault(s); nothing was imported`, errors: parsed.errors });
    }
    const prepared = this.requests.from(request);
    const { tenant } = prepared.context;
    const contentHash = contentHashOf(request.body);
    // The command is named after the file: importing it again replays the first answer.
    const commandId = idFromName('labour-market-import', tenant, contentHash);
    const context = { ...prepared.context, commandId, causationId: commandId };
    const result = await this.commands.send(labourMarketDecider, labourMarketStream(tenant), { ...prepared, context }, response, (meta) => ({
      type: 'ImportLabourMarketSignals' as const,
      meta,
      data: { tenant, contentHash, signals: parsed.signals },
    }));
    const imported = result.events.find((event) => event.type === 'LabourMarketSignalsImported');
    const rowCount = imported?.type === 'LabourMarketSignalsImported' ? imported.data.rowCount : parsed.signals.length;
    response.status(result.replayed || !imported ? 200 : 201);
    return { importId: importIdOf(tenant, contentHash), rowCount, ...answerOf(result), replayed: result.replayed || !imported };
  }

  /** The current tension per occupation, territory and month (the latest import of each wins). */
  @Roles('buyer', 'pole_emploi', 'auditor', 'admin')
  @Get()
  read(@Query() query: LabourMarketQuery, @CurrentPrincipal() principal: Principal): Fresh<LabourMarketTensionRow[]> {
    return labourMarketTension(this.readModels, {
      tenant: principal.tenant,
      occupationCode: query.occupationCode ?? null,
      territoryCode: query.territoryCode ?? null,
      period: query.period ?? null,
    });
  }
}
