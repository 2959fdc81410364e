import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, PRIVATE_REFUSED, PUBLIC_ONLY, type WebhookAddressPolicy } from './webhook-url-policy.js';

/** How long an endpoint has to answer, connection included. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** How much of an answer is kept for the deliveries log. */
export const EXCERPT_CHARS = 500;

/**
 * Kept-alive connections, pooled per address policy (one per server, but tests run several servers in
 * one process): a socket one policy checked is never reused under another.
 */
const AGENTS = new Map<string, { http: http.Agent; https: https.Agent }>();
const agentsFor = (policy: WebhookAddressPolicy) => {
  let agents = AGENTS.get(policy.key);
  if (!agents)
    AGENTS.set(
      policy.key,
      (agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) }),
    );
  return agents;
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
 * refused at connect time unless the operator's policy allows them (guardedLookup), literal IPs here;
 * the failure says so (the delivery log shows it), never what a name resolved to.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: WebhookAddressPolicy = PUBLIC_ONLY,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'latencyMs'>): PostResult => ({
    ...r,
    // What the endpoint answered goes into a text column: PostgreSQL refuses a NUL there, which failed
    // the whole round's record, so its attempts (delivered ones too) were sent again at every retry.
    excerpt: r.excerpt && withoutNul(r.excerpt),
    error: r.error && withoutNul(r.error),
    latencyMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    if (net.isIP(host) && !policy.allows(host))
      return resolve(
        done({ ok: false, httpStatus: null, excerpt: null, error: `refused: ${host} is ${PRIVATE_REFUSED}` }),
      );
    const kind = target.protocol === 'https:' ? 'https' : 'http';
    const req = (kind === 'https' ? https : http).request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Settle-Webhooks/1.0', ...headers },
      lookup: guardedLookup(policy),
      agent: agentsFor(policy)[kind],
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

// eslint-disable-next-line no-control-regex
const withoutNul = (text: string) => text.replace(/\u0000/g, '');
