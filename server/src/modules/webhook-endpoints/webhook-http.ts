import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, isPrivateAddress } from './webhook-url-policy.js';

/** How long an endpoint has to answer, connection included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of an answer is kept for the deliveries log. */
export const EXCERPT_CHARS = 500;

/**
 * Kept-alive connections, pooled apart for orgs that allow private addresses: a socket one policy
 * checked is never reused under the other.
 */
const AGENTS = {
  http: { public: new http.Agent({ keepAlive: true }), private: new http.Agent({ keepAlive: true }) },
  https: { public: new https.Agent({ keepAlive: true }), private: new https.Agent({ keepAlive: true }) },
};

export interface PostResult {
  ok: boolean;
  httpStatus: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

/**
 * POSTs a signed JSON body and reads back at most a few kilobytes of the answer. 2xx is success;
 * anything else, a timeout or a refused address is a failure (never thrown). Private addresses are
 * refused at connect time unless allowed (guardedLookup), literal IPs here.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'latencyMs'>): PostResult => ({
    ...r,
    latencyMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!allowPrivate && net.isIP(host) && isPrivateAddress(host))
      return resolve(
        done({ ok: false, httpStatus: null, excerpt: null, error: `refused: ${host} is a private address` }),
      );
    const kind = target.protocol === 'https:' ? 'https' : 'http';
    const req = (kind === 'https' ? https : http).request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Settle-Webhooks/1.0', ...headers },
      lookup: guardedLookup(allowPrivate),
      agent: AGENTS[kind][allowPrivate ? 'private' : 'public'],
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      resolve(done({ ok: false, httpStatus: null, excerpt: null, error: err.message }));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 4096) chunks.push(c);
        size += c.length;
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
        const ok = status >= 200 && status < 300;
        resolve(done({ ok, httpStatus: status, excerpt, error: ok ? null : `HTTP ${status}` }));
      });
    });
    req.end(body);
  });
}
