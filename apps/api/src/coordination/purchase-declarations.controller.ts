import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import {
  OverlapState,
  PurchaseDeclarationState,
  purchaseDeclarationDecider,
  purchaseDeclarationStream,
} from '@app/coordination';
import { declarationOfOverlap, Fresh, PurchaseDeclarationRow, purchaseDeclarations, PurchaseOverlapRow, purchaseOverlaps, ReadModels, regionOrdersIn } from '@app/projections';
import { CommandRequests, CurrentPrincipal, etagOf, idFromName, NotFoundError, Principal, Roles } from '@app/shared';
import { ApiRequest } from '../procurement/contract-commands';
import { CoordinationCommands } from './coordination-commands';
import { DeclarePurchaseDto, OverlapQuery, ResolveOverlapDto, WithdrawDeclarationDto } from './dto/purchase-declaration.dto';

export interface CoordinationAnswer {
  revision: number;
  events: Array<{ id: string; type: string }>;
  /** True when this Idempotency-Key had been used: the first answer, nothing new written. */
  replayed: boolean;
}

type Declaration = Exclude<PurchaseDeclarationState, { status: 'EMPTY' }>;

/**
 * Pôle emploi's own collective purchases, declared so that the Région does not buy the same training twice:
 * each declaration is checked against the Région orders at once, and against every later order by the worker.
 */
@ApiTags('coordination')
@ApiBearerAuth()
@Controller('coordination')
export class PurchaseDeclarationsController {
  constructor(
    private readonly commands: CoordinationCommands,
    private readonly requests: CommandRequests,
    private readonly readModels: ReadModels,
  ) {}

  @Roles('pole_emploi')
  @Post('purchase-declarations')
  async declare(
    @Body() body: DeclarePurchaseDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CoordinationAnswer & { declarationId: string; overlapIds: string[] }> {
    const prepared = this.requests.from(request);
    const tenant = prepared.context.tenant;
    const declarationId = idFromName('purchase-declaration', prepared.context.commandId);
    // The Région orders as far as the read model has them; the worker checks the ones it had not seen yet.
    const regionOrders = regionOrdersIn(this.readModels, tenant, body.domainCode);
    const result = await this.commands.send(purchaseDeclarationDecider, purchaseDeclarationStream(declarationId), prepared, response, (meta) => ({
      type: 'DeclarePurchase' as const,
      meta,
      data: { ...body, declarationId, tenant, regionOrders },
    }));
    return {
      declarationId,
      overlapIds: result.events.flatMap((event) => (event.type === 'PurchaseOverlapDetected' ? [event.data.overlapId] : [])),
      ...answerOf(result),
    };
  }

  @Roles('buyer', 'pole_emploi', 'auditor')
  @Get('purchase-declarations')
  list(@CurrentPrincipal() principal: Principal): Fresh<PurchaseDeclarationRow[]> {
    return purchaseDeclarations(this.readModels, principal.tenant);
  }

  /** The declaration as its stream says now, with its overlaps and their resolutions. */
  @Roles('buyer', 'pole_emploi', 'auditor')
  @Get('purchase-declarations/:declarationId')
  async read(
    @Param('declarationId') declarationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Omit<Declaration, 'overlaps'> & { overlaps: OverlapState[] }> {
    const { declaration, revision } = await this.declaration(declarationId, principal);
    response.setHeader('ETag', etagOf(revision));
    return { ...declaration, overlaps: Object.values(declaration.overlaps) };
  }

  @Roles('pole_emploi')
  @HttpCode(200)
  @Post('purchase-declarations/:declarationId/withdrawal')
  async withdraw(
    @Param('declarationId') declarationId: string,
    @Body() body: WithdrawDeclarationDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CoordinationAnswer & { declarationId: string }> {
    const prepared = this.requests.from(request);
    await this.declaration(declarationId, request.principal);
    const result = await this.commands.send(purchaseDeclarationDecider, purchaseDeclarationStream(declarationId), prepared, response, (meta) => ({
      type: 'WithdrawPurchaseDeclaration' as const,
      meta,
      data: body,
    }));
    return { declarationId, ...answerOf(result) };
  }

  /** Overlaps detected in the tenant, unresolved ones only with `status=unresolved`. */
  @Roles('buyer', 'pole_emploi', 'auditor')
  @Get('overlaps')
  overlaps(@Query() query: OverlapQuery, @CurrentPrincipal() principal: Principal): Fresh<PurchaseOverlapRow[]> {
    const status = ({ unresolved: 'UNRESOLVED', resolved: 'RESOLVED', all: null } as const)[query.status ?? 'all'];
    return purchaseOverlaps(this.readModels, { tenant: principal.tenant, status, declarationId: query.declarationId ?? null, contractId: query.contractId ?? null });
  }

  @Roles('buyer', 'pole_emploi')
  @HttpCode(200)
  @Post('overlaps/:overlapId/resolution')
  async resolve(
    @Param('overlapId') overlapId: string,
    @Body() body: ResolveOverlapDto,
    @Req() request: ApiRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CoordinationAnswer & { overlapId: string; declarationId: string }> {
    const prepared = this.requests.from(request);
    const declarationId = declarationOfOverlap(this.readModels, request.principal.tenant, overlapId);
    if (declarationId === undefined) throw new NotFoundError('Overlap', overlapId);
    const result = await this.commands.send(purchaseDeclarationDecider, purchaseDeclarationStream(declarationId), prepared, response, (meta) => ({
      type: 'ResolvePurchaseOverlap' as const,
      meta,
      data: { overlapId, ...body },
    }));
    return { overlapId, declarationId, ...answerOf(result) };
  }

  /** The declaration of the caller's tenant, or 404 (another tenant's is not disclosed). */
  private async declaration(declarationId: string, principal: Principal): Promise<{ declaration: Declaration; revision: number }> {
    const { state, revision } = await this.commands.load(purchaseDeclarationDecider, purchaseDeclarationStream(declarationId));
    if (state.status === 'EMPTY' || state.tenant !== principal.tenant) throw new NotFoundError('Purchase declaration', declarationId);
    return { declaration: state, revision };
  }
}

export function answerOf(result: { revision: number; events: Array<{ id: string; type: string }>; replayed: boolean }): CoordinationAnswer {
  return { revision: result.revision, events: result.events.map((event) => ({ id: event.id, type: event.type })), replayed: result.replayed };
}
