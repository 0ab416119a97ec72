import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ContractExports, DecpDocument, OcdsReleasePackage } from '@app/audit';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';

const Id = new ParseUUIDPipe({ version: '5' });

/**
 * The published forms of the tenant's contracts, for auditors and buyers: OCDS 1.1 release packages (one release
 * per decision) and DECP 2022 records (the contract as notified and its modifications). Each answer has been
 * checked against the official schema shipped in libs/audit/src/exports/schemas.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin', 'buyer')
@Controller('audit')
export class AuditExportsController {
  constructor(private readonly exports: ContractExports) {}

  @Get('contracts/:contractId/ocds')
  ocdsOfContract(@Param('contractId', Id) contractId: string, @CurrentPrincipal() principal: Principal): Promise<OcdsReleasePackage> {
    return this.exports.ocdsOfContract(contractId, principal.tenant);
  }

  @Get('contracts/:contractId/decp')
  decpOfContract(@Param('contractId', Id) contractId: string, @CurrentPrincipal() principal: Principal): Promise<DecpDocument> {
    return this.exports.decpOfContract(contractId, principal.tenant);
  }

  @Get('export/ocds')
  ocdsOfTenant(@CurrentPrincipal() principal: Principal): Promise<OcdsReleasePackage> {
    return this.exports.ocdsOfTenant(principal.tenant);
  }

  @Get('export/decp')
  decpOfTenant(@CurrentPrincipal() principal: Principal): Promise<DecpDocument> {
    return this.exports.decpOfTenant(principal.tenant);
  }
}
