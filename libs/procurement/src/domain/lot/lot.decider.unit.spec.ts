import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { Awardee, WorkUnitTerms } from '../terms/procurement-terms';
import {
  activeContract,
  contractDrafted,
  draftedContract,
  euros,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  lotAwarded,
  meta,
  OPEN_DAY_LOT,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  pathwayAwardee,
  publishedContract,
} from '../testing/fixtures';
import { AwardLot, DefineLot } from './lot.commands';
import { LOT_TRAINING_SCHEMA_VERSION } from './lot.events';

const trainingHours = (overrides: Partial<WorkUnitTerms> = {}): WorkUnitTerms => ({
  type: 'TRAINEE_HOUR',
  unitPriceCents: euros(14),
  initialQuantity: 10_000,
  minQuantity: 5_000,
  maxQuantity: 13_000,
  ...overrides,
});

const defineLot = (workUnits: WorkUnitTerms[], overrides: Partial<DefineLot['data']> = {}): DefineLot => ({
  type: 'DefineLot',
  meta: meta('2025-06-10T09:00:00.000Z'),
  data: {
    lotId: 'lot-3-care-assistants',
    title: 'Assistants de soins — Drôme',
    scope: { domainCode: '43454', territoryCodes: ['26362'], targetPublics: ['ISOLATED_PARENTS'] },
    workUnits,
    maximumValueCents: euros(200_000),
    ...overrides,
  },
});

const awardedAt = '2025-12-01T10:00:00.000Z';
const award = (lotId: string, awardee: AwardLot['data']['awardee']): AwardLot => ({
  type: 'AwardLot',
  meta: meta(awardedAt),
  data: { lotId, awardee },
});

