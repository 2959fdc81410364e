import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The address a request came from, as Express reads it with `trust proxy` set to loopback (http-server.ts):
 * the peer, unless it is a proxy on this machine, in which case the last address in X-Forwarded-For that
 * is not one either. For routes served before Express (raw routes), which have no `req.ip`.
 */
export function clientAddress(req: IncomingMessage): string {
  let address = req.socket.remoteAddress ?? '';
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim());
  while (LOOPBACK.test(address) && hops.length) {
    const next = hops.pop()!;
    if (!isIP(next)) break;
    address = next;
  }
  return address;
}
