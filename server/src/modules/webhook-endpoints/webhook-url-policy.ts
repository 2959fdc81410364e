import dns from 'node:dns';
import net from 'node:net';
import { badInput } from '../../platform/errors.js';

/**
 * Addresses a webhook may not reach (the server's own network and host) unless the operator lets
 * endpoints reach some of them (SETTLE_WEBHOOK_PRIVATE_NETWORKS); never an organization's choice.
 */
const PRIVATE = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(prefix, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Pure: whether an IP address (v4 or v6) is private, loopback, link-local, unique-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  return v4 ? PRIVATE.check(v4, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

export type Lookup = (hostname: string) => Promise<string[]>;

/** Every address the resolver gives for a name, IPv4 and IPv6. */
export const lookupAll: Lookup = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** The host part of a URL as an address or name (IPv6 literals lose their brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Which addresses outbound webhooks may reach: public ones, and the private networks the operator
 * listed (SETTLE_WEBHOOK_PRIVATE_NETWORKS, config.webhookPrivateNetworks). One per server, the same for
 * every organization.
 */
export class WebhookAddressPolicy {
  private readonly allowed = new net.BlockList();
  /** The listed networks, as a key (connections are pooled per policy, see webhook-http.ts). */
  readonly key: string;

  constructor(privateNetworks: readonly string[] = []) {
    for (const n of privateNetworks) {
      const [address, bits] = n.split('/') as [string, string];
      this.allowed.addSubnet(address, Number(bits), net.isIP(address) === 4 ? 'ipv4' : 'ipv6');
    }
    this.key = [...privateNetworks].sort().join(',');
  }

  /** Whether an address (v4 or v6) may be connected to. */
  allows(address: string): boolean {
    if (!isPrivateAddress(address)) return true;
    if (!this.key) return false;
    const family = net.isIP(address);
    if (family === 4) return this.allowed.check(address, 'ipv4');
    if (family !== 6) return false;
    const v4 = embeddedIpv4(address);
    return v4 ? this.allowed.check(v4, 'ipv4') : this.allowed.check(address, 'ipv6');
  }
}

/** Public addresses only: no private network listed. */
export const PUBLIC_ONLY = new WebhookAddressPolicy();

/** Why a private target is refused, for people (never the address it resolved to). */
export const PRIVATE_REFUSED =
  'a private, loopback or link-local address, which this Settle server does not let webhooks reach';

/**
 * Checks an endpoint URL (field `url`): http or https, no credentials in it, and every address its host
 * resolves to public (or in a private network the operator allowed). Throws a BAD_USER_INPUT naming
 * `url`; the message never shows the address a name resolved to (that would map the private network).
 */
export async function checkWebhookUrl(
  raw: string,
  policy: WebhookAddressPolicy = PUBLIC_ONLY,
  lookup: Lookup = lookupAll,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url', 'Enter a full URL, like https://example.com/settle-webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('url', 'The URL must start with https://');
  if (url.username || url.password) throw badInput('url', 'The URL must not contain a user name or password');
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await lookup(host);
  } catch {
    throw badInput('url', `The host ${host} does not resolve`);
  }
  if (!addresses.length) throw badInput('url', `The host ${host} does not resolve`);
  if (!addresses.every((a) => policy.allows(a)))
    throw badInput(
      'url',
      `${net.isIP(host) ? `${host} is` : `The host ${host} resolves to`} ${PRIVATE_REFUSED}; webhooks go to public addresses only`,
    );
  return url;
}

/**
 * A `lookup` for http.request that refuses addresses the policy does not allow: the address checked is
 * the address connected to, so a name that changes its answer after the check (DNS rebinding) cannot
 * reach the private network. IP literals never reach a lookup: postWebhook checks them before the request.
 */
export function guardedLookup(policy: WebhookAddressPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      if (!list.length || !list.every((a) => policy.allows(a.address))) {
        const e = Object.assign(new Error(`refused: ${hostname} resolves to ${PRIVATE_REFUSED}`), { code: 'EPRIVATE' });
        return callback(e as NodeJS.ErrnoException, '', 4);
      }
      if ((options as dns.LookupOptions).all)
        return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