describe('a lot', () => {
  describe('definition', () => {
    it('defines a lot of a draft contract with its work units and maximum', () => {
      const command = defineLot([trainingHours()]);
      specify(procurementDecider).given(draftedContract()).when(command).then([{ type: 'LotDefined', schemaVersion: LOT_TRAINING_SCHEMA_VERSION, data: command.data }]);
    });

    it('records the training the lot describes for the offer of training, as given (version 2)', () => {
      const training = {
        formacodes: ['43436'],
        nsfCodes: ['331'],
        certification: 'RNCP35830',
        durationHours: 770,
        objective: 'Accompagner une personne dans les actes de la vie quotidienne',
        entryLevelCode: '0',
        publicCodes: ['15061'],
        pathway: 'GROUP' as const,
      };
      const command = defineLot([trainingHours()], { training });
      const events = specify(procurementDecider).given(draftedContract()).when(command).events();
      expect(events).toEqual([{ type: 'LotDefined', schemaVersion: LOT_TRAINING_SCHEMA_VERSION, data: { ...command.data, training } }]);
    });

    it('refuses a lot that prices the same work unit twice', () => {
      specify(procurementDecider)
        .given(draftedContract())
        .when(defineLot([trainingHours(), trainingHours({ unitPriceCents: euros(16) })]))
        .thenRefuses('LOT_WORK_UNITS_DUPLICATED', { types: ['TRAINEE_HOUR', 'TRAINEE_HOUR'] });
    });

    it('accepts a work unit whose minimum, initial and maximum quantities are equal', () => {
      const units = [trainingHours({ minQuantity: 10_000, initialQuantity: 10_000, maxQuantity: 10_000 })];
      expect(specify(procurementDecider).given(draftedContract()).when(defineLot(units)).events()).toHaveLength(1);
    });

    it('refuses an initial quantity one below the minimum', () => {
      specify(procurementDecider)
        .given(draftedContract())
        .when(defineLot([trainingHours({ minQuantity: 5_000, initialQuantity: 4_999 })]))
        .thenRefuses('LOT_QUANTITIES_INVALID', { type: 'TRAINEE_HOUR', minQuantity: 5_000, initialQuantity: 4_999 });
    });

    it('refuses an initial quantity one above the maximum', () => {
      specify(procurementDecider)
        .given(draftedContract())
        .when(defineLot([trainingHours({ initialQuantity: 13_001, maxQuantity: 13_000 })]))
        .thenRefuses('LOT_QUANTITIES_INVALID', { initialQuantity: 13_001, maxQuantity: 13_000 });
    });

    it('refuses a lot of a framework agreement without a maximum value', () => {
      specify(procurementDecider)
        .given(draftedContract())
        .when(defineLot([trainingHours()], { maximumValueCents: undefined }))
        .thenRefuses('LOT_MAXIMUM_REQUIRED');
    });

    it('accepts a lot without a maximum value in a public contract', () => {
      const command = defineLot([trainingHours()], { maximumValueCents: undefined });
      expect(
        specify(procurementDecider).given([contractDrafted({ mode: 'PUBLIC_CONTRACT', maximumValueCents: undefined })]).when(command).events(),
      ).toEqual([{ type: 'LotDefined', schemaVersion: LOT_TRAINING_SCHEMA_VERSION, data: command.data }]);
    });

    it('refuses a lot id used twice', () => {
      specify(procurementDecider)
        .given(draftedContract())
        .when(defineLot([trainingHours()], { lotId: PATHWAY_LOT }))
        .thenRefuses('LOT_ALREADY_DEFINED');
    });

    it('refuses a new lot once the contract is published', () => {
      specify(procurementDecider).given(publishedContract()).when(defineLot([trainingHours()])).thenRefuses('CONTRACT_NOT_IN_DRAFT');
    });

    it('refuses a lot of a contract that was never drafted', () => {
      specify(procurementDecider).given([]).when(defineLot([trainingHours()])).thenRefuses('CONTRACT_NOT_FOUND');
    });
  });

  describe('award', () => {
    it('awards a lot of a published contract to a provider, dated by the command', () => {
      specify(procurementDecider)
        .given(publishedContract())
        .when(award(PATHWAY_LOT, pathwayAwardee))
        .then([{ type: 'LotAwarded', data: { lotId: PATHWAY_LOT, awardee: pathwayAwardee, awardedAt } }]);
    });

    it('records the bids received for the lot with the award', () => {
      specify(procurementDecider)
        .given(publishedContract())
        .when({ ...award(PATHWAY_LOT, pathwayAwardee), data: { lotId: PATHWAY_LOT, awardee: pathwayAwardee, bidsReceived: 5 } })
        .then([{ type: 'LotAwarded', data: { lotId: PATHWAY_LOT, awardee: pathwayAwardee, awardedAt, bidsReceived: 5 } }]);
    });

    it('awards a lot to a grouping whose lead is a member', () => {
      const grouping: Awardee = { kind: 'GROUPING', memberIds: [GROUPING_LEAD, GROUPING_MEMBER], leadProviderId: GROUPING_LEAD };
      specify(procurementDecider)
        .given(publishedContract())
        .when(award(OPEN_DAY_LOT, grouping))
        .then([{ type: 'LotAwarded', data: { lotId: OPEN_DAY_LOT, awardee: grouping, awardedAt } }]);
    });

    it('refuses a grouping whose lead is not one of its members', () => {
      specify(procurementDecider)
        .given(publishedContract())
        .when(award(OPEN_DAY_LOT, { kind: 'GROUPING', memberIds: [GROUPING_MEMBER, PATHWAY_PROVIDER], leadProviderId: GROUPING_LEAD }))
        .thenRefuses('GROUPING_LEAD_NOT_MEMBER', { leadProviderId: GROUPING_LEAD });
    });

    it('refuses to award a lot before publication', () => {
      specify(procurementDecider).given(draftedContract()).when(award(PATHWAY_LOT, pathwayAwardee)).thenRefuses('CONTRACT_NOT_PUBLISHED');
    });

    it('refuses to award a lot once the contract is active', () => {
      specify(procurementDecider).given(activeContract()).when(award(PATHWAY_LOT, pathwayAwardee)).thenRefuses('CONTRACT_NOT_PUBLISHED');
    });

    it('refuses to award a lot the contract does not have', () => {
      specify(procurementDecider).given(publishedContract()).when(award('lot-9-unknown', pathwayAwardee)).thenRefuses('LOT_NOT_FOUND');
    });

    it('refuses to award a lot twice', () => {
      specify(procurementDecider)
        .given([...publishedContract(), lotAwarded(PATHWAY_LOT, pathwayAwardee)])
        .when(award(PATHWAY_LOT, { kind: 'PROVIDER', providerId: GROUPING_LEAD }))
        .thenRefuses('LOT_ALREADY_AWARDED');
    });
  });
});
