import { Projection } from '../projection';
import { contractBudgetProjection } from './contract-budget.projection';
import { lotConsumptionProjection } from './lot-consumption.projection';
import { providerInboxProjection } from './provider-inbox.projection';

/** Every read model the product maintains. */
export const PROJECTIONS: readonly Projection[] = [lotConsumptionProjection, contractBudgetProjection, providerInboxProjection];
