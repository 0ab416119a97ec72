import { BadRequestException, Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  GetContract,
  PRICE_INDEX_CSV_HEADER,
  priceIndexDecider,
  priceIndexImportIdOf,
  PriceIndexState,
  priceIndexStream,
  parsePriceIndexCsv,
  RecordedIndexValue,
} from '@app/procurement';
import { CommandRequests, contentHashOf, CurrentPrincipal, etagOf, foldStream, handleCommand, idFromName, Principal, Roles } from '@app/shared';
import { ApiRequest, CommandAnswer, ContractCommands } from './contract-commands';
import { RevisePricesDto, SeriesIdParam } from './dto/price-revision.dto';

const Id = new ParseUUIDPipe({ version: '5' });

/**
 * Price revision: published index values imported from CSV files, and revisions of a contract's prices by its
 * price revision clause, computed from those values.
 */
@ApiTags('price revision')
@ApiBearerAuth()
@Controller()
export class PriceRevisionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly requests: CommandRequests,
    private readonly commands: ContractCommands,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Imports a CSV file of index values whole or not at all: every bad line is reported (400) and nothing is
   * written. The same file again writes nothing and answers the first import (200 instead of 201).
   */
  @Roles('buyer', 'admin')
  @ApiConsumes('text/csv')
  @Post('price-indices')
  async import(@Req() request: ApiRequest, @Res({ passthrough: true }) response: Response) {
    if (!request.is('text/csv') || typeof request.body !== 'string') {
      throw new UnsupportedMediaTypeException({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send the file as text/csv, starting with ${PRICE_INDEX_CSV_HEADER.join(',')}` });
    }
    const parsed = parsePriceIndexCsv(request.body);
    if (!parsed.ok) {
      throw new BadRequestException({ code: 'INVALID_CSV', message: `The file has ${parsed.errors.length} fault(s); nothing was imported`, errors: parsed.errors });
    }
    const prepared = this.requests.from(request);
    const { tenant } = prepared.context;
    const contentHash = contentHashOf(request.body);
    // The command is named after the file: sending it again replays the first answer.
    const commandId = idFromName('price-index-import', tenant, contentHash);
    const context = { ...prepared.context, commandId, causationId: commandId };
    const result = await handleCommand(
      this.store,
      priceIndexDecider,
      priceIndexStream(tenant),
      { type: 'ImportPriceIndexValues', meta: { at: context.occurredAt, actorId: context.actorId }, data: { tenant, contentHash, values: parsed.values } },
      context,
      prepared.expectedRevision === undefined ? {} : { expectedRevision: prepared.expectedRevision },
    );
    const imported = result.events.length > 0 && !result.replayed;
    response.status(imported ? 201 : 200);
    response.setHeader('ETag', etagOf(result.revision));
    return { importId: priceIndexImportIdOf(tenant, contentHash), valueCount: parsed.values.length, revision: result.revision, replayed: !imported };
  }

  /** The values imported for one series, by month, with the import each came from. */
  @Roles('buyer', 'provider', 'auditor', 'admin')
  @Get('price-indices/:seriesId')
  async series(@Param() { seriesId }: SeriesIdParam, @CurrentPrincipal() principal: Principal) {
    const { series } = await this.indices(principal.tenant);
    const values = Object.entries(series[seriesId] ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, recorded]) => ({ period, ...recorded }));
    return { seriesId, values };
  }

  /** Revises the contract's prices on one of the clause's dates, from the index values imported. */
  @Roles('buyer')
  @Post('contracts/:contractId/price-revisions')
  async revise(
    @Param('contractId', Id) contractId: string,
    @Body() body: RevisePricesDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandAnswer> {
    const view = await this.queries.execute(new GetContract(contractId, principal));
    const terms = view.contract.clauses[body.clauseId]?.terms;
    const seriesId = terms?.type === 'PRICE_REVISION' && 'index' in terms ? terms.index.seriesId : undefined;
    // The values come from the record of imports, never from the caller; the decider refuses what is missing.
    const indexValues: Record<string, RecordedIndexValue> = seriesId === undefined ? {} : ((await this.indices(principal.tenant)).series[seriesId] ?? {});
    return this.commands.send(request, response, contractId, (meta) => ({ type: 'RevisePrices', meta, data: { ...body, indexValues } }));
  }

  private async indices(tenant: string): Promise<PriceIndexState> {
    const evolve = priceIndexDecider.evolve as (state: PriceIndexState, event: { type: string; data: unknown }) => PriceIndexState;
    return (await foldStream(this.store, priceIndexStream(tenant), priceIndexDecider.initialState, evolve)).state;
  }
}
