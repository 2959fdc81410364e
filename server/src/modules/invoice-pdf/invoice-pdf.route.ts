import type { Express, Request, Response } from 'express';
import type { Container } from '../../app/container.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { AppError } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { RateLimitedError } from '../../platform/rate-limit/rate-limiter.js';
import { visibleInvoicesOf } from '../../graphql/guards.js';
import { principalKey } from '../auth/principal.js';
import { invoicePdfFile } from './invoice-pdf.data.js';

const SAME_ORIGIN_FRAME = "default-src 'none'; frame-ancestors 'self'";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /portal-api/invoices/:id/pdf[?inline=1] — session cookie (SPAs) or bearer token (tools). */
export function invoicePdfRoute(container: Container): (app: Express) => void {
  return (app) => {
    app.get('/portal-api/invoices/:id/pdf', async (req: Request, res: Response) => {
      const principal = await container.auth.resolve(tokenFromRequest(req, container.config.publicUrl));
      if (!principal) return void res.status(401).type('text').send('Sign in first');
      // Each download renders the PDF anew: per caller (one office behind one address shares no bucket).
      try {
        await container.rateLimits.check('pdf', { target: principalKey(principal) });
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        return void res.status(429).set('retry-after', String(err.retryAfter)).type('text').send(err.message);
      }
      const scope = visibleInvoicesOf(principal); // the same invoices the API shows this caller
      if (!scope) return void res.status(403).type('text').send('Your role cannot see invoices');
      const id = String(req.params.id);
      // Unknown, malformed and other clients' ids all look the same from outside.
      if (!UUID.test(id)) return void res.status(404).type('text').send('Invoice not found');
      try {
        const { filename, content } = await invoicePdfFile(container, scope, id);
        // ?inline=1 is the admin app's preview, shown in a frame of Settle's own page (and of no one
        // else's); otherwise the browser saves a file.
        const inline = req.query.inline === '1';
        if (inline) res.set({ 'content-security-policy': SAME_ORIGIN_FRAME, 'x-frame-options': 'SAMEORIGIN' });
        res
          .status(200)
          .set({
            'content-type': 'application/pdf',
            'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
            'cache-control': 'private, no-store',
          })
          .send(content);
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND')
          return void res.status(404).type('text').send('Invoice not found');
        logger.error({ err, invoiceId: id, orgId: scope.orgId }, 'invoice PDF failed');
        res.status(500).type('text').send('Could not render this invoice');
      }
    });
  };
}
