import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandResult, Decider, handleCommand, NotFoundError } from '@app/shared';
import { ContractState, ProcurementEvent } from '../domain/contract/contract.state';
import { contractStream, ProcurementCommand, procurementDecider } from '../domain/procurement.decider';
import { DecideOnContract } from './decide-on-contract.command';
import { visibleContract } from './contract-view';
import { withRegisterFacts } from './register-facts';

/** Runs the generic command path on the contract's stream; the rules live in the decider only. */
@CommandHandler(DecideOnContract)
export class DecideOnContractHandler implements ICommandHandler<DecideOnContract> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, command: sent, context, expectedRevision }: DecideOnContract): Promise<CommandResult<ProcurementEvent>> {
    // Awards and orders are decided on what the tenant's provider register holds (its Qualiopi certificates).
    const command = await withRegisterFacts(this.store, context.tenant, contractId, sent);
    const principal = {
      sub: context.actorId,
      role: context.role,
      tenant: context.tenant,
      ...(context.providerId ? { providerId: context.providerId } : {}),
    };
    // A contract of another tenant, or one a provider has no part in, is answered as missing.
    const scoped: Decider<ProcurementCommand, ProcurementEvent, ContractState> = {
      ...procurementDecider,
      decide: (decided, state) => {
        // Over HTTP, "does not exist" is answered like "not yours": 404, never a rule code that tells them apart.
        if (state.status === 'EMPTY' && decided.type !== 'DraftContract') throw new NotFoundError('Contract', contractId);
        if (state.status !== 'EMPTY') {
          const visible = visibleContract(state, principal);
          const amendmentId = 'data' in decided && decided.data && 'amendmentId' in decided.data ? decided.data.amendmentId : undefined;
          if (principal.role === 'provider' && amendmentId && state.amendments[amendmentId] && !visible.amendments[amendmentId]) {
            throw new NotFoundError('Amendment', amendmentId);
          }
          if (decided.type === 'RequestAmendment' && !visible.lots[decided.data.lotId]) {
            throw new NotFoundError('Lot', decided.data.lotId);
          }
        }
        return procurementDecider.decide(decided, state);
      },
    };
    return handleCommand(this.store, scoped, contractStream(contractId), command, context, {
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
  }
}
