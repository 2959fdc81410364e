import type { Express, Request, Response } from 'express';
import { logger } from '../../platform/logger.js';
import { verifyWebhook } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { ingestFast, pgPoolOf, type DrainScheduler } from './stripe-inbox.js';
import type { DataSource } from 'typeorm';

const MAX_BODY = 1024 * 1024;
const ACK_NEW = Buffer.from('{"received":true,"duplicate":false}');
const ACK_DUPLICATE = Buffer.from('{"received":true,"duplicate":true}');

/**
 * POST /webhooks/stripe/{token}: raw body, verified with THAT org's signing secret. Anything that does
 * not verify gets 400 and nothing is stored. A verified event is stored in the inbox (one INSERT,
 * duplicates ignored) and acknowledged; the worker applies it. The hot path is kept bare: the body is
 * read as bytes (no body parser), the answer is a constant buffer, nothing is logged on success.
 */
export function mountStripeWebhook(app: Express, db: DataSource, connections: StripeConnectionService, scheduler: DrainScheduler): void {
  const pool = pgPoolOf(db);
  app.post('/webhooks/stripe/:token', (req, res) => void receive(req, res));

  async function receive(req: Request, res: Response): Promise<void> {
    try {
      const [target, raw] = await Promise.all([connections.webhookTarget(req.params.token as string), readBody(req)]);
      if (!target) return reply(res, 404, { error: 'unknown webhook endpoint' });
      if (!target.secret) return reply(res, 400, { error: 'no signing secret configured for this endpoint' });
      if (!raw) return reply(res, 413, { error: 'payload too large' });
      let evt;
      try {
        evt = verifyWebhook(raw, req.header('stripe-signature'), target.secret);
      } catch (err) {
        logger.warn({ orgId: target.orgId, err: (err as Error).message }, 'stripe webhook rejected: bad signature');
        return reply(res, 400, { error: 'signature verification failed' });
      }
      const fresh = await ingestFast(pool, target.orgId, evt, raw.toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end(fresh ? ACK_NEW : ACK_DUPLICATE);
      if (fresh) scheduler.kick(target.orgId);
    } catch (err) {
      logger.error({ err }, 'stripe webhook failed');
      // Not stored: Stripe will retry.
      if (!res.headersSent) reply(res, 500, { error: 'temporarily unavailable' });
    }
  }
}

function reply(res: Response, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The raw request body, or null past MAX_BODY (the signature covers exactly these bytes). */
function readBody(req: Request): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
