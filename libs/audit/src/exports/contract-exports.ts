import { EventStore, RecordedEvent } from '@app/event-store';
import { contractStream, deliveryStream, FundingLineAdded, LotAttached, paymentsStream, ProviderRegistered } from '@app/procurement';
import { NotFoundError, RuleViolation } from '@app/shared';
import { DecpDocument, decpMarchesOf } from './decp-marche';
import { LheoFacts, LheoOffer, lheoOfferOf } from './lheo-offer';
import { LOTS_EXTENSION, OCDS_VERSION, OcdsRelease, ocdsReleasesOf } from './ocds-releases';
import { assertValid, assertValidLheo } from './schema-validation';

export interface ExportSettings {
  /** OCDS ocid prefix registered by the publisher (`ocds-` and 6 characters). */
  ocidPrefix: string;
  /** SIRET of each tenant's buying entity, the `acheteur` of its DECP records. */
  buyerSirets: Record<string, string>;
}

export interface OcdsReleasePackage {
  version: string;
  extensions: string[];
  /** The last change the package contains; absent from an empty package. */
  publishedDate?: string;
  publisher: { name: string };
  releases: OcdsRelease[];
}

const PAGE = 1000;

/**
 * The published forms of a tenant's contracts: OCDS release packages and DECP records. Every document is
 * checked against its official schema before it leaves (a failure is a mapping bug: answered 500, logged).
 */
export class ContractExports {
  constructor(
    private readonly store: EventStore,
    private readonly settings: ExportSettings,
  ) {}

  async ocdsOfContract(contractId: string, tenant: string): Promise<OcdsReleasePackage> {
    return this.ocdsPackage(tenant, [await this.historyOf(contractId, tenant)]);
  }

  async ocdsOfTenant(tenant: string): Promise<OcdsReleasePackage> {
    return this.ocdsPackage(tenant, await this.historiesOf(tenant));
  }

  async decpOfContract(contractId: string, tenant: string): Promise<DecpDocument> {
    const history = await this.historyOf(contractId, tenant);
    const marches = decpMarchesOf(history, this.siretOf(tenant), await this.store.readStream(paymentsStream(tenant, contractId)));
    if (marches.length === 0) {
      throw new RuleViolation(
        'CONTRACT_NOT_NOTIFIED',
        `Contract ${contractId} has no awarded lot yet: its essential data exist from notification on`,
        'Arrêté du 22 décembre 2022 relatif aux données essentielles des marchés publics',
        { contractId },
      );
    }
    return assertValid('decp', { marches: { marche: marches } });
  }

  /** The awarded lots of the tenant's contracts; a contract without an awarded lot has no essential data yet. */
  async decpOfTenant(tenant: string): Promise<DecpDocument> {
    const siret = this.siretOf(tenant);
    const histories = await this.historiesOf(tenant);
    const payments = await Promise.all(histories.map((history) => this.paymentsOf(tenant, history)));
    const marches = histories.flatMap((history, i) => decpMarchesOf(history, siret, payments[i]));
    return assertValid('decp', { marches: { marche: marches } });
  }

  /**
   * The tenant's offer of training in LHEO 2.3, checked against the official XSD before it is handed over;
   * with `changedSince`, only the formations changed after it (what a Carif-Oref base polling the offer needs).
   */
  async lheoOfTenant(tenant: string, changedSince?: string): Promise<LheoOffer> {
    const offer = lheoOfferOf(await this.lheoFactsOf(tenant), changedSince);
    return offer.xml === undefined ? offer : { ...offer, xml: await assertValidLheo(offer.xml) };
  }

