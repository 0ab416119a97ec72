import { calendarDayOf, previousCalendarDay } from './legal-date';

describe('legal dates', () => {
  it.each([
    ['2026-05-10', '2026-05-09'],
    ['2026-05-01', '2026-04-30'],
    ['2026-01-01', '2025-12-31'],
    ['2024-03-01', '2024-02-29'],
    ['2025-03-01', '2025-02-28'],
    ['2100-03-01', '2100-02-28'],
    ['2000-03-01', '2000-02-29'],
  ])('the day before %s is %s', (day, previous) => {
    expect(previousCalendarDay(day)).toBe(previous);
  });

  it.each([
    ['2025-12-31', '2025-12-31'],
    ['2025-12-31T23:30:00Z', '2025-12-31'],
    ['2026-01-01T00:30:00+01:00', '2026-01-01'],
    ['2026-01-01T08:00', '2026-01-01'],
  ])('the calendar day of %s is %s', (date, day) => {
    expect(calendarDayOf(date)).toBe(day);
  });

  it.each(['2025-04-31', '2023-02-29', '2025-1-01', '2025-12-31 10:00', '2025-12-31Tnoon'])('refuses %s', (date) => {
    expect(() => calendarDayOf(date)).toThrow(expect.objectContaining({ code: 'INVALID_LEGAL_DATE' }));
  });
});
