import { specify } from '@app/shared/testing/decider-specification';
import { AwardLot } from '../lot/lot.commands';
import { IssueOrder } from '../order/order.commands';
import { procurementDecider } from '../procurement.decider';
import {
  activeContract,
  GROUPING_LEAD,
  GROUPING_MEMBER,
  meta,
  OPEN_DAY_LOT,
  openDayAwardee,
  orderOpenDays,
  orderPathways,
  PATHWAY_LOT,
  PATHWAY_PROVIDER,
  pathwayAwardee,
  publishedContract,
} from '../testing/fixtures';
import { QualiopiCertificate } from './provider-register.rules';
import { QUALIOPI_CHECKED_SCHEMA_VERSION, RegisterFact } from './qualiopi-check';

/** Valid from 1 December 2025 to 30 November 2028 for training actions; the award is decided on 1 December 2025. */
const CERTIFICATE: QualiopiCertificate = {
  certifier: 'AFNOR Certification', number: 'QUA-2025-0001', categories: ['ACTIONS_DE_FORMATION'], validFrom: '2025-12-01', validUntil: '2028-11-30',
};
const certified = (providerId: string, certificate: QualiopiCertificate = CERTIFICATE): RegisterFact => ({ providerId, registered: true, certificate });

const award = (lotId: string, awardee: AwardLot['data']['awardee'], register: RegisterFact[] | undefined, at = '2025-12-01T10:00:00.000Z'): AwardLot => ({
  type: 'AwardLot',
  meta: meta(at),
  data: { lotId, awardee, ...(register ? { register } : {}) },
});
const withRegister = (command: IssueOrder, register: RegisterFact[]): IssueOrder => ({ ...command, data: { ...command.data, register } });

describe('the Qualiopi certificate of an awardee (art. L6316-1 Code du travail)', () => {
  it('is recorded with the award when valid on the day, its first day included', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(PATHWAY_LOT, pathwayAwardee, [certified(PATHWAY_PROVIDER)]))
      .then([{
        type: 'LotAwarded',
        schemaVersion: QUALIOPI_CHECKED_SCHEMA_VERSION,
        data: {
          lotId: PATHWAY_LOT, awardee: pathwayAwardee, awardedAt: '2025-12-01T10:00:00.000Z',
          qualiopi: { checkedOn: '2025-12-01', category: 'ACTIONS_DE_FORMATION', certificates: [{ providerId: PATHWAY_PROVIDER, certificate: CERTIFICATE }] },
        },
      }]);
  });

  it('refuses the award the day before the certificate begins, with its figures', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(PATHWAY_LOT, pathwayAwardee, [certified(PATHWAY_PROVIDER, { ...CERTIFICATE, validFrom: '2025-12-02' })]))
      .thenRefuses('QUALIOPI_CERTIFICATE_NOT_VALID', { providerId: PATHWAY_PROVIDER, on: '2025-12-01', validFrom: '2025-12-02', validUntil: '2028-11-30' });
  });

  it('refuses the award to a provider without a certificate, or one not covering training actions', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(PATHWAY_LOT, pathwayAwardee, [{ providerId: PATHWAY_PROVIDER, registered: true }]))
      .thenRefuses('QUALIOPI_CERTIFICATE_MISSING', { providerId: PATHWAY_PROVIDER, on: '2025-12-01', category: 'ACTIONS_DE_FORMATION' });
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(PATHWAY_LOT, pathwayAwardee, [certified(PATHWAY_PROVIDER, { ...CERTIFICATE, categories: ['BILANS_DE_COMPETENCES', 'VAE'] })]))
      .thenRefuses('QUALIOPI_CERTIFICATE_CATEGORY_NOT_COVERED', { providerId: PATHWAY_PROVIDER, categories: ['BILANS_DE_COMPETENCES', 'VAE'] });
  });

  it('is required of every member of a grouping, each a provider of the register', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(OPEN_DAY_LOT, openDayAwardee, [certified(GROUPING_LEAD)]))
      .thenRefuses('PROVIDER_NOT_IN_REGISTER', { providerIds: [GROUPING_MEMBER] });
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(OPEN_DAY_LOT, openDayAwardee, [certified(GROUPING_LEAD), { providerId: GROUPING_MEMBER, registered: false }]))
      .thenRefuses('PROVIDER_NOT_IN_REGISTER', { providerIds: [GROUPING_MEMBER] });
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(OPEN_DAY_LOT, openDayAwardee, [certified(GROUPING_LEAD), { providerId: GROUPING_MEMBER, registered: true }]))
      .thenRefuses('QUALIOPI_CERTIFICATE_MISSING', { providerId: GROUPING_MEMBER });
    const events = specify(procurementDecider)
      .given(publishedContract())
      .when(award(OPEN_DAY_LOT, openDayAwardee, [certified(GROUPING_MEMBER), certified(GROUPING_LEAD)]))
      .events();
    expect(events[0].data).toMatchObject({ qualiopi: { certificates: [{ providerId: GROUPING_LEAD }, { providerId: GROUPING_MEMBER }] } });
  });

  it('is not checked on an award recorded before the register was consulted, decided again as it was', () => {
    specify(procurementDecider)
      .given(publishedContract())
      .when(award(PATHWAY_LOT, pathwayAwardee, undefined))
      .then([{ type: 'LotAwarded', data: { lotId: PATHWAY_LOT, awardee: pathwayAwardee, awardedAt: '2025-12-01T10:00:00.000Z' } }]);
  });
});

