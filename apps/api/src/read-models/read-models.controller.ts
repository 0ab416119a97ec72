import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import {
  ContractBudgetRow,
  contractBudgets,
  Fresh,
  lotConsumption,
  LotConsumptionRow,
  lotDelivery,
  LotDeliveryAnswer,
  LotOutcomes,
  lotOutcomes,
  lotTargeting,
  LotTargeting,
  OrderFillRow,
  PaymentPositionRow,
  paymentPositions,
  PaymentPositionTotals,
  priorityPublics,
  PriorityPublicsRow,
  providerInbox,
  ProviderInboxRow,
  ProviderOutcomes,
  providerOutcomes,
  qualityIndicators,
  QualityIndicatorsRow,
  ReadModels,
  ReadScope,
  sessionFill,
  SessionFillRow,
} from '@app/projections';
import { Clock, CLOCK, CurrentPrincipal, Principal, Roles } from '@app/shared';
import { AsOfQuery } from '../procurement/dto/programme.dto';

class ContractFilter {
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

class TargetingFilter extends AsOfQuery {
  @IsOptional()
  @IsUUID()
  contractId?: string;
}

class OrderFilter extends ContractFilter {
  @IsOptional()
  @IsUUID()
  orderId?: string;
}

/** The provider a caller may see the data of, or null for the roles that see the whole tenant. */
const providerScope = (principal: Principal): string | null => (principal.role === 'provider' ? (principal.providerId ?? '') : null);

/** What the caller may read of the tenant's read models. */
const scopeOf = (principal: Principal, filter: ContractFilter): ReadScope => ({ tenant: principal.tenant, contractId: filter.contractId ?? null, providerId: providerScope(principal) });

/**
 * Read models built from the log. Answers say up to which global position they are built (`position`):
 * a client that just wrote can wait until it reaches the position of its write.
 */
@ApiTags('read models')
@ApiBearerAuth()
@Controller('read-models')
export class ReadModelsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('lot-consumption')
  lotConsumption(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<LotConsumptionRow[]> {
    return lotConsumption(this.readModels, { tenant: principal.tenant, contractId: filter.contractId ?? null }, this.clock.now().toISOString().slice(0, 10));
  }

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('budgets')
  budgets(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<ContractBudgetRow[]> {
    return contractBudgets(this.readModels, { tenant: principal.tenant, contractId: filter.contractId ?? null });
  }

  /**
   * Per order and per contract, from ordering to payment: committed, delivered (with what was delivered beyond
   * the order, valued), stated, requested, paid, overdue today, the interest and indemnity owed, and the interest
   * accruing on what is overdue (CCP R2192-31). A provider sees the orders of the lots it performs.
   */
  @Roles('buyer', 'auditor', 'admin', 'provider')
  @Get('payments')
  payments(@Query() filter: OrderFilter, @CurrentPrincipal() principal: Principal): { position: number; orders: PaymentPositionRow[]; contracts: PaymentPositionTotals[] } {
    return paymentPositions(this.readModels, { ...scopeOf(principal, filter), orderId: filter.orderId ?? null }, this.clock.now().toISOString().slice(0, 10));
  }

  /**
   * How full each session is (trainees in it now, completed, referrals holding a place, waiting list, fill rate) and the totals of each
   * order over its sessions not cancelled. A provider sees the orders of the lots it performs.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('session-fill')
  sessionFill(
    @Query() filter: OrderFilter,
    @CurrentPrincipal() principal: Principal,
  ): { position: number; rows: SessionFillRow[]; orders: OrderFillRow[] } {
    return sessionFill(this.readModels, { ...scopeOf(principal, filter), orderId: filter.orderId ?? null });
  }

  /**
   * Per lot and provider: trainees entered, left early (by reason), completed, certified, the dropout and
   * completion rates, and the units delivered by type. A provider sees its own rows.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('lot-delivery')
  lotDelivery(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<LotDeliveryAnswer[]> {
    return lotDelivery(this.readModels, scopeOf(principal, filter));
  }

  /**
   * Per lot of the tenant: each public's share among its trainees entered up to the day (now or `?asOf=`) against
   * the targets of the programme it is attached to (one row per programme), or the national figure where none is set.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('targeting')
  targeting(@Query() filter: TargetingFilter, @CurrentPrincipal() principal: Principal): { position: number; rows: LotTargeting[] } {
    const asOf = filter.asOf === undefined ? this.clock.now().toISOString() : new Date(filter.asOf).toISOString();
    return lotTargeting(this.readModels, { tenant: principal.tenant, asOf, ...(filter.contractId === undefined ? {} : { contractId: filter.contractId }) });
  }

  /** Per lot: entries by priority public and their shares, with the QPV share against the national target. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('priority-publics')
  priorityPublics(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<PriorityPublicsRow[]> {
    return priorityPublics(this.readModels, scopeOf(principal, filter));
  }

  /** Per lot: completion and certification rates, employment and satisfaction at 6 months from the outcomes recorded. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('quality')
  quality(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<QualityIndicatorsRow[]> {
    return qualityIndicators(this.readModels, scopeOf(principal, filter));
  }

  /**
   * Per lot, what became of its trainees: exits (completions and early exits by destination, positive exits
   * apart), outcomes recorded per horizon (6, 12 months) and situation, and the indicators measured from them with
   * their counts. A provider sees the lots it performs.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('outcomes')
  outcomes(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<LotOutcomes[]> {
    return lotOutcomes(this.readModels, scopeOf(principal, filter));
  }

  /**
   * Per lot and provider, what became of the trainees it took in: each trainee's exit once (completed, or left
   * early by destination, a job by its contract type), the situations observed at 6 and 12 months, and the
   * employment and satisfaction rates at 6 months as the quality indicators measure them (null: not measurable
   * yet). A provider sees its own rows.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('provider-outcomes')
  providerOutcomes(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<ProviderOutcomes[]> {
    return providerOutcomes(this.readModels, scopeOf(principal, filter));
  }

  /** The amendments waiting for the calling provider's answer. */
  @Roles('provider')
  @Get('provider-inbox')
  providerInbox(@CurrentPrincipal() principal: Principal): Fresh<ProviderInboxRow[]> {
    return providerInbox(this.readModels, { tenant: principal.tenant, providerId: principal.providerId ?? '' });
  }
}
