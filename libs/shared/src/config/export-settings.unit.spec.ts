import { buyerSiretsOf, InvalidConfigurationError, validateEnvironment } from './environment';

describe('configuration of the published exports', () => {
  it('defaults the OCDS ocid prefix to a placeholder and configures no buyer SIRET', () => {
    const env = validateEnvironment({});
    expect(env.OCDS_OCID_PREFIX).toBe('ocds-000000');
    expect(buyerSiretsOf(env.DECP_BUYER_SIRETS)).toEqual({});
  });

  it('reads the buyer SIRET of each tenant', () => {
    const env = validateEnvironment({ OCDS_OCID_PREFIX: 'ocds-213czf', DECP_BUYER_SIRETS: 'ARA=23690001100012,IDF=23750007900312' });
    expect(env.OCDS_OCID_PREFIX).toBe('ocds-213czf');
    expect(buyerSiretsOf(env.DECP_BUYER_SIRETS)).toEqual({ ARA: '23690001100012', IDF: '23750007900312' });
  });

  it.each([
    [{ OCDS_OCID_PREFIX: 'ocds-12345' }, /OCDS_OCID_PREFIX/],
    [{ OCDS_OCID_PREFIX: 'OCDS-213CZF' }, /OCDS_OCID_PREFIX/],
    [{ OCDS_OCID_PREFIX: 'ocds-213czf-ara' }, /OCDS_OCID_PREFIX/],
    [{ DECP_BUYER_SIRETS: 'ARA=2369000110001' }, /DECP_BUYER_SIRETS/],
    [{ DECP_BUYER_SIRETS: 'ARA:23690001100012' }, /DECP_BUYER_SIRETS/],
    [{ DECP_BUYER_SIRETS: 'ARA=23690001100012,' }, /DECP_BUYER_SIRETS/],
  ])('refuses %j naming the setting', (raw, setting) => {
    expect(() => validateEnvironment(raw)).toThrow(InvalidConfigurationError);
    expect(() => validateEnvironment(raw)).toThrow(setting);
  });
});
