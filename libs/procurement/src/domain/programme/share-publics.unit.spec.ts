import { TraineeTargeting } from '../delivery/delivery.events';
import { sharePublicsOf } from './share-publics';

const none = { qpvResident: false, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: false };
const stated = (targeting: Partial<TraineeTargeting>): TraineeTargeting => ({ qualificationLevel: 'LEVEL_4', ageBand: 'AGED_26_TO_44', sex: 'MALE', illiterate: false, ...targeting });

describe('the publics an entry counts in', () => {
  it('counts no qualification and level 3 as infra-bac, and level 4 (the baccalauréat) not', () => {
    expect(sharePublicsOf(none, stated({ qualificationLevel: 'NONE' }))).toMatchObject({ NO_QUALIFICATION: true, INFRA_BAC: true });
    expect(sharePublicsOf(none, stated({ qualificationLevel: 'LEVEL_3' }))).toMatchObject({ NO_QUALIFICATION: false, INFRA_BAC: true });
    expect(sharePublicsOf(none, stated({ qualificationLevel: 'LEVEL_4' }))).toMatchObject({ NO_QUALIFICATION: false, INFRA_BAC: false });
  });

  it('counts the age band, sex and illiteracy declared, and the five flags as declared', () => {
    expect(sharePublicsOf({ ...none, qpvResident: true }, stated({ ageBand: 'UNDER_26', sex: 'FEMALE', illiterate: true }))).toEqual({
      QPV_RESIDENT: true,
      RURAL_RESIDENT: false,
      DISABLED: false,
      ISOLATED_PARENT: false,
      YOUNG_NEET: false,
      NO_QUALIFICATION: false,
      INFRA_BAC: false,
      UNDER_26: true,
      AGED_45_AND_OVER: false,
      WOMEN: true,
      ILLITERATE: true,
    });
  });

  it('leaves an entry without targeting data out of the shares counted from them, and in the five flags', () => {
    expect(sharePublicsOf({ ...none, disabled: true }, 'NOT_RECORDED')).toEqual({
      QPV_RESIDENT: false,
      RURAL_RESIDENT: false,
      DISABLED: true,
      ISOLATED_PARENT: false,
      YOUNG_NEET: false,
      NO_QUALIFICATION: null,
      INFRA_BAC: null,
      UNDER_26: null,
      AGED_45_AND_OVER: null,
      WOMEN: null,
      ILLITERATE: null,
    });
  });
});
