import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, LogFollower, RecordedEvent } from '@app/event-store';
import { Principal } from '@app/shared';
import { ContractDrafted } from '../domain/contract/contract.events';
import { LotAwarded } from '../domain/lot/lot.events';
import { awardeeProviderIds, ContractMode } from '../domain/terms/procurement-terms';

export interface ContractSummary {
  contractId: string;
  tenant: string;
  title: string;
  mode: ContractMode;
  startDate: string;
  endDate: string;
  providerIds: string[];
}

/**
 * Which contracts exist, per tenant and per provider, to answer listings. Kept in memory and brought up to
 * date from the global log before each answer, so a caller always sees its own writes; rebuilt from the log
 * at start. (Fuller read models come with the projections.)
 */
@Injectable()
export class ContractDirectory {
  private readonly contracts = new Map<string, ContractSummary>();
  private readonly log: LogFollower;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.log = new LogFollower(store, (event) => this.index(event));
  }

  async list(principal: Principal): Promise<ContractSummary[]> {
    await this.log.catchUp();
    return [...this.contracts.values()].filter(
      (summary) =>
        summary.tenant === principal.tenant &&
        (principal.role !== 'provider' || summary.providerIds.includes(principal.providerId!)),
    );
  }

  /** Every contract of every tenant, for the worker's checks. */
  async everyContract(): Promise<ContractSummary[]> {
    await this.log.catchUp();
    return [...this.contracts.values()];
  }

  private index(event: RecordedEvent): void {
    if (event.type === 'ContractDrafted') {
      const { contractId, tenant, title, mode, startDate, endDate } = event.data as ContractDrafted['data'];
      this.contracts.set(contractId, { contractId, tenant, title, mode, startDate, endDate, providerIds: [] });
    } else if (event.type === 'LotAwarded' && event.streamId.startsWith('contract-')) {
      const summary = this.contracts.get(event.streamId.slice('contract-'.length));
      const ids = awardeeProviderIds((event.data as LotAwarded['data']).awardee);
      if (summary) summary.providerIds = [...new Set([...summary.providerIds, ...ids])];
    }
  }
}
