import { lateInterest } from '@app/procurement/domain/payment/late-payment';
import { paymentsStream } from '@app/procurement/domain/payment/payment.decider';
import { activeContract, CONTRACT_ID, euros, orderPathways, PATHWAY_PROVIDER, recorded } from '@app/procurement/domain/testing/fixtures';
import { ORDER_ID } from '@app/procurement/domain/testing/delivery-fixtures';
import { useProjectionScenario } from '../testing/projection-scenario';
import { paymentPositions } from './payment-position.queries';

/** Given an order and a payment request, when days pass and the buyer pays, then what the payment position answers. */
describe('the payment position read model', () => {
  const scenario = useProjectionScenario('payment-position');
  const payments = paymentsStream('ARA', CONTRACT_ID);
  const ofStatement = { contractId: CONTRACT_ID, orderId: ORDER_ID, statementId: 'statement-1' };
  const AMOUNT = euros(1_000);
  const requested = {
    type: 'PaymentRequested',
    data: {
      ...ofStatement,
      requestId: 'request-1',
      providerId: PATHWAY_PROVIDER,
      invoiceReference: 'F-2026-001',
      amountCents: AMOUNT,
      receivedOn: '2026-03-02',
      payable: { statementTotalCents: AMOUNT, disputeAdjustmentCents: 0, advanceRepaymentCents: 0, retentionCents: 0, requestedBeforeCents: 0, payableCents: AMOUNT },
      periodDays: 30,
      dueOn: '2026-04-01',
    },
  };
  const paid = { type: 'PaymentRecorded', data: { ...ofStatement, requestId: 'request-1', paymentId: 'payment-1', amountCents: AMOUNT, paidOn: '2026-04-11', dueOn: '2026-04-01', late: true } };
  const everyone = { tenant: 'ARA', contractId: null, providerId: null, orderId: null };

  beforeEach(async () => {
    await scenario.given(`contract-${CONTRACT_ID}`, recorded(activeContract(), orderPathways(ORDER_ID, 20)));
    await scenario.given(payments, [requested], 'provider');
  });

  it('owes nothing overdue up to the deadline, then the unpaid amount with the interest accruing on it (CCP R2192-31)', async () => {
    const readModels = await scenario.readModels();
    expect(paymentPositions(readModels, everyone, '2026-04-01').orders).toEqual([
      expect.objectContaining({ order_id: ORDER_ID, committed_cents: euros(100_000), requested_cents: AMOUNT, paid_cents: 0, overdue_cents: 0, interest_accruing_cents: 0 }),
    ]);
    const accruing = lateInterest(AMOUNT, '2026-04-01', '2026-04-11')!.interestCents;
    expect(accruing).toBeGreaterThan(0);
    const late = paymentPositions(readModels, everyone, '2026-04-11');
    expect(late.orders).toEqual([expect.objectContaining({ overdue_cents: AMOUNT, interest_accruing_cents: accruing })]);
    expect(late.contracts).toEqual([expect.objectContaining({ contract_id: CONTRACT_ID, committed_cents: euros(100_000), requested_cents: AMOUNT, overdue_cents: AMOUNT, interest_accruing_cents: accruing })]);
  });

  it('owes nothing overdue once paid in full', async () => {
    await scenario.when(payments, [paid]);
    const { orders } = paymentPositions(await scenario.readModels(), everyone, '2026-04-20');
    expect(orders).toEqual([expect.objectContaining({ requested_cents: AMOUNT, paid_cents: AMOUNT, overdue_cents: 0, interest_accruing_cents: 0 })]);
  });

  it('shows a provider the orders of the lots it performs, and another provider none', async () => {
    const readModels = await scenario.readModels();
    expect(paymentPositions(readModels, { ...everyone, providerId: PATHWAY_PROVIDER }, '2026-04-11').orders.map((order) => order.order_id)).toEqual([ORDER_ID]);
    expect(paymentPositions(readModels, { ...everyone, providerId: 'another-provider' }, '2026-04-11')).toMatchObject({ orders: [], contracts: [] });
    expect(paymentPositions(readModels, { ...everyone, orderId: 'another-order' }, '2026-04-11').orders).toEqual([]);
  });
});