describe('the Qualiopi certificate of the providers of an ordered lot', () => {

  it('is recorded with an order issued on its last day of validity', () => {
    const contract = activeContract({ contract: { endDate: '2029-06-30' } });
    const [issued] = specify(procurementDecider)
      .given(contract)
      .when(withRegister(orderPathways('order-1', 2, { at: '2028-11-30T16:00:00.000Z', periodStart: '2028-12-01', periodEnd: '2029-03-31', sessions: [] }), [certified(PATHWAY_PROVIDER)]))
      .events();
    expect(issued).toMatchObject({ schemaVersion: QUALIOPI_CHECKED_SCHEMA_VERSION, data: { qualiopi: { checkedOn: '2028-11-30', certificates: [{ providerId: PATHWAY_PROVIDER }] } } });
  });

  it('refuses an order the day after the certificate ends, until it is renewed', () => {
    const contract = activeContract({ contract: { endDate: '2029-06-30' } });
    const dayAfter = orderPathways('order-1', 2, { at: '2028-12-01T08:00:00.000Z', periodStart: '2028-12-01', periodEnd: '2029-03-31', sessions: [] });
    specify(procurementDecider)
      .given(contract)
      .when(withRegister(dayAfter, [certified(PATHWAY_PROVIDER)]))
      .thenRefuses('QUALIOPI_CERTIFICATE_NOT_VALID', { providerId: PATHWAY_PROVIDER, on: '2028-12-01', validUntil: '2028-11-30' });
    const renewed = { ...CERTIFICATE, number: 'QUA-2028-0002', validFrom: '2028-12-01', validUntil: '2031-11-30' };
    expect(specify(procurementDecider).given(contract).when(withRegister(dayAfter, [certified(PATHWAY_PROVIDER, renewed)])).events()).toHaveLength(1);
  });

  it('refuses an order on the lot of a grouping when one member holds no certificate', () => {
    specify(procurementDecider)
      .given(activeContract())
      .when(withRegister(orderOpenDays('order-2', 10), [certified(GROUPING_LEAD), { providerId: GROUPING_MEMBER, registered: true }]))
      .thenRefuses('QUALIOPI_CERTIFICATE_MISSING', { providerId: GROUPING_MEMBER });
  });

  it('is not checked on an order recorded before the register was consulted', () => {
    const [issued] = specify(procurementDecider).given(activeContract()).when(orderPathways('order-1', 2)).events();
    expect(issued).not.toHaveProperty('schemaVersion');
    expect(issued.data).not.toHaveProperty('qualiopi');
  });
});
