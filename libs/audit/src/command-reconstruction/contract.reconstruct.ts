import { CONTRACT_CLOSED_SCHEMA_VERSION, ContractLifecycleEvent } from '@app/procurement';
import { FacetReconstruct } from './facet-reconstruct';

export const CONTRACT_RECONSTRUCT: FacetReconstruct<ContractLifecycleEvent> = {
  ContractDrafted: (event, meta) => {
    const { buyerId: _buyerId, justifiedMonths: _computed, ...data } = event.data;
    return { type: 'DraftContract', meta, data };
  },
  ContractPublished: (_event, meta) => ({ type: 'PublishContract', meta }),
  ContractActivated: (_event, meta) => ({ type: 'ActivateContract', meta }),
  ContractClosed: (event, meta, recorded) => {
    // Closed before version 2, it was not checked against the minimum: folded as recorded.
    if ((recorded.metadata.schemaVersion ?? 1) < CONTRACT_CLOSED_SCHEMA_VERSION) return undefined;
    const reason = event.data.minimumShortfallReason;
    return { type: 'CloseContract', meta, ...(reason === undefined ? {} : { data: { minimumShortfallReason: reason } }) };
  },
  ContractTerminated: (event, meta) => ({ type: 'TerminateContract', meta, data: { reason: event.data.reason } }),
};
