import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Fresh, lotTargeting, LotTargeting, ProviderOutcomes, providerOutcomes, ReadModels } from '@app/projections';
import { EXIT_DESTINATIONS, lateInterest } from '@app/procurement';
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

/** SQL: the caller's provider (twice, the parameter is null for the other roles) is one of `members`, `,a,b,`. */
const visibleTo = (members: string) => `(? IS NULL OR instr(${members}, ',' || ? || ',') > 0)`;

interface QualityRow {
  contract_id: string;
  lot_id: string;
  entered: number;
  completed: number;
  certified: number;
  positive_exits: number;
  outcomes_6m: number;
  outcomes_6m_known: number;
  employed_6m: number;
  satisfaction_answers: number;
  satisfied: number;
  completion_rate_percent: number | null;
  certification_rate_percent: number | null;
  employment_rate_6m_percent: number | null;
  satisfaction_rate_percent: number | null;
}

type ExitRow = { contract_id: string; lot_id: string; entered: number; completed: number; left_early: number; positive_exits: number; continued_remotely: number } & Record<string, number | string>;

interface SituationRow {
  contract_id: string;
  lot_id: string;
  horizon_months: number;
  situation: string;
  trainees: number;
}

/** What became of a lot's trainees: exits, outcomes per horizon and situation, indicators with their counts (null: not measurable). */
export interface LotOutcomes {
  contract_id: string;
  lot_id: string;
  exits: { entered: number; completed: number; left_early: number; continued_remotely: number; positive_exits: number; by_destination: Record<string, number> };
  outcomes: Record<string, Record<string, number>>;
  indicators: Record<string, { percent: number | null } & Record<string, number | null>>;
}

export interface PaymentPositionTotals {
  contract_id: string;
  committed_cents: number;
  delivered_cents: number;
  stated_cents: number;
  requested_cents: number;
  paid_cents: number;
  /** Requested, unpaid and past its deadline today. */
  overdue_cents: number;
  interest_due_cents: number;
  indemnity_due_cents: number;
  interest_accruing_cents: number;
}

export interface PaymentPositionRow extends PaymentPositionTotals {
  order_id: string;
  lot_id: string;
  dispute_adjustment_cents: number;
  advance_cents: number;
}

export interface SessionFillRow {
  contract_id: string;
  order_id: string;
  session_id: string;
  lot_id: string;
  capacity: number;
  cancelled: number;
  /** Trainees in the session now: entered minus left early. */
  entries: number;
  completed: number;
  /** People waiting: reported by the provider or referred by Pôle emploi (referrals_waiting of them). */
  waiting_list: number;
  /** Pôle emploi referrals holding a place until their outcome. */
  referred: number;
  referrals_waiting: number;
  /** Places taken (entries + referred) over capacity. */
  fill_rate_percent: number | null;
}

