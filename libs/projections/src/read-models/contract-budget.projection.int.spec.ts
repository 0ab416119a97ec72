import {
  acceptAmendment,
  activeContract,
  CONTRACT_ID,
  CONTRACT_MAXIMUM,
  euros,
  INITIAL_VALUE,
  notifyAmendment,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  proposeAmendment,
  recorded,
  signAmendment,
} from '@app/procurement/domain/testing/fixtures';
import { ORDER_ID } from '@app/procurement/domain/testing/delivery-fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { contractBudgets } from './contract-budget.queries';
import { providerInbox } from './provider-inbox.queries';

/** Given a contract's history, when it is ordered under and amended, then what its budget and the provider's inbox answer. */
describe('the contract budget and provider inbox read models', () => {
  const scenario = useProjectionScenario('contract-budget');
  const contract = `contract-${CONTRACT_ID}`;
  const scope = { tenant: 'ARA', contractId: CONTRACT_ID };
  const amendment = () => [
    proposeAmendment({ amendmentId: 'amendment-price', change: { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents: euros(5_100) } }),
    signAmendment('amendment-price'),
    notifyAmendment('amendment-price'),
  ];

  it('commits what orders are worth and leaves the rest of the maximum available, all of it the Région’s', async () => {
    await scenario.given(contract, activeContract());
    await scenario.when(contract, recorded(activeContract(), orderPathways(ORDER_ID, 20)).slice(activeContract().length));
    const { rows } = contractBudgets(await scenario.readModels(), scope);
    expect(rows).toEqual([
      expect.objectContaining({
        contract_id: CONTRACT_ID,
        initial_value_cents: INITIAL_VALUE,
        maximum_value_cents: CONTRACT_MAXIMUM,
        committed_cents: euros(100_000),
        available_cents: CONTRACT_MAXIMUM - euros(100_000),
        consumed_cents: 0,
        statements_issued: 0,
        committed_region_cents: euros(100_000),
        committed_pole_emploi_cents: 0,
        co_financed_orders: 0,
      }),
    ]);
    expect(contractBudgets(await scenario.readModels(), { tenant: 'IDF', contractId: null }).rows).toEqual([]);
  });

  it('puts an amendment notified in the provider’s inbox until the provider accepts it', async () => {
    const notified = recorded(activeContract(), ...amendment());
    await scenario.given(contract, notified);
    const inbox = providerInbox(await scenario.readModels(), { tenant: 'ARA', providerId: PATHWAY_PROVIDER });
    expect(inbox.rows).toEqual([expect.objectContaining({ contract_id: CONTRACT_ID, amendment_id: 'amendment-price' })]);
    expect(providerInbox(await scenario.readModels(), { tenant: 'ARA', providerId: 'another-provider' }).rows).toEqual([]);

    await scenario.when(contract, recorded(notified, acceptAmendment('amendment-price', PATHWAY_PROVIDER)).slice(notified.length));
    expect(providerInbox(await scenario.readModels(), { tenant: 'ARA', providerId: PATHWAY_PROVIDER }).rows).toEqual([]);
  });
});
