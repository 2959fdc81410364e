import type { Express, Request, RequestHandler, Response } from 'express';
import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { RateLimitedError } from '../../platform/rate-limit/rate-limiter.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Organization } from '../organizations/organization.entity.js';
import { isOpenForPayment, type CheckoutLinkService } from './checkout-link.service.js';
import { inScope } from './stripe-connection.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeCheckoutSession } from './stripe-links.entity.js';
import { busy, esc, page } from './pay-pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What Stripe says of a Checkout session: paid, paid by a debit still on its way, or not paid. */
type Outcome = 'paid' | 'processing' | 'unpaid';

/**
 * Where Stripe Checkout sends the payer back (success_url, cancel_url): pages of the portal, which only
 * a signed-in portal user can open. Most payers come from the emailed pay link and have no portal
 * account: they paid, and were shown a sign-in form with no word of their money. Unless the caller is a
 * portal user of the invoice's client (the portal's own page then answers), these answer here:
 * - the success page says what Stripe says of the session named in `session_id`, and only of a session
 *   Settle made for this invoice (the query parameters are trusted for nothing else);
 * - the cancel page says nothing was charged, and names no invoice.
 */
export function mountPayReturns(
  app: Express,
  c: Container,
  checkout: CheckoutLinkService,
  connections: StripeConnectionService,
  /** The pay pages' bound on visits running at once per address (pay-pages.ts). */
  admitted: RequestHandler,
): void {
  app.get('/portal/invoices/:id/paid', admitted, async (req, res, next) => {
    const id = String(req.params.id);
    const sessionId = typeof req.query.session_id === 'string' ? req.query.session_id : '';
    try {
      // Each visit may ask Stripe: counted with the pay links, per address and per session.
      await c.rateLimits.check('payLink', { ip: req.ip, target: sessionId ? `paid:${sessionId}` : null });
      if (await portalUserOfInvoice(c, req, id)) return next();
      const row =
        UUID.test(id) && sessionId
          ? await c.db.getRepository(StripeCheckoutSession).findOneBy({ id: sessionId, invoiceId: id })
          : null;
      if (!row) return notFound(res);
      const invoice = await c.db.getRepository(Invoice).findOneByOrFail({ orgId: row.orgId, id });
      const org = await c.db.getRepository(Organization).findOneByOrFail({ id: row.orgId });
      const told = await outcomeOf(connections, row);
      const of = `for invoice ${esc(invoice.number)} from ${esc(org.name)}`;
      if (told.outcome === 'paid') {
        const settled = invoice.status === InvoiceStatus.PAID ? ' The invoice is paid in full.' : '';
        return page(
          res,
          200,
          'Thank you, your payment was received',
          `<p data-outcome="paid">Stripe confirmed your payment of ${esc(formatMoney(told.amount, invoice.currency))} ${of}.${settled}</p><p class="muted">The invoice shows it within a few moments; you can close this page.</p>`,
        );
      }
      if (told.outcome === 'processing')
        return page(
          res,
          200,
          'Your payment is on its way',
          `<p data-outcome="processing">Your payment of ${esc(formatMoney(told.amount, invoice.currency))} ${of} is being processed by your bank; this can take a few business days. There is nothing more to do.</p>`,
        );
      const again = isOpenForPayment(invoice)
        ? `<p><a href="${esc(checkout.payUrl(invoice))}">Pay invoice ${esc(invoice.number)}</a></p>`
        : '';
      return page(
        res,
        200,
        'Your payment was not completed',
        `<p data-outcome="unpaid">Nothing was charged ${of}.</p>${again}`,
      );
    } catch (err) {
      if (err instanceof RateLimitedError) {
        res.set('retry-after', String(err.retryAfter));
        return page(res, 429, 'Too many requests', `<p>${esc(err.message)}</p>`);
      }
      logger.warn({ err: (err as Error).message, invoiceId: id }, 'payment return page failed');
      busy(
        res,
        30,
        'We could not confirm your payment just now',
        'If you completed the payment on the card page, it is safe. Reload this page in a minute to see it confirmed.',
        '',
      );
    }
  });

  app.get('/portal/invoices/:id', async (req, res, next) => {
    if (req.query.payment !== 'cancelled') return next();
    try {
      if (await portalUserOfInvoice(c, req, String(req.params.id))) return next();
    } catch (err) {
      return next(err);
    }
    page(
      res,
      200,
      'Payment cancelled',
      '<p>You left the payment page before paying: nothing was charged.</p><p class="muted">To pay, open the payment link in your invoice email again.</p>',
    );
  });
}

/** Whether the caller is a portal user who sees this invoice in the portal (its own pages answer them). */
async function portalUserOfInvoice(c: Container, req: Request, invoiceId: string): Promise<boolean> {
  const p = await c.auth.resolve(tokenFromRequest(req, c.config.publicUrl));
  if (p?.kind !== 'portal' || !UUID.test(invoiceId)) return false;
  return c.db.getRepository(Invoice).existsBy({ orgId: p.orgId, clientId: p.clientId, id: invoiceId });
}

function notFound(res: Response): void {
  page(
    res,
    404,
    'Payment not found',
    '<p>This page confirms a payment made with a payment link, and there is none at this address.</p><p class="muted">If you paid, your receipt from Stripe is in your email.</p>',
  );
}

/**
 * Stripe's word on the session, when it is in the connected account (else what Settle has booked of it:
 * after an account switch the old account's sessions cannot be read with the new key).
 */
async function outcomeOf(
  connections: StripeConnectionService,
  row: StripeCheckoutSession,
): Promise<{ outcome: Outcome; amount: number }> {
  const conn = await connections.find(row.orgId);
  if (!conn || !inScope(conn, row))
    return { outcome: row.status === 'complete' ? 'paid' : 'unpaid', amount: row.amount };
  const live: Stripe.Checkout.Session = await connections.provider(conn).retrieveCheckoutSession(row.id);
  const amount = live.amount_total ?? row.amount;
  if (live.status !== 'complete') return { outcome: 'unpaid', amount };
  return { outcome: live.payment_status === 'paid' ? 'paid' : 'processing', amount };
}
