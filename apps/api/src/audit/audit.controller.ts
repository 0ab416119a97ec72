import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BadEvent, Decision, DecisionLog, DecisionPage, LotSeries, LotSeriesReader, verifyAll, VerificationReport } from '@app/audit';
import { ChainCheckpoints, EVENT_STORE, EventStore, eventsAsStored } from '@app/event-store';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';
import { ContractDecisionsQuery, DecisionsQuery } from './audit.dto';

const Id = new ParseUUIDPipe({ version: '5' });
const EXPORT_PAGE = 1000;

/** Who decided what, when and why; and whether the log still says what was decided. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly decisionLog: DecisionLog,
    private readonly lotSeries: LotSeriesReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: ChainCheckpoints,
  ) {}

  /** Every decision of a contract, or of one of its lots, orders (with its delivery) or amendments. */
  @Roles('auditor', 'admin', 'buyer')
  @Get('contracts/:contractId/decisions')
  ofContract(
    @Param('contractId', Id) contractId: string,
    @Query() query: ContractDecisionsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Decision[]> {
    return this.decisionLog.ofContract(contractId, principal.tenant, query);
  }

  /** Ordered against delivered units of one lot over time, per work unit (the audit page draws it). */
  @Roles('auditor', 'admin', 'buyer')
  @Get('contracts/:contractId/lots/:lotId/series')
  seriesOfLot(
    @Param('contractId', Id) contractId: string,
    @Param('lotId') lotId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LotSeries> {
    return this.lotSeries.of(contractId, lotId, principal.tenant);
  }

  /** The tenant's decisions by actor, event type and period, in log order, a page at a time. */
  @Roles('auditor', 'admin', 'buyer')
  @Get('decisions')
  acrossTenant(@Query() query: DecisionsQuery, @CurrentPrincipal() principal: Principal): Promise<DecisionPage> {
    return this.decisionLog.acrossTenant(
      {
        tenant: principal.tenant,
        ...(query.actor === undefined ? {} : { actorId: query.actor }),
        ...(query.type === undefined ? {} : { types: query.type.split(',') }),
        ...(query.from === undefined ? {} : { from: query.from }),
        ...(query.to === undefined ? {} : { to: query.to }),
      },
      query.cursor ?? 0,
      query.limit ?? 100,
    );
  }

  /**
   * The tenant's whole history as JSON Lines: one event per line in global order, with its chain hash where
   * the store keeps one. Streamed page by page, so the size of the log does not matter.
   */
  @Roles('auditor', 'admin')
  @Get('export/history.jsonl')
  async exportHistory(@CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    response.status(200).type('application/x-ndjson');
    response.setHeader('Content-Disposition', `attachment; filename="history-${principal.tenant}.jsonl"`);
    let after = 0;
    for (;;) {
      // As stored, not upcast: the lines are checked against the hash chain offline.
      const page = await eventsAsStored(this.store).readAll({ afterPosition: after, maxCount: EXPORT_PAGE });
      if (page.length === 0) break;
      const lines = page.filter((event) => event.metadata.tenant === principal.tenant).map((event) => `${JSON.stringify(event)}\n`);
      if (lines.length > 0 && !response.write(lines.join(''))) await new Promise((resolve) => response.once('drain', resolve));
      after = page[page.length - 1].position;
    }
    response.end();
  }

  /**
   * Checks the hash chains, re-runs every decider over its history and every proposal from its inputs. The
   * whole store is verified (the chains are global); an auditor sees other tenants' failures without their
   * stream names.
   */
  @Roles('auditor', 'admin')
  @HttpCode(200)
  @Post('verify')
  async verify(@CurrentPrincipal() principal: Principal): Promise<VerificationReport> {
    const report = await verifyAll(this.store, undefined, this.checkpoints.check());
    if (principal.role === 'admin') return report;
    const redact = (failure: BadEvent): BadEvent =>
      failure.tenant === principal.tenant
        ? failure
        : { check: failure.check, ...(failure.position === undefined ? {} : { position: failure.position }), reason: 'an event outside your tenant does not verify; an administrator can see which' };
    const integrityFailure = report.failures.find((failure) => failure.check === 'integrity');
    return {
      ...report,
      ...(report.firstFailure ? { firstFailure: redact(report.firstFailure) } : {}),
      integrity: report.integrity.ok ? report.integrity : { ...report.integrity, firstFailure: redact(integrityFailure!) },
      proposals: { ...report.proposals, unknownVersion: report.proposals.unknownVersion.filter((p) => p.tenant === principal.tenant) },
      failures: report.failures.map(redact),
    };
  }
}
