import { EventStore } from '@app/event-store';
import { foldStream } from '@app/shared';
import { ProcurementCommand } from '../domain/procurement.decider';
import { providerRegisterDecider, ProviderRegisterState, providerRegisterStream } from '../domain/provider-register/provider-register.decider';
import { RegisterFact } from '../domain/provider-register/qualiopi-check';
import { awardeeProviderIds } from '../domain/terms/procurement-terms';
import { loadContract } from './load-contract';

const evolveRegister = providerRegisterDecider.evolve as (state: ProviderRegisterState, event: { type: string; data: unknown }) => ProviderRegisterState;

/** What the tenant's register holds now for each provider: its certificate, if any. */
export async function registerFacts(store: EventStore, tenant: string, providerIds: string[]): Promise<RegisterFact[]> {
  return Promise.all(
    providerIds.map(async (providerId) => {
      const { state } = await foldStream(store, providerRegisterStream(tenant, providerId), providerRegisterDecider.initialState, evolveRegister);
      return { providerId, registered: state.registered, ...(state.certificate ? { certificate: state.certificate } : {}) };
    }),
  );
}

/**
 * An award or an order with the register's facts on the providers it concerns (the awardee's, or those of the
 * order's lot), so that the decider checks their Qualiopi certificates (art. L6316-1 Code du travail) and records
 * them; other commands unchanged.
 */
export async function withRegisterFacts(store: EventStore, tenant: string, contractId: string, command: ProcurementCommand): Promise<ProcurementCommand> {
  if (command.type === 'AwardLot') {
    return { ...command, data: { ...command.data, register: await registerFacts(store, tenant, awardeeProviderIds(command.data.awardee)) } };
  }
  if (command.type === 'IssueOrder') {
    const { state } = await loadContract(store, contractId);
    const awardee = state.status === 'EMPTY' ? undefined : state.lots[command.data.lotId]?.awardee;
    return { ...command, data: { ...command.data, register: awardee ? await registerFacts(store, tenant, awardeeProviderIds(awardee)) : [] } };
  }
  return command;
}
