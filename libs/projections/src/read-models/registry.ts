import { Projection } from '../projection';
import { adjustmentTriggersProjection } from './adjustment-triggers.projection';
import { contractBudgetProjection } from './contract-budget.projection';
import { contractConsumptionProjection } from './contract-consumption.projection';
import { dateShiftRequestsProjection } from './date-shift-requests.projection';
import { orderPlacementsProjection } from './delivery-mapping';
import { lotConsumptionProjection } from './lot-consumption.projection';
import { lotDeliveryProjection } from './lot-delivery.projection';
import { notificationOutboxProjection } from './notification-outbox.projection';
import { labourMarketTensionProjection } from './labour-market-tension.projection';
import { purchaseCoordinationProjection } from './purchase-coordination.projection';
import { orderFundingProjection } from './order-funding.projection';
import { paymentPositionProjection } from './payment-position.projection';
import { priorityPublicsProjection } from './priority-publics.projection';
import { providerInboxProjection } from './provider-inbox.projection';
import { qualityIndicatorsProjection } from './quality-indicators.projection';
import { sessionCalendarProjection } from './session-calendar.projection';
import { sessionFillProjection } from './session-fill.projection';
import { targetingProjection } from './targeting.projection';
import { traineeRecordsProjection } from './trainee-records';

/**
 * Every read model the product maintains: the placements first, as the delivery read models read them with each
 * event applied; the trainee records after the two read models that read them as they were before each event.
 */
export const PROJECTIONS: readonly Projection[] = [
  orderPlacementsProjection,
  lotConsumptionProjection,
  contractBudgetProjection,
  providerInboxProjection,
  sessionFillProjection,
  lotDeliveryProjection,
  priorityPublicsProjection,
  targetingProjection,
  qualityIndicatorsProjection,
  traineeRecordsProjection,
  contractConsumptionProjection,
  notificationOutboxProjection,
  adjustmentTriggersProjection,
  purchaseCoordinationProjection,
  labourMarketTensionProjection,
  orderFundingProjection,
  sessionCalendarProjection,
  dateShiftRequestsProjection,
  paymentPositionProjection,
];
