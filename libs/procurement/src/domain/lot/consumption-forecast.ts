import { addDays, daysBetween } from '../terms/command-meta';

/** How fast a lot's work unit is being ordered, and when its maximum is reached at that pace. */
export interface ConsumptionForecast {
  /** Whole days from the day of the award to today; null before the lot is awarded. */
  daysSinceAward: number | null;
  /** Units ordered per day since the award, to 3 decimals; null on the day of the award or before. */
  burnRatePerDay: number | null;
  /** The day the maximum is reached at that pace (today when nothing is left); null while nothing is ordered. */
  forecastExhaustionDate: string | null;
}

/**
 * The pace of orders on a lot: units ordered since the award over the days since, and the day the units left
 * under the maximum run out at that pace, rounded up to a whole day (a day partly used is a day used). It warns
 * the buyer before the lot maximum (CCP R2162-4: a framework agreement states its maximum) stops further orders.
 */
export function consumptionForecast(lot: { orderedQuantity: number; maxQuantity: number; awardedAt: string | null }, today: string): ConsumptionForecast {
  const daysSinceAward = lot.awardedAt === null ? null : daysBetween(lot.awardedAt, today);
  if (daysSinceAward === null || daysSinceAward <= 0) return { daysSinceAward, burnRatePerDay: null, forecastExhaustionDate: null };
  const burnRatePerDay = Math.round((lot.orderedQuantity * 1000) / daysSinceAward) / 1000;
  if (lot.orderedQuantity <= 0) return { daysSinceAward, burnRatePerDay, forecastExhaustionDate: null };
  const remaining = Math.max(lot.maxQuantity - lot.orderedQuantity, 0);
  const daysLeft = Math.ceil((remaining * daysSinceAward) / lot.orderedQuantity);
  return { daysSinceAward, burnRatePerDay, forecastExhaustionDate: addDays(today, daysLeft) };
}

