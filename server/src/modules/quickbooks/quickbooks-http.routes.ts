import type { Express, RequestHandler } from 'express';
import type { AuthService } from '../auth/auth.service.js';
import { rawBodyWithin } from '../../http/body-limit.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { AppError, badInput, shownMessage } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { addressBlock } from '../../platform/rate-limit/address-block.js';
import type { RefusalBudget } from '../../platform/rate-limit/refusal-budget.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import type { QuickBooksInbound } from './quickbooks-inbound.service.js';
import type { QuickBooksSettings } from './quickbooks-settings.js';
import { verifyIntuitSignature } from './webhook-notifications.js';

/**
 * The largest webhook body taken. Intuit's notifications name entities by id (about 150 bytes each), so
 * 1 MiB holds thousands; one missed for being larger is read again by the CDC poll.
 */
const MAX_WEBHOOK_BODY = 1024 * 1024;

interface QuickBooksRouteDeps {
  settings: QuickBooksSettings;
  inbound: QuickBooksInbound;
  connections: QuickBooksConnectionService;
  auth: Pick<AuthService, 'resolve'>;
  /** PUBLIC_URL: which name the session cookie goes by (session-cookie.ts). */
  publicUrl: string;
  /** Webhook deliveries refused per address (refusal-budget.ts). */
  refusals: RefusalBudget;
}

/** The QuickBooks HTTP routes: Intuit's webhook (signature checked, stored for the worker) and the OAuth callback. */
export function mountQuickBooksRoutes(
  app: Express,
  { settings, inbound, connections, auth, refusals, publicUrl }: QuickBooksRouteDeps,
): void {
  // An address past its budget of refused deliveries is answered before its body (up to 1 MiB) is read.
  const withinBudget: RequestHandler = (req, res, next) => {
    const wait = refusals.retryAfter(addressBlock(req.ip ?? ''));
    if (!wait) return next();
    res.set({ 'retry-after': String(wait), connection: 'close' }).status(429);
    res.json({ error: 'too many refused deliveries from this address; try again later' });
  };
  // A body declared or sent past the limit: 413 at once, the rest unread, counted as a refused delivery.
  const withinLimit = rawBodyWithin(MAX_WEBHOOK_BODY, (req) => {
    refusals.refused(addressBlock(req.ip ?? ''));
    return { error: 'payload too large' };
  });
  app.post('/webhooks/quickbooks', withinBudget, withinLimit, async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyIntuitSignature(raw, req.header('intuit-signature'), settings.verifierToken)) {
      logger.warn({ bytes: raw.length }, 'quickbooks webhook with a bad intuit-signature refused');
      refusals.refused(addressBlock(req.ip ?? ''));
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    try {
      await inbound.storeWebhook(raw);
      res.status(200).json({ ok: true });
    } catch (err) {
      logger.error({ err: String(err) }, 'quickbooks webhook could not be stored');
      res.status(500).json({ error: 'not stored' });
    }
  });
  app.get('/integrations/quickbooks/callback', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const back = new URL(settings.adminUrl);
    try {
      // Intuit's refusal is shown as a sentence of ours: anyone can send an admin this URL with any text in it.
      if (q.error !== undefined) throw badInput('error', refusal(q.error));
      // The redirect carries the browser's session cookie: the state must belong to that signed-in user.
      const caller = await auth.resolve(tokenFromRequest(req, publicUrl));
      await connections.complete({ code: text(q.code), state: text(q.state), realmId: text(q.realmId), caller });
      back.searchParams.set('quickbooks', 'connected');
    } catch (err) {
      if (!(err instanceof AppError)) logger.warn({ err: String(err) }, 'quickbooks oauth callback failed');
      back.searchParams.set('quickbooks', 'error');
      back.searchParams.set('message', shownMessage(err, 'QuickBooks could not be connected; start again from here'));
    }
    res.redirect(302, back.pathname + back.search);
  });
}

/** A query parameter as one string ('' when absent, repeated or not text). */
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Intuit's OAuth `error`: its code is shown only when it looks like one (`access_denied`, `invalid_scope`). */
function refusal(error: unknown): string {
  const code = text(error);
  if (code === 'access_denied') return 'QuickBooks connection was cancelled';
  return /^[a-z_]{1,40}$/.test(code) ? `QuickBooks did not grant access (${code})` : 'QuickBooks did not grant access';
}
