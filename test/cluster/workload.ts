import { DEVELOPMENT_JWT_SECRET, Principal, signDevelopmentToken } from '@app/shared';
import { CommandDriver } from './command-driver';
import { pseudonym } from '../support/trainee-ids';

/**
 * The steady mix of commands both runs drive: per lane one framework contract (drafted, lot defined, volume
 * clause, published, awarded to provider `of-a`, activated), then rounds of: an order issued, adjusted up and
 * down under the clause, its delivery reported by the provider (session started, a trainee entered and
 * completed), and every third round a price amendment proposed, signed and notified. Orders, adjustments and
 * notified amendments all notify the provider's webhook. Lanes run in parallel; each lane's commands are
 * sequential, so they never conflict with one another.
 */

export const PROVIDER = 'of-a';
export const TENANT = 'ARA';

export const PRINCIPALS: Record<string, Principal> = {
  buyer: { sub: 'buyer-ara-1', role: 'buyer', tenant: TENANT },
  provider: { sub: 'of-a-user', role: 'provider', tenant: TENANT, providerId: PROVIDER },
  admin: { sub: 'admin-ara-1', role: 'admin', tenant: TENANT },
};

/** Tokens signed with the apis' HS256 secret (the development one unless the apis were given another). */
export async function signTokens(secret = DEVELOPMENT_JWT_SECRET): Promise<Record<string, { token: string; principal: Principal }>> {
  const tokens: Record<string, { token: string; principal: Principal }> = {};
  for (const [name, principal] of Object.entries(PRINCIPALS)) {
    tokens[name] = { token: await signDevelopmentToken(principal, secret), principal };
  }
  return tokens;
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Dates around today: deliveries may not be reported in the future. */
function calendar() {
  const year = new Date().getUTCFullYear();
  return {
    contractStart: `${year - 1}-07-01`,
    contractEnd: `${year + 2}-06-30`,
    periodStart: day(-90),
    periodEnd: day(120),
    sessionStart: day(-60),
    sessionEnd: day(60),
    today: day(0),
  };
}

export async function registerWebhook(driver: CommandDriver, url: string): Promise<string> {
  const registered = await driver.send(-1, 'provider', 'PUT', '/providers/me/webhook', { url });
  if (registered.status !== 200) throw new Error(`Webhook registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  return String(registered.body!.signingSecret);
}

/**
 * Puts the lanes' provider in the register with a Qualiopi certificate around today, as awards and orders require
 * (art. L6316-1 Code du travail); a provider already in the register (apis already running) keeps its entry.
 */
export async function certifyProvider(driver: CommandDriver): Promise<void> {
  const year = new Date().getUTCFullYear();
  const entry = { providerId: PROVIDER, legalName: 'Organisme A', siret: '73282932000074', declarationNumber: '84691234569' };
  const registered = await driver.send(-1, 'admin', 'POST', '/providers', entry);
  if (registered.status !== 201 && registered.body?.code !== 'PROVIDER_ALREADY_REGISTERED') {
    throw new Error(`Registering ${PROVIDER} answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  }
  const certificate = { certifier: 'AFNOR Certification', number: `QUALIOPI-${year}-LOAD`, categories: ['ACTIONS_DE_FORMATION'], validFrom: `${year - 1}-01-01`, validUntil: `${year + 2}-12-31` };
  const certified = await driver.send(-1, 'admin', 'POST', `/providers/${PROVIDER}/qualiopi-certificates`, { certificate });
  if (certified.status !== 201) throw new Error(`Certifying ${PROVIDER} answered ${certified.status}: ${JSON.stringify(certified.body)}`);
}

async function activeContract(driver: CommandDriver, lane: number): Promise<string> {
  const dates = calendar();
  const drafted = await driver.send(lane, 'buyer', 'POST', '/contracts', {
    title: `Parcours lane ${lane}`,
    mode: 'FRAMEWORK_AGREEMENT',
    awardProcedure: { procedure: 'OPEN_TENDER' },
    cpvCode: '80530000-8',
    startDate: dates.contractStart,
    endDate: dates.contractEnd,
    initialValueCents: 500_000_000,
    maximumValueCents: 1_000_000_000,
    singleLotJustification: 'One training domain on one territory',
  });
  if (drafted.status !== 201) throw new Error(`Lane ${lane}: drafting answered ${drafted.status} ${JSON.stringify(drafted.body)}`);
  const contractId = String(drafted.body!.contractId);
  const base = `/contracts/${contractId}`;
  const steps: Array<[string, object]> = [
    [
      `${base}/lots`,
      {
        lotId: 'LOT-1',
        title: 'Parcours numériques',
        scope: { domainCode: '31054', territoryCodes: ['69'], targetPublics: ['QPV_RESIDENTS'] },
        workUnits: [{ type: 'PATHWAY', unitPriceCents: 10_000, initialQuantity: 1000, minQuantity: 1, maxQuantity: 100_000 }],
        maximumValueCents: 900_000_000,
      },
    ],
    [`${base}/clauses`, { clauseId: 'VOL-1', lotId: 'LOT-1', terms: { type: 'VOLUME', unitType: 'PATHWAY', percent: 20 } }],
    [`${base}/publish`, {}],
    [`${base}/lots/LOT-1/award`, { providerIds: [PROVIDER], bidsReceived: 3 }],
    [`${base}/activate`, {}],
  ];
  for (const [path, body] of steps) {
    const answer = await driver.send(lane, 'buyer', 'POST', path, body);
    if (answer.status === undefined || answer.status >= 300) throw new Error(`Lane ${lane}: ${path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return contractId;
}

/** One lane: its contract, then rounds until the driver stops. */
export async function lane(driver: CommandDriver, n: number): Promise<number> {
  const contractId = await activeContract(driver, n);
  const base = `/contracts/${contractId}`;
  const dates = calendar();
  let round = 0;
  for (; !driver.stopping; round++) {
    const order = await driver.send(n, 'buyer', 'POST', `${base}/orders`, {
      lotId: 'LOT-1',
      lines: [{ unitType: 'PATHWAY', quantity: 5 }],
      sessions: [{ sessionId: 'S-1', startDate: dates.sessionStart, endDate: dates.sessionEnd, place: 'Lyon 8e', capacity: 50, modality: 'IN_PERSON' }],
      periodStart: dates.periodStart,
      periodEnd: dates.periodEnd,
    });
    if (order.status === 201) {
      const orderId = String(order.body!.orderId);
      for (const delta of [1, -1]) {
        await driver.send(n, 'buyer', 'POST', `${base}/orders/${orderId}/adjustments`, {
          clauseId: 'VOL-1',
          reason: `Waiting list, round ${round}`,
          adjustment: { kind: 'CHANGE_QUANTITY', unitType: 'PATHWAY', delta },
        });
      }
      const deliveries = `${base}/orders/${orderId}/deliveries`;
      const traineeId = pseudonym(`trainee-${n}x${round}`);
      const publics = { qpvResident: round % 2 === 0, ruralResident: false, disabled: false, isolatedParent: false, youngNeet: true };
      await driver.send(n, 'provider', 'POST', deliveries, { kind: 'SESSION_STARTED', sessionId: 'S-1', on: dates.sessionStart });
      await driver.send(n, 'provider', 'POST', deliveries, { kind: 'TRAINEE_ENTERED', traineeId, sessionId: 'S-1', enteredOn: dates.sessionStart, publics });
      await driver.send(n, 'provider', 'POST', deliveries, { kind: 'TRAINEE_COMPLETED', traineeId, on: dates.today });
    }
    if (round % 3 === 0) {
      const proposed = await driver.send(n, 'buyer', 'POST', `${base}/amendments`, {
        description: `Revalorisation ${round}`,
        change: { kind: 'PRICE', lotId: 'LOT-1', unitType: 'PATHWAY', newUnitPriceCents: 10_000 + round + 1 },
      });
      if (proposed.status === 201) {
        const amendment = `${base}/amendments/${String(proposed.body!.amendmentId)}`;
        await driver.send(n, 'buyer', 'POST', `${amendment}/sign`);
        await driver.send(n, 'buyer', 'POST', `${amendment}/notify`);
      }
    }
  }
  return round;
}
