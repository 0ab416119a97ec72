import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not lead: this machine and the internal network (SSRF). Loopback, unspecified, private
 * (RFC 1918), shared (RFC 6598), link-local (cloud metadata at 169.254.169.254), benchmarking, reserved,
 * multicast and broadcast for IPv4; loopback, unspecified, unique-local, link-local, site-local and multicast for
 * IPv6. IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address they carry.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address carries. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address is on this machine or an internal network. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 4) return INTERNAL.check(bare, 'ipv4');
  if (family === 6) {
    const ipv4 = embeddedIpv4(bare);
    return ipv4 !== undefined ? INTERNAL.check(ipv4, 'ipv4') : INTERNAL.check(bare, 'ipv6');
  }
  return false;
}

/** The hosts and addresses WEBHOOK_ALLOWED_HOSTS names (lower case, IPv6 without brackets). */
export function allowedHostsOf(setting: string): ReadonlySet<string> {
  return new Set(
    setting
      .split(',')
      .map((entry) => entry.trim().toLowerCase().replace(/^\[|\]$/g, ''))
      .filter((entry) => entry !== ''),
  );
}

/**
 * Why a connection to `address` (resolved from `hostname`) is refused, or undefined when it may go: an internal
 * address is refused unless the allow-list names the host or the address.
 */
export function refusedDestination(hostname: string, address: string, allowed: ReadonlySet<string>): string | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const bare = address.toLowerCase();
  if (!isInternalAddress(bare) || allowed.has(host) || allowed.has(bare)) return undefined;
  return host === bare ? `${address} is an internal address` : `${hostname} resolves to ${address}, an internal address`;
}

/**
 * The first reason the URL's host is refused, resolving its name as a connection would. A name that does not
 * resolve now is not refused here: the worker checks again, on the address it connects to, at each delivery.
 */
export async function refusedWebhookHost(url: string, allowed: ReadonlySet<string>): Promise<string | undefined> {
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(hostname)) return refusedDestination(hostname, hostname, allowed);
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookup(hostname, { all: true, verbatim: true });
  } catch {
    return undefined;
  }
  for (const { address } of addresses) {
    const refused = refusedDestination(hostname, address, allowed);
    if (refused) return refused;
  }
  return undefined;
}
