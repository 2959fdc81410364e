import dns from 'node:dns';
import net from 'node:net';
import { badInput } from '../../platform/errors.js';

/** Addresses a webhook may not reach unless the org allows private URLs: the org's own network and the host's. */
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
 * Checks an endpoint URL (field `url`): http or https, no credentials in it, and (unless private URLs
 * are allowed) every address its host resolves to public. Throws a BAD_USER_INPUT naming `url`.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean, lookup: Lookup = lookupAll): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url', 'Enter a full URL, like https://example.com/settle-webhooks');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('url', 'The URL must start with https://');
  if (url.username || url.password) throw badInput('url', 'The URL must not contain a user name or password');
  if (allowPrivate) return url;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : await lookup(host);
  } catch {
    throw badInput('url', `The host ${host} does not resolve`);
  }
  if (!addresses.length) throw badInput('url', `The host ${host} does not resolve`);
  const refused = addresses.find(isPrivateAddress);
  if (refused)
    throw badInput(
      'url',
      `The URL reaches a private, loopback or link-local address (${refused}); webhooks go to public addresses only`,
    );
  return url;
}

/**
 * A `lookup` for http.request that refuses private addresses when they are not allowed: the address
 * checked is the address connected to, so a name that changes its answer after the check (DNS
 * rebinding) cannot reach the private network. IP literals never reach a lookup: checkWebhookUrl
 * checks them before the request.
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (refused || !list.length) {
        const e = Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: 'EPRIVATE' });
        return callback(e as NodeJS.ErrnoException, '', 4);
      }
      if ((options as dns.LookupOptions).all)
        return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
