import { consumptionForecast } from './consumption-forecast';

describe('the consumption forecast of a lot', () => {
  const awarded = { maxQuantity: 200, awardedAt: '2026-03-02T15:30:00.000Z' };

  it('divides the units ordered by the whole days since the award, and runs the units left out at that pace', () => {
    // 50 of 200 in 10 days: 5 a day, the 150 left last 30 days more.
    expect(consumptionForecast({ ...awarded, orderedQuantity: 50 }, '2026-03-12')).toEqual({ daysSinceAward: 10, burnRatePerDay: 5, forecastExhaustionDate: '2026-04-11' });
  });

  it('rounds the pace to 3 decimals and a day partly used up to a whole day', () => {
    // 1 in 16 days: 0.0625 a day, shown 0.063; 199 left at that pace take 3184 days exactly.
    expect(consumptionForecast({ ...awarded, orderedQuantity: 1 }, '2026-03-18')).toMatchObject({ daysSinceAward: 16, burnRatePerDay: 0.063, forecastExhaustionDate: '2034-12-05' });
    // 7 in 3 days: 2.333 a day; the 193 left take 82.71 days, counted 83.
    expect(consumptionForecast({ ...awarded, orderedQuantity: 7 }, '2026-03-05')).toMatchObject({ daysSinceAward: 3, burnRatePerDay: 2.333, forecastExhaustionDate: '2026-05-27' });
  });

  it('counts days from the calendar day of the award, not its hour', () => {
    expect(consumptionForecast({ ...awarded, orderedQuantity: 10 }, '2026-03-03').daysSinceAward).toBe(1);
  });

  it('gives no pace on the day of the award, before it, or for a lot not awarded', () => {
    expect(consumptionForecast({ ...awarded, orderedQuantity: 10 }, '2026-03-02')).toEqual({ daysSinceAward: 0, burnRatePerDay: null, forecastExhaustionDate: null });
    expect(consumptionForecast({ ...awarded, orderedQuantity: 10 }, '2026-03-01')).toEqual({ daysSinceAward: -1, burnRatePerDay: null, forecastExhaustionDate: null });
    expect(consumptionForecast({ maxQuantity: 200, awardedAt: null, orderedQuantity: 0 }, '2026-03-12')).toEqual({ daysSinceAward: null, burnRatePerDay: null, forecastExhaustionDate: null });
  });

  it('gives a pace of zero and no day of exhaustion while nothing is ordered', () => {
    expect(consumptionForecast({ ...awarded, orderedQuantity: 0 }, '2026-03-12')).toEqual({ daysSinceAward: 10, burnRatePerDay: 0, forecastExhaustionDate: null });
  });

  it('says today once the maximum is reached', () => {
    expect(consumptionForecast({ ...awarded, orderedQuantity: 200 }, '2026-03-12').forecastExhaustionDate).toBe('2026-03-12');
    expect(consumptionForecast({ ...awarded, orderedQuantity: 210 }, '2026-03-12').forecastExhaustionDate).toBe('2026-03-12');
  });
});
