import { specify } from '@app/shared/testing/decider-specification';
import { procurementDecider } from '../procurement.decider';
import { QualiopiCertificate } from '../provider-register/provider-register.rules';
import { activeContract, awardedContract, GROUPING_MEMBER, meta, OPEN_DAY_LOT, PATHWAY_LOT, PATHWAY_PROVIDER, CONTRACT_ID } from '../testing/fixtures';
import { RecordQualiopiExpiry } from './qualiopi-expiry.commands';
import { QualiopiCertificateExpired } from './qualiopi-expiry.events';

const CERTIFICATE: QualiopiCertificate = {
  certifier: 'AFNOR Certification', number: 'QUA-2023-0042', categories: ['ACTIONS_DE_FORMATION'], validFrom: '2023-07-01', validUntil: '2026-06-30',
};
const record = (on: string, providerId = PATHWAY_PROVIDER, certificate: QualiopiCertificate = CERTIFICATE): RecordQualiopiExpiry => ({
  type: 'RecordQualiopiExpiry',
  meta: meta(`${on}T03:00:00.000Z`, 'qualiopi-expiry-check'),
  data: { providerId, register: { providerId, registered: true, certificate } },
});
const expired = (recordedOn: string): QualiopiCertificateExpired => ({
  type: 'QualiopiCertificateExpired',
  data: { contractId: CONTRACT_ID, providerId: PATHWAY_PROVIDER, lotIds: [PATHWAY_LOT], certificate: CERTIFICATE, expiredOn: '2026-07-01', recordedOn },
});

describe('a Qualiopi certificate ending during execution (art. L6316-1 Code du travail)', () => {
  it('is recorded the day after its last day, with the lots the provider performs', () => {
    specify(procurementDecider).given(activeContract()).when(record('2026-07-01')).then([expired('2026-07-01')]);
  });

  it('is not recorded on its last day of validity', () => {
    specify(procurementDecider).given(activeContract()).when(record('2026-06-30')).thenRefuses('QUALIOPI_CERTIFICATE_NOT_EXPIRED', { on: '2026-06-30', validUntil: '2026-06-30' });
  });

  it('is recorded once per certificate, and again for a renewed certificate that ends in turn', () => {
    specify(procurementDecider).given([...activeContract(), expired('2026-07-01')]).when(record('2026-07-02')).thenRefuses('QUALIOPI_EXPIRY_ALREADY_RECORDED', { number: 'QUA-2023-0042' });
    const renewed = { ...CERTIFICATE, number: 'QUA-2026-0101', validFrom: '2026-07-02', validUntil: '2026-12-31' };
    const [again] = specify(procurementDecider).given([...activeContract(), expired('2026-07-01')]).when(record('2027-01-01', PATHWAY_PROVIDER, renewed)).events();
    expect(again.data).toMatchObject({ certificate: { number: 'QUA-2026-0101' }, expiredOn: '2027-01-01' });
  });

  it('names every lot of a grouping member, and is refused for a provider without a lot or a contract not in force', () => {
    const [member] = specify(procurementDecider).given(activeContract()).when(record('2026-07-01', GROUPING_MEMBER)).events();
    expect(member.data).toMatchObject({ providerId: GROUPING_MEMBER, lotIds: [OPEN_DAY_LOT] });
    specify(procurementDecider).given(activeContract()).when(record('2026-07-01', 'provider-elsewhere')).thenRefuses('QUALIOPI_EXPIRY_PROVIDER_NOT_ON_CONTRACT');
    specify(procurementDecider).given(awardedContract()).when(record('2026-07-01')).thenRefuses('CONTRACT_NOT_ACTIVE');
  });

  it('is not recorded for a provider without a certificate in the register', () => {
    const withoutCertificate = { ...record('2026-07-01'), data: { providerId: PATHWAY_PROVIDER, register: { providerId: PATHWAY_PROVIDER, registered: true } } };
    specify(procurementDecider).given(activeContract()).when(withoutCertificate).thenRefuses('QUALIOPI_CERTIFICATE_NOT_EXPIRED');
  });
});
