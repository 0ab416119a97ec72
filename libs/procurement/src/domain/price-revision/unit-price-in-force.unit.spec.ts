import { ExistingContract } from '../contract/contract.state';
import {
  acceptAmendment,
  activeContract,
  CONTRACT_START,
  euros,
  notifyAmendment,
  PATHWAY_LOT,
  PATHWAY_PRICE,
  PATHWAY_PROVIDER,
  proposeAmendment,
  recorded,
  signAmendment,
  stateOf,
} from '../testing/fixtures';
import { unitPriceInForce } from './unit-price-in-force';

const lotOf = (history: Parameters<typeof stateOf>[0]) => (stateOf(history) as ExistingContract).lots[PATHWAY_LOT];

describe('the unit price in force on a day', () => {
  it('is the award price from the start of the contract, and before it', () => {
    const lot = lotOf(activeContract());
    expect(unitPriceInForce(lot, 'PATHWAY', CONTRACT_START)).toBe(PATHWAY_PRICE);
    expect(unitPriceInForce(lot, 'PATHWAY', '2025-12-31')).toBe(PATHWAY_PRICE);
  });

  it('is the amended price from the day the amendment came into force, the award price the day before', () => {
    const newPrice = PATHWAY_PRICE + euros(100);
    const history = recorded(
      activeContract(),
      proposeAmendment({ amendmentId: 'amendment-price', change: { kind: 'PRICE', lotId: PATHWAY_LOT, unitType: 'PATHWAY', newUnitPriceCents: newPrice } }),
      signAmendment('amendment-price'),
      notifyAmendment('amendment-price'),
      acceptAmendment('amendment-price', PATHWAY_PROVIDER, '2026-03-12T10:00:00.000Z'),
    );
    const lot = lotOf(history);
    expect(unitPriceInForce(lot, 'PATHWAY', '2026-03-11')).toBe(PATHWAY_PRICE);
    expect(unitPriceInForce(lot, 'PATHWAY', '2026-03-12')).toBe(newPrice);
    expect(unitPriceInForce(lot, 'PATHWAY', '2027-12-31T23:00:00.000Z')).toBe(newPrice);
    expect(lot.workUnits.PATHWAY!.unitPriceCents).toBe(newPrice);
  });

  it('is undefined for a work unit the lot does not buy', () => {
    expect(unitPriceInForce(lotOf(activeContract()), 'TRAINEE_HOUR', '2026-03-12')).toBeUndefined();
  });
});
