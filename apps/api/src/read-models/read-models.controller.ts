import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Fresh, ReadModels } from '@app/projections';
import { CurrentPrincipal, Principal, Roles } from '@app/shared';

class ContractFilter {
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

export interface LotConsumptionRow {
  contract_id: string;
  lot_id: string;
  unit_type: string;
  unit_price_cents: number;
  initial_quantity: number;
  min_quantity: number;
  max_quantity: number;
  ordered_quantity: number;
  ordered_value_cents: number;
  remaining_quantity: number;
}

/**
 * Read models built from the log. Answers say up to which global position they are built (`position`):
 * a client that just wrote can wait until it reaches the position of its write.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Controller('read-models')
export class ReadModelsController {
  constructor(private readonly readModels: ReadModels) {}

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('lot-consumption')
  lotConsumption(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<LotConsumptionRow[]> {
    return this.readModels.query(
      `SELECT contract_id, lot_id, unit_type, unit_price_cents, initial_quantity, min_quantity, max_quantity,
              ordered_quantity, ordered_value_cents, max_quantity - ordered_quantity AS remaining_quantity
       FROM lot_consumption WHERE tenant = ? AND (? IS NULL OR contract_id = ?) ORDER BY contract_id, lot_id, unit_type`,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
    );
  }

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('budgets')
  budgets(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    return this.readModels.query(
      `SELECT contract_id, title, initial_value_cents, current_value_cents, maximum_value_cents, committed_cents,
              COALESCE(maximum_value_cents, current_value_cents) - committed_cents AS available_cents, amendments_in_force
       FROM contract_budget WHERE tenant = ? AND (? IS NULL OR contract_id = ?) ORDER BY title`,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
    );
  }

  /** The amendments waiting for the calling provider's answer. */
  @Roles('provider')
  @Get('provider-inbox')
  providerInbox(@CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    return this.readModels.query(
      `SELECT contract_id, amendment_id, notified_at, response_deadline FROM provider_inbox
       WHERE provider_id = ? AND tenant = ? ORDER BY response_deadline`,
      principal.providerId,
      principal.tenant,
    );
  }
}