  /** What the offer is made of: contracts with their deliveries, the provider register, programme funding lines. */
  private async lheoFactsOf(tenant: string): Promise<LheoFacts> {
    const providers: LheoFacts['providers'] = {};
    const funders = new Map<string, FundingLineAdded['data']['funder']>();
    const fundingLines: LheoFacts['fundingLines'] = {};
    const contractIds: string[] = [];
    // One pass over the log for everything the offer gathers from outside the contracts' streams.
    await this.scan((event) => {
      if (event.metadata.tenant !== tenant) return;
      if (event.type === 'ContractDrafted') contractIds.push((event.data as { contractId: string }).contractId);
      if (event.type === 'ProviderRegistered') {
        const entry = event.data as unknown as ProviderRegistered['data'];
        providers[entry.providerId] = { entry, changedAt: event.recordedAt };
      }
      if (event.type === 'FundingLineAdded') {
        const line = event.data as unknown as FundingLineAdded['data'];
        funders.set(`${line.programmeId}/${line.fundingLineId}`, line.funder);
      }
      if (event.type === 'LotAttached') {
        const { programmeId, fundingLineId, contractId, lotId } = event.data as unknown as LotAttached['data'];
        const funder = funders.get(`${programmeId}/${fundingLineId}`);
        if (funder !== undefined) (fundingLines[`${contractId}/${lotId}`] ??= []).push({ funder, attachedAt: event.recordedAt });
      }
    });
    const histories = await this.historiesOfContracts(contractIds);
    const contracts = await Promise.all(
      histories.map(async (history) => {
        const orderIds = [...new Set(history.filter((event) => event.type === 'OrderIssued').map((event) => (event.data as { orderId: string }).orderId))];
        const deliveries = await Promise.all(orderIds.map((orderId) => this.store.readStream(deliveryStream(orderId))));
        return { history, deliveries: Object.fromEntries(orderIds.map((orderId, i) => [orderId, deliveries[i]])) };
      }),
    );
    return { contracts, providers, fundingLines };
  }

  /** The payments stream of the contract a history is of. */
  private paymentsOf(tenant: string, history: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.store.readStream(paymentsStream(tenant, (history[0].data as { contractId: string }).contractId));
  }

  private async ocdsPackage(tenant: string, histories: RecordedEvent[][]): Promise<OcdsReleasePackage> {
    const payments = await Promise.all(histories.map((history) => this.paymentsOf(tenant, history)));
    const releases = histories.flatMap((history, i) => ocdsReleasesOf(history, this.settings.ocidPrefix, payments[i]));
    // Generated on demand: the package is dated by the last change it contains.
    const publishedDate = [...histories.flat(), ...payments.flat()].reduce<string | undefined>((latest, event) => (latest === undefined || event.recordedAt > latest ? event.recordedAt : latest), undefined);
    return assertValid('ocds', {
      version: OCDS_VERSION,
      extensions: [LOTS_EXTENSION],
      ...(publishedDate === undefined ? {} : { publishedDate }),
      publisher: { name: `Région ${tenant}` },
      releases,
    });
  }

  private siretOf(tenant: string): string {
    const siret = this.settings.buyerSirets[tenant];
    if (siret === undefined) {
      throw new RuleViolation(
        'DECP_BUYER_SIRET_NOT_CONFIGURED',
        `No SIRET is configured for the buyer of tenant ${tenant} (DECP_BUYER_SIRETS): DECP records name their buyer by SIRET`,
        'Arrêté du 22 décembre 2022 relatif aux données essentielles des marchés publics, annexe (acheteur)',
        { tenant },
      );
    }
    return siret;
  }

  private async historyOf(contractId: string, tenant: string): Promise<RecordedEvent[]> {
    const history = await this.store.readStream(contractStream(contractId));
    if (history.length === 0 || history[0].metadata.tenant !== tenant) throw new NotFoundError('Contract', contractId);
    return history;
  }

  /** Every contract of the tenant, in the order they were drafted. */
  private async historiesOf(tenant: string): Promise<RecordedEvent[][]> {
    const contractIds: string[] = [];
    await this.scan((event) => {
      if (event.type === 'ContractDrafted' && event.metadata.tenant === tenant) contractIds.push((event.data as { contractId: string }).contractId);
    });
    return this.historiesOfContracts(contractIds);
  }

  private historiesOfContracts(contractIds: string[]): Promise<RecordedEvent[][]> {
    return Promise.all(contractIds.map((contractId) => this.store.readStream(contractStream(contractId))));
  }

  /** Every event of the store, in commit order. */
  private async scan(visit: (event: RecordedEvent) => void): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await this.store.readAll({ afterPosition: after, maxCount: PAGE });
      page.forEach(visit);
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
  }
}
