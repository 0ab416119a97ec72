/** The queue delivering notices to providers' webhooks. */
export const PROVIDER_NOTIFICATIONS_QUEUE = 'provider-notifications';

/** One delivery round of one notification (the job id is `<notificationId>.<round>`). */
export interface ProviderNotificationJobData {
  notificationId: string;
  round: number;
  tenant: string;
  providerId: string;
  contractId: string;
  eventId: string;
  eventType: string;
  /** Where the event is: the processor reads exactly it. */
  streamId: string;
  streamRevision: number;
  correlationId: string;
}

export interface ProviderNotificationJobResult {
  statusCode: number;
}

/** What a notice looks like on the wire (the JSON body the provider receives). */
export interface ProviderNotice {
  notificationId: string;
  eventId: string;
  type: string;
  contractId: string;
  occurredAt: string;
  data: object;
}

/** How long a provider's webhook may take to answer one delivery. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Completed and failed jobs are kept this long: re-adding the same job id meanwhile is ignored. */
export const KEEP_FINISHED_JOBS_SECONDS = 24 * 60 * 60;
