/**
 * The procurement facts a provider is told about through its webhook: an amendment notified to it, and any
 * change to an order on a lot it performs.
 */
export const AMENDMENT_NOTICE_TYPES: ReadonlySet<string> = new Set(['AmendmentNotified']);
export const ORDER_NOTICE_TYPES: ReadonlySet<string> = new Set([
  'OrderIssued',
  'OrderQuantityAdjusted',
  'OrderSessionMoved',
  'OrderSessionAdded',
  'OrderSessionCancelled',
  'OrderModalitySwitched',
  'OrderModuleAdded',
  'OrderTraineeSwitchedToRemote',
  'OrderClosed',
]);

/**
 * One notification per event and provider. A dot, not a colon, separates them: BullMQ refuses job ids with
 * one colon, and neither a UUID nor a provider reference contains a dot before the provider part.
 */
export const notificationIdOf = (eventId: string, providerId: string): string => `${eventId}.${providerId}`;

/** The BullMQ job of one delivery round: re-adding it while it exists is a no-op, a new round is a new job. */
export const deliveryJobIdOf = (notificationId: string, round: number): string => `${notificationId}.${round}`;
