import type { AmendmentNotified } from '@app/procurement/domain/amendment/amendment.events';
import type { OrderEvent } from '@app/procurement/domain/order/order.events';
import type { QualiopiCertificateExpired } from '@app/procurement/domain/qualiopi-expiry/qualiopi-expiry.events';

type NoticeEvent = AmendmentNotified | OrderEvent | QualiopiCertificateExpired;
type ProviderViews<E extends NoticeEvent> = { [T in E['type']]: (data: Extract<E, { type: T }>['data']) => object };

/**
 * What a provider is told of an order's facts: every one of them, less what is not the provider's business.
 * Pôle emploi's co-financing is agreed between the buyer and Pôle emploi, so a reduction's co-financing check
 * stays out (as on the order the provider reads). A new order event states here what the provider sees of it.
 */
const ORDER_VIEWS: ProviderViews<OrderEvent> = {
  OrderIssued: (data) => data,
  OrderQuantityAdjusted: ({ coFinancing: _agreedBetweenBuyerAndPoleEmploi, ...data }) => data,
  OrderSessionMoved: (data) => data,
  OrderSessionAdded: (data) => data,
  OrderSessionCancelled: (data) => data,
  OrderModalitySwitched: (data) => data,
  OrderModuleAdded: (data) => data,
  OrderTraineeSwitchedToRemote: (data) => data,
  OrderClosed: (data) => data,
};

const AMENDMENT_VIEWS: ProviderViews<AmendmentNotified> = {
  AmendmentNotified: (data) => data,
};

/** Its own certificate ended during the execution of the contract: no new order until it is renewed. */
const CERTIFICATE_VIEWS: ProviderViews<QualiopiCertificateExpired> = {
  QualiopiCertificateExpired: (data) => data,
};

/**
 * The procurement facts a provider is told about through its webhook: an amendment notified to it, any
 * change to an order on a lot it performs, and the end of its Qualiopi certificate during a contract's execution.
 */
const typesOf = <E extends NoticeEvent>(views: ProviderViews<E>): Array<E['type']> => Object.keys(views) as Array<E['type']>;
/** The event types a provider is notified of, as typed lists (for a projection's handles) and as sets (to test any type). */
export const PROVIDER_NOTICE_EVENT_TYPES = [...typesOf(AMENDMENT_VIEWS), ...typesOf(ORDER_VIEWS), ...typesOf(CERTIFICATE_VIEWS)];
export const AMENDMENT_NOTICE_TYPES: ReadonlySet<string> = new Set(typesOf(AMENDMENT_VIEWS));
export const ORDER_NOTICE_TYPES: ReadonlySet<string> = new Set(typesOf(ORDER_VIEWS));

const VIEWS: ReadonlyMap<string, (data: never) => object> = new Map(Object.entries({ ...ORDER_VIEWS, ...AMENDMENT_VIEWS, ...CERTIFICATE_VIEWS }));

/**
 * The data of a notice as the provider receives it, or undefined for a fact providers are not told about.
 * Pure: every delivery of one event carries the same body under its idempotency key.
 */
export function providerNoticeData(event: { type: string; data: unknown }): object | undefined {
  const view = VIEWS.get(event.type) as ((data: unknown) => object) | undefined;
  return view?.(event.data);
}

/**
 * One notification per event and provider. A dot, not a colon, separates them: BullMQ refuses job ids with
 * one colon, and neither a UUID nor a provider reference contains a dot before the provider part.
 */
export const notificationIdOf = (eventId: string, providerId: string): string => `${eventId}.${providerId}`;

/** The BullMQ job of one delivery round: re-adding it while it exists is a no-op, a new round is a new job. */
export const deliveryJobIdOf = (notificationId: string, round: number): string => `${notificationId}.${round}`;
