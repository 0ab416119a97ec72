import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { PersonalDataVault, PersonalDataView, Principal } from '@app/shared';
import { deliveryStream } from '../domain/delivery/delivery.decider';
import { DeliveryEvent } from '../domain/delivery/delivery.events';
import { DeliveryState, evolveDelivery, initialDeliveryState, TraineeDelivery } from '../domain/delivery/delivery.state';
import { orderDeliveryTerms } from './order-delivery-terms';

/** A trainee as answered: the survey contact decrypted, erased, or withheld from the caller. */
export type TraineeView = Omit<TraineeDelivery, 'surveyContact'> & { surveyContact?: PersonalDataView };

/** The delivery of an order folded from its stream, with the stream revision (-1: nothing reported yet). */
export interface DeliveryView {
  contractId: string;
  orderId: string;
  revision: number;
  delivery: Omit<DeliveryState, 'trainees'> & { trainees: Record<string, TraineeView> };
}

/** Who reads trainees' contacts in clear: the buyer, who runs the outcome survey, and the provider who reported them. */
const READS_CONTACTS: ReadonlySet<Principal['role']> = new Set(['buyer', 'provider']);

/**
 * The delivery of an order, for the provider performing it and for the buyers, auditors and Pôle emploi
 * officers of the tenant; anyone else is answered as if the order did not exist.
 */
export class GetDelivery extends Query<DeliveryView> {
  constructor(
    readonly contractId: string,
    readonly orderId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}

@QueryHandler(GetDelivery)
export class GetDeliveryHandler implements IQueryHandler<GetDelivery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  async execute({ contractId, orderId, principal }: GetDelivery): Promise<DeliveryView> {
    await orderDeliveryTerms(this.store, contractId, orderId, principal);
    const history = await this.store.readStream(deliveryStream(orderId));
    const delivery = history.reduce(
      (folded, event) => evolveDelivery(folded, { type: event.type, data: event.data } as unknown as DeliveryEvent),
      initialDeliveryState(),
    );
    const trainees: Record<string, TraineeView> = {};
    for (const [traineeId, { surveyContact, ...trainee }] of Object.entries(delivery.trainees)) {
      trainees[traineeId] = surveyContact === undefined ? trainee : { ...trainee, surveyContact: await this.contactFor(principal, traineeId, surveyContact) };
    }
    return { contractId, orderId, revision: history.length > 0 ? history[history.length - 1].revision : -1, delivery: { ...delivery, trainees } };
  }

  private contactFor(principal: Principal, traineeId: string, sealed: NonNullable<TraineeDelivery['surveyContact']>): Promise<PersonalDataView> {
    if (!READS_CONTACTS.has(principal.role)) return Promise.resolve({ status: 'WITHHELD' });
    return this.vault.open(principal.tenant, traineeId, 'surveyContact', sealed);
  }
}
