import express, { type Express } from 'express';
import type { AuthService } from '../auth/auth.service.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { logger } from '../../platform/logger.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import type { QuickBooksInbound } from './quickbooks-inbound.service.js';
import type { QuickBooksSettings } from './quickbooks-settings.js';
import { verifyIntuitSignature } from './webhook-notifications.js';

interface QuickBooksRouteDeps {
  settings: QuickBooksSettings;
  inbound: QuickBooksInbound;
  connections: QuickBooksConnectionService;
  auth: Pick<AuthService, 'resolve'>;
}

/** The QuickBooks HTTP routes: Intuit's webhook (signature checked, stored for the worker) and the OAuth callback. */
export function mountQuickBooksRoutes(
  app: Express,
  { settings, inbound, connections, auth }: QuickBooksRouteDeps,
): void {
  app.post('/webhooks/quickbooks', express.raw({ type: '*/*', limit: '5mb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!verifyIntuitSignature(raw, req.header('intuit-signature'), settings.verifierToken)) {
      logger.warn({ bytes: raw.length }, 'quickbooks webhook with a bad intuit-signature refused');
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
    const q = req.query as Record<string, string | undefined>;
    const back = new URL(settings.adminUrl);
    try {
      if (q.error) throw new Error(q.error === 'access_denied' ? 'QuickBooks connection was cancelled' : q.error);
      // The redirect carries the browser's session cookie: the state must belong to that signed-in user.
      const caller = await auth.resolve(tokenFromRequest(req));
      await connections.complete({ code: q.code ?? '', state: q.state ?? '', realmId: q.realmId ?? '', caller });
      back.searchParams.set('quickbooks', 'connected');
    } catch (err) {
      back.searchParams.set('quickbooks', 'error');
      back.searchParams.set('message', (err as Error).message);
    }
    res.redirect(302, back.pathname + back.search);
  });
}
