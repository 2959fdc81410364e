import type { RequestHandler, Response } from 'express';
import { SocketQuota } from '../../http/socket-quota.js';
import { addressBlock } from '../../platform/rate-limit/address-block.js';

/** Escapes text for HTML. */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small self-contained HTML page: how /pay and the payment return pages answer (no SPA needed). */
export function page(res: Response, status: number, title: string, body: string): void {
  res.status(status).type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}.muted{color:#52606d}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`);
}

/** 503 with Retry-After: nothing was started; the same link works again shortly. */
export function busy(res: Response, retryAfterSeconds: number, title: string, message: string, extra: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  page(res, 503, title, `<p>${esc(message)}</p>${extra}`);
}

/** Pay-page visits one address (an IPv6 caller's /64) may have running at once on this process. */
export const MAX_VISITS_IN_FLIGHT = 16;

/**
 * The pay pages are served without a login and each visit reads the database, its per-address rate limit
 * first (a counter row in PostgreSQL): a flood from one address queued every pool connection behind that
 * one row, and signed-in requests waited seconds. Past MAX_VISITS_IN_FLIGHT running, a visit is answered
 * 429 at once, before anything is read. A payer opens a link a few times at most.
 */
export function visitsInFlight(): RequestHandler {
  const running = new SocketQuota<Response>(MAX_VISITS_IN_FLIGHT);
  return (req, res, next) => {
    if (!running.take(res, addressBlock(req.ip ?? ''))) {
      res.setHeader('Retry-After', '1');
      return page(
        res,
        429,
        'Too many requests',
        '<p>Too many pages are loading from your address at once. Try again in a moment.</p>',
      );
    }
    res.once('close', () => running.release(res));
    next();
  };
}