export interface OrderFillRow {
  contract_id: string;
  order_id: string;
  lot_id: string;
  /** Sessions not cancelled, and their totals. */
  sessions: number;
  capacity: number;
  entries: number;
  completed: number;
  waiting_list: number;
  referred: number;
  referrals_waiting: number;
  fill_rate_percent: number | null;
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
  /** Units delivered (from the lot_delivery read model). */
  delivered_quantity: number;
  awarded_at: string | null;
  days_since_award: number | null;
  /** Units ordered per day since award. */
  burn_rate_per_day: number | null;
  /** The day the lot maximum would be reached at that pace. */
  forecast_exhaustion_date: string | null;
}

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
    const today = this.clock.now().toISOString().slice(0, 10);
    return this.readModels.query(
      `SELECT *,
              -- Units ordered per day since award, and the day the lot maximum is reached at that pace.
              CASE WHEN days_since_award > 0 THEN ROUND(ordered_quantity * 1.0 / days_since_award, 3) END AS burn_rate_per_day,
              CASE WHEN ordered_quantity > 0 AND days_since_award > 0
                   THEN date(?, '+' || CAST((remaining_quantity * days_since_award + ordered_quantity - 1) / ordered_quantity AS INTEGER) || ' days')
              END AS forecast_exhaustion_date
       FROM (SELECT contract_id, lot_id, unit_type, unit_price_cents, initial_quantity, min_quantity, max_quantity,
                    ordered_quantity, ordered_value_cents, max_quantity - ordered_quantity AS remaining_quantity, awarded_at,
                    CAST(julianday(?) - julianday(date(awarded_at)) AS INTEGER) AS days_since_award,
                    COALESCE((SELECT SUM(u.delivered_quantity) FROM lot_delivery_units u
                              WHERE u.contract_id = c.contract_id AND u.lot_id = c.lot_id AND u.unit_type = c.unit_type), 0) AS delivered_quantity
             FROM lot_consumption c WHERE tenant = ? AND (? IS NULL OR contract_id = ?))
       ORDER BY contract_id, lot_id, unit_type`,
      today,
      today,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
    );
  }

  @Roles('buyer', 'auditor', 'pole_emploi', 'admin')
  @Get('budgets')
  budgets(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    return this.readModels.query(
      `SELECT b.contract_id, b.title, b.initial_value_cents, b.current_value_cents, b.maximum_value_cents, b.committed_cents,
              COALESCE(b.maximum_value_cents, b.current_value_cents) - b.committed_cents AS available_cents, b.amendments_in_force,
              COALESCE(c.consumed_cents, 0) AS consumed_cents, COALESCE(c.statements, 0) AS statements_issued,
              -- Split by funder: Pôle emploi's co-financed parts (order_funding), the rest is the Région's.
              b.committed_cents - COALESCE(f.committed_pole_emploi_cents, 0) AS committed_region_cents,
              COALESCE(f.committed_pole_emploi_cents, 0) AS committed_pole_emploi_cents,
              COALESCE(c.consumed_cents, 0) - COALESCE(f.consumed_pole_emploi_cents, 0) AS consumed_region_cents,
              COALESCE(f.consumed_pole_emploi_cents, 0) AS consumed_pole_emploi_cents,
              COALESCE(f.co_financed_orders, 0) AS co_financed_orders
       FROM contract_budget b LEFT JOIN contract_consumption c ON c.contract_id = b.contract_id
       LEFT JOIN (SELECT contract_id, SUM(committed_pole_emploi_cents) AS committed_pole_emploi_cents,
                         SUM(consumed_pole_emploi_cents) AS consumed_pole_emploi_cents, COUNT(agreement_id) AS co_financed_orders
                  FROM order_funding WHERE tenant = ? AND (? IS NULL OR contract_id = ?) GROUP BY contract_id) f ON f.contract_id = b.contract_id
       WHERE b.tenant = ? AND (? IS NULL OR b.contract_id = ?) ORDER BY b.title`,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
    );
  }

  /**
   * Per order and per contract, from ordering to payment: committed, delivered (with what was delivered beyond
   * the order, valued), stated, requested, paid, overdue today, the interest and indemnity owed, and the interest
   * accruing on what is overdue (CCP R2192-31). A provider sees the orders of the lots it performs.
   */
  @Roles('buyer', 'auditor', 'admin', 'provider')
  @Get('payments')
  payments(@Query() filter: OrderFilter, @CurrentPrincipal() principal: Principal): { position: number; orders: PaymentPositionRow[]; contracts: PaymentPositionTotals[] } {
    const provider = providerScope(principal);
    const today = this.clock.now().toISOString().slice(0, 10);
    const fresh = this.readModels.queryAll<{ orders: Array<Omit<PaymentPositionRow, 'overdue_cents' | 'interest_accruing_cents'>>; requests: Array<{ order_id: string; contract_id: string; unpaid_cents: number; due_on: string }> }>({
      orders: [
        `SELECT o.contract_id, o.order_id, o.lot_id, o.committed_cents, o.delivered_cents, o.stated_cents, o.dispute_adjustment_cents, o.requested_cents,
                o.paid_cents, o.advance_cents, o.interest_due_cents, o.indemnity_due_cents
         FROM payment_position_orders o LEFT JOIN order_placements_lot_providers l ON l.contract_id = o.contract_id AND l.lot_id = o.lot_id
         WHERE o.tenant = ? AND (? IS NULL OR o.contract_id = ?) AND (? IS NULL OR o.order_id = ?) AND ${visibleTo('l.member_ids')}
         ORDER BY o.contract_id, o.order_id`,
        principal.tenant, filter.contractId ?? null, filter.contractId ?? null, filter.orderId ?? null, filter.orderId ?? null, provider, provider,
      ],
      requests: [
        `SELECT contract_id, order_id, amount_cents - paid_cents AS unpaid_cents, due_on FROM payment_position_requests
         WHERE tenant = ? AND (? IS NULL OR contract_id = ?) AND due_on IS NOT NULL AND due_on < ? AND paid_cents < amount_cents`,
        principal.tenant, filter.contractId ?? null, filter.contractId ?? null, today,
      ],
    });
    const orders = fresh.orders.map((order) => {
      const overdue = fresh.requests.filter((request) => request.contract_id === order.contract_id && request.order_id === order.order_id);
      return {
        ...order,
        overdue_cents: overdue.reduce((total, request) => total + request.unpaid_cents, 0),
        interest_accruing_cents: overdue.reduce((total, request) => total + (lateInterest(request.unpaid_cents, request.due_on, today)?.interestCents ?? 0), 0),
      };
    });
    const contracts = [...new Set(orders.map((order) => order.contract_id))].map((contractId) => {
      const of = orders.filter((order) => order.contract_id === contractId);
      const sum = (column: keyof PaymentPositionTotals & keyof PaymentPositionRow) => of.reduce((total, order) => total + (order[column] as number), 0);
      return {
        contract_id: contractId,
        committed_cents: sum('committed_cents'),
        delivered_cents: sum('delivered_cents'),
        stated_cents: sum('stated_cents'),
        requested_cents: sum('requested_cents'),
        paid_cents: sum('paid_cents'),
        overdue_cents: sum('overdue_cents'),
        interest_due_cents: sum('interest_due_cents'),
        indemnity_due_cents: sum('indemnity_due_cents'),
        interest_accruing_cents: sum('interest_accruing_cents'),
      };
    });
    return { position: fresh.position, orders, contracts };
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
    const provider = providerScope(principal);
    const where = (alias: string) =>
      `${alias}.tenant = ? AND (? IS NULL OR ${alias}.contract_id = ?) AND (? IS NULL OR ${alias}.order_id = ?) AND ${visibleTo('l.member_ids')}`;
    const join = (alias: string) => `LEFT JOIN order_placements_lot_providers l ON l.contract_id = ${alias}.contract_id AND l.lot_id = ${alias}.lot_id`;
    const parameters = [principal.tenant, filter.contractId ?? null, filter.contractId ?? null, filter.orderId ?? null, filter.orderId ?? null, provider, provider];
    return this.readModels.queryAll<{ rows: SessionFillRow[]; orders: OrderFillRow[] }>({
      rows: [
        `SELECT f.contract_id, f.order_id, f.session_id, f.lot_id, f.capacity, f.cancelled, f.entries, f.completed, f.waiting_list,
                f.referred, f.referrals_waiting, f.fill_rate_percent
         FROM session_fill f ${join('f')} WHERE ${where('f')} ORDER BY f.contract_id, f.order_id, f.session_id`,
        ...parameters,
      ],
      orders: [
        `SELECT o.contract_id, o.order_id, o.lot_id, o.sessions, o.capacity, o.entries, o.completed, o.waiting_list,
                o.referred, o.referrals_waiting, o.fill_rate_percent
         FROM session_fill_orders o ${join('o')} WHERE ${where('o')} ORDER BY o.contract_id, o.order_id`,
        ...parameters,
      ],
    });
  }

  /**
   * Per lot and provider: trainees entered, left early (by reason), completed, certified, the dropout and
   * completion rates, and the units delivered by type. A provider sees its own rows.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('lot-delivery')
  lotDelivery(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    const provider = providerScope(principal);
    const fresh = this.readModels.query<Array<Record<string, unknown> & { delivered: string }>>(
      `SELECT d.*, (SELECT json_group_object(u.unit_type, u.delivered_quantity) FROM lot_delivery_units u
                    WHERE u.contract_id = d.contract_id AND u.lot_id = d.lot_id AND u.provider_id = d.provider_id) AS delivered
       FROM lot_delivery d WHERE d.tenant = ? AND (? IS NULL OR d.contract_id = ?) AND ${visibleTo('d.member_ids')}
       ORDER BY d.contract_id, d.lot_id, d.provider_id`,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
      provider,
      provider,
    );
    return {
      position: fresh.position,
      rows: fresh.rows.map(({ tenant: _tenant, member_ids: _members, delivered, ...row }) => ({ ...row, delivered: JSON.parse(delivered) as Record<string, number> })),
    };
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
  priorityPublics(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    return this.perLot('priority_publics', filter, principal);
  }

  /** Per lot: completion and certification rates, employment and satisfaction at 6 months from the outcomes recorded. */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('quality')
  quality(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<unknown[]> {
    return this.perLot('quality_indicators', filter, principal);
  }

  /**
   * Per lot, what became of its trainees: exits (completions and early exits by destination, positive exits
   * apart), outcomes recorded per horizon (6, 12 months) and situation, and the indicators measured from them with
   * their counts. A provider sees the lots it performs.
   */
  @Roles('buyer', 'auditor', 'pole_emploi', 'admin', 'provider')
  @Get('outcomes')
  outcomes(@Query() filter: ContractFilter, @CurrentPrincipal() principal: Principal): Fresh<LotOutcomes[]> {
    const provider = providerScope(principal);
    const scope = [principal.tenant, filter.contractId ?? null, filter.contractId ?? null, provider, provider];
    const lotsVisible = `FROM quality_indicators q LEFT JOIN order_placements_lot_providers l ON l.contract_id = q.contract_id AND l.lot_id = q.lot_id
       WHERE q.tenant = ? AND (? IS NULL OR q.contract_id = ?) AND ${visibleTo('l.member_ids')}`;
    const answer = this.readModels.queryAll<{ quality: QualityRow[]; exits: ExitRow[]; situations: SituationRow[] }>({
      quality: [`SELECT q.* ${lotsVisible} ORDER BY q.contract_id, q.lot_id`, ...scope],
      exits: [
        `SELECT d.contract_id, d.lot_id, SUM(d.entered) AS entered, SUM(d.completed) AS completed, SUM(d.left_early) AS left_early,
                SUM(d.positive_exits) AS positive_exits, SUM(d.continued_remotely) AS continued_remotely,
                ${EXIT_DESTINATIONS.map((destination) => `SUM(d.left_early_to_${destination.toLowerCase()}) AS ${destination}`).join(', ')}
         FROM lot_delivery d WHERE d.tenant = ? AND (? IS NULL OR d.contract_id = ?) AND ${visibleTo('d.member_ids')} GROUP BY d.contract_id, d.lot_id`,
        ...scope,
      ],
      situations: [
        `SELECT o.contract_id, o.lot_id, o.horizon_months, o.situation, o.trainees FROM quality_indicators_outcomes o
         JOIN quality_indicators q ON q.contract_id = o.contract_id AND q.lot_id = o.lot_id
         LEFT JOIN order_placements_lot_providers l ON l.contract_id = q.contract_id AND l.lot_id = q.lot_id
         WHERE q.tenant = ? AND (? IS NULL OR q.contract_id = ?) AND ${visibleTo('l.member_ids')}`,
        ...scope,
      ],
    });
    const key = (row: { contract_id: string; lot_id: string }) => `${row.contract_id}/${row.lot_id}`;
    const exits = new Map(answer.exits.map((row) => [key(row), row]));
    const rows = answer.quality.map((q): LotOutcomes => {
      const exit = exits.get(key(q));
      const outcomes: Record<string, Record<string, number>> = { '6': {}, '12': {} };
      for (const row of answer.situations.filter((situation) => key(situation) === key(q))) outcomes[String(row.horizon_months)][row.situation] = row.trainees;
      return {
        contract_id: q.contract_id,
        lot_id: q.lot_id,
        exits: {
          entered: exit?.entered ?? 0,
          completed: exit?.completed ?? 0,
          left_early: exit?.left_early ?? 0,
          continued_remotely: exit?.continued_remotely ?? 0,
          positive_exits: exit?.positive_exits ?? 0,
          by_destination: Object.fromEntries(EXIT_DESTINATIONS.map((destination) => [destination, Number(exit?.[destination] ?? 0)])),
        },
        outcomes,
        indicators: {
          COMPLETION_RATE: { percent: q.completion_rate_percent, completed: q.completed, counted: q.entered - q.positive_exits },
          CERTIFICATION_RATE: { percent: q.certification_rate_percent, certified: q.certified, completed: q.completed },
          EMPLOYMENT_RATE_6_MONTHS: { percent: q.employment_rate_6m_percent, employed: q.employed_6m, known: q.outcomes_6m_known, observed: q.outcomes_6m, entered: q.entered },
          SATISFACTION_RATE: { percent: q.satisfaction_rate_percent, satisfied: q.satisfied, answers: q.satisfaction_answers },
        },
      };
    });
    return { position: answer.position, rows };
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
    return providerOutcomes(this.readModels, { tenant: principal.tenant, contractId: filter.contractId ?? null, providerId: providerScope(principal) });
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

  /** Rows of a per-lot read model, for the tenant, and for a provider those of the lots it performs now. */
  private perLot(table: 'priority_publics' | 'quality_indicators', filter: ContractFilter, principal: Principal): Fresh<unknown[]> {
    const provider = providerScope(principal);
    const fresh = this.readModels.query<Array<Record<string, unknown>>>(
      `SELECT t.* FROM ${table} t LEFT JOIN order_placements_lot_providers l ON l.contract_id = t.contract_id AND l.lot_id = t.lot_id
       WHERE t.tenant = ? AND (? IS NULL OR t.contract_id = ?) AND ${visibleTo('l.member_ids')} ORDER BY t.contract_id, t.lot_id`,
      principal.tenant,
      filter.contractId ?? null,
      filter.contractId ?? null,
      provider,
      provider,
    );
    return { position: fresh.position, rows: fresh.rows.map(({ tenant: _tenant, ...row }) => row) };
  }
}
