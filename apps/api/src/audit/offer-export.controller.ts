import { Controller, Get, Header, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { ContractExports } from '@app/audit';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';
import { momentOf, OfferExportQuery } from './audit.dto';

/**
 * The tenant's offer of training in LHEO 2.3, the form the regional Carif-Oref base takes it in (and, through it,
 * prescribers' tools), checked against the official XSD before it is answered: a document that fails is a mapping
 * bug, answered 500 with the schema's complaints logged, never served half-valid. An offer with no formation to
 * publish is answered 204: LHEO has no empty document (offres holds at least one formation).
 */
@ApiTags('exports')
@ApiBearerAuth()
@Roles('auditor', 'admin', 'buyer')
@Controller('exports')
export class OfferExportController {
  private readonly logger = new Logger(OfferExportController.name);

  constructor(private readonly exports: ContractExports) {}

  @Get('lheo.xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOkResponse({ description: 'LHEO 2.3 document (lheo › offres › formation › action › session)', content: { 'application/xml': {} } })
  async lheo(@Query() query: OfferExportQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<string | undefined> {
    const offer = await this.exports.lheoOfTenant(principal.tenant, query.changedSince === undefined ? undefined : momentOf(query.changedSince));
    // The buyer completes a lot's description from what is named here.
    if (offer.leftOut.length > 0) this.logger.warn({ tenant: principal.tenant, leftOut: offer.leftOut }, 'Lots left out of the LHEO offer');
    if (offer.xml === undefined) {
      response.status(204);
      return undefined;
    }
    return offer.xml;
  }
}
