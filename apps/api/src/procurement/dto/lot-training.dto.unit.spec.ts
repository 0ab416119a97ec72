import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LotTrainingDto } from './contract.dto';

const problems = (training: object) => validateSync(plainToInstance(LotTrainingDto, training)).map((error) => error.property);

describe("a lot's training", () => {
  it('takes Formacode, NSF, an RNCP or RS fiche, a duration and LHEO codes', () => {
    expect(problems({ formacodes: ['43436', '43454'], nsfCodes: ['331'], certification: 'RNCP35830', durationHours: 770, entryLevelCode: '0', publicCodes: ['15061'], pathway: 'GROUP', entryLevelRequired: false })).toEqual([]);
    expect(problems({ certification: 'RS5678' })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it.each([
    [{ formacodes: ['4343'] }, 'formacodes'],
    [{ formacodes: ['43436', '43436'] }, 'formacodes'],
    [{ formacodes: ['11111', '22222', '33333', '44444', '55555', '66666'] }, 'formacodes'],
    [{ nsfCodes: ['331t'] }, 'nsfCodes'],
    [{ certification: '35830' }, 'certification'],
    [{ certification: 'RNCP-35830' }, 'certification'],
    [{ certification: 'CQP123' }, 'certification'],
    [{ durationHours: 0 }, 'durationHours'],
    [{ durationHours: 35.5 }, 'durationHours'],
    [{ entryLevelCode: '9' }, 'entryLevelCode'],
    [{ publicCodes: ['1506'] }, 'publicCodes'],
    [{ pathway: 'SOLO' }, 'pathway'],
    [{ objective: '' }, 'objective'],
  ])('refuses %j naming %s', (training, field) => {
    expect(problems(training)).toEqual([field]);
  });
});
