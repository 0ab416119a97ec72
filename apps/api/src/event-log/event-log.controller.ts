import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { verifyChain } from '@app/audit';
import { ChainCheckpoints, EVENT_STORE, EventStore, eventsAsStored, IntegrityReport, RecordedEvent } from '@app/event-store';
import { CurrentPrincipal, NotFoundError, Principal, Public, Roles } from '@app/shared';

class ReadEventsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  fromRevision?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  maxCount?: number;
}

/** The raw decision log, for auditors and administrators of a tenant. */
@ApiTags('event log')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller()
export class EventLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: ChainCheckpoints,
  ) {}

  /** The events of one stream that belong to the caller's tenant. */
  @Get('streams/:streamId/events')
  async readStream(
    @Param('streamId') streamId: string,
    @Query() query: ReadEventsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ streamId: string; events: RecordedEvent[] }> {
    // The log as stored, each event with the bytes its chain hash covers.
    const events = await eventsAsStored(this.store).readStream(streamId, { fromRevision: query.fromRevision, maxCount: query.maxCount ?? 100 });
    const visible = events.filter((event) => event.metadata.tenant === principal.tenant);
    // Another tenant's stream is answered exactly like a missing one: its existence is not disclosed.
    if (visible.length === 0 && (query.fromRevision ?? 0) === 0) throw new NotFoundError('Stream', streamId);
    return { streamId, events: visible };
  }

  /** Re-checks the tamper-evidence chains of the whole store against the signed checkpoints. */
  @Roles('admin')
  @Get('integrity')
  verify(): Promise<IntegrityReport> {
    return verifyChain(this.store, this.checkpoints.check());
  }

  /** The public keys (PEM) that sign the checkpoints, for anyone to verify an export with. */
  @Public()
  @Get('integrity/public-key')
  @Header('Content-Type', 'application/x-pem-file')
  publicKey(): string {
    const pem = this.checkpoints.publicKeysPem();
    if (pem === '') throw new NotFoundError('Checkpoint signing key', 'AUDIT_SIGNING_KEY_FILE');
    return pem;
  }

  /** The signed checkpoints as recorded (JSON Lines), for auditors to keep beside their exports. */
  @Get('integrity/checkpoints')
  @Header('Content-Type', 'application/x-ndjson')
  checkpointsExport(): string {
    return this.checkpoints.exportText();
  }
}
