import type { Fresh, ReadModels } from '../read-models.service';

/** An amendment waiting for a provider's answer. */
export interface ProviderInboxRow {
  contract_id: string;
  amendment_id: string;
  notified_at: string;
  response_deadline: string;
}

/** The amendments waiting for the provider's answer in the tenant, by deadline. */
export function providerInbox(readModels: ReadModels, scope: { tenant: string; providerId: string }): Fresh<ProviderInboxRow[]> {
  return readModels.query<ProviderInboxRow[]>(
    `SELECT contract_id, amendment_id, notified_at, response_deadline FROM provider_inbox
     WHERE provider_id = ? AND tenant = ? ORDER BY response_deadline`,
    scope.providerId,
    scope.tenant,
  );
}
