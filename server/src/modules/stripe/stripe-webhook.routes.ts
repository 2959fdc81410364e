import express, { type Express } from 'express';
import { logger } from '../../platform/logger.js';
import { verifyWebhook } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { ingestFast, pgPoolOf, type DrainScheduler } from './stripe-inbox.js';
import type { DataSource } from 'typeorm';

/**
 * POST /webhooks/stripe/{token}: raw body, verified with THAT org's signing secret. Anything that does
 * not verify gets 400 and nothing is stored. A verified event is stored in the inbox (one INSERT,
 * duplicates ignored) and acknowledged; the worker applies it.
 */
export function mountStripeWebhook(app: Express, db: DataSource, connections: StripeConnectionService, scheduler: DrainScheduler): void {
  const pool = pgPoolOf(db);
  app.post('/webhooks/stripe/:token', express.raw({ type: '*/*', limit: '1mb' }), async (req, res) => {
    try {
      const target = await connections.webhookTarget(req.params.token!);
      if (!target) return void res.status(404).json({ error: 'unknown webhook endpoint' });
      if (!target.secret) return void res.status(400).json({ error: 'no signing secret configured for this endpoint' });
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from('');
      let evt;
      try {
        evt = verifyWebhook(raw, req.header('stripe-signature'), target.secret);
      } catch (err) {
        logger.warn({ orgId: target.orgId, err: (err as Error).message }, 'stripe webhook rejected: bad signature');
        return void res.status(400).json({ error: 'signature verification failed' });
      }
      const fresh = await ingestFast(pool, target.orgId, evt, raw.toString('utf8'));
      res.status(200).json({ received: true, duplicate: !fresh });
      if (fresh) scheduler.kick(target.orgId);
    } catch (err) {
      logger.error({ err }, 'stripe webhook failed');
      // Not stored: Stripe will retry.
      if (!res.headersSent) res.status(500).json({ error: 'temporarily unavailable' });
    }
  });
}
