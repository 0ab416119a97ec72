import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { IsCalendarDate } from './validators';

class Dated {
  @IsCalendarDate()
  on!: string;
}

const problems = (on: unknown) => validateSync(plainToInstance(Dated, { on })).map((error) => error.property);

describe('a calendar date', () => {
  it('is a day that exists, written YYYY-MM-DD', () => {
    expect(problems('2028-02-29')).toEqual([]);
  });

  it.each(['garbage', 'NaN', '', '2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00:00Z', '+275760-09-13'])(
    'refuses %j as an invalid field, without throwing',
    (on) => {
      expect(problems(on)).toEqual(['on']);
    },
  );
});
