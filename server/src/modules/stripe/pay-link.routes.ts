import type { Express } from 'express';
import type { Container } from '../../app/container.js';
import { AppError, shownMessage } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { RateLimitedError } from '../../platform/rate-limit/rate-limiter.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Client } from '../clients/client.entity.js';
import { portalOpenTo } from '../clients/client-portal.js';
import { Organization } from '../organizations/organization.entity.js';
import type { CheckoutLinkService } from './checkout-link.service.js';
import { isOpenForPayment } from './checkout-link.service.js';
import { BEING_CONFIRMED } from './checkout-errors.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { busy, esc, page, visitsInFlight } from './pay-pages.js';
import { contactOf } from '../organizations/org-contact.js';
import { mountPayReturns } from './pay-return.routes.js';

/**
 * GET /pay/{invoice.publicToken}: the link in invoice emails. Creates or reuses a live Checkout session
 * for the current balance (or the hosted Stripe invoice) and redirects; refuses once the configured
 * lifetime since sending has passed. Also the pages Checkout returns the payer to (pay-return.routes.ts)
 * and the Connect OAuth callback.
 */
export function mountPayLinks(
  app: Express,
  c: Container,
  checkout: CheckoutLinkService,
  connections: StripeConnectionService,
): void {
  const admitted = visitsInFlight();
  app.get('/pay/:token', admitted, async (req, res) => {
    try {
      // Each visit may create a Stripe Checkout session, and tokens are not to be guessed: per IP, and per
      // link (one link looped from many addresses).
      await c.rateLimits.check('payLink', { ip: req.ip, target: `pay:${req.params.token}` });
      const invoice = await c.invoices.findByPublicToken(String(req.params.token));
      if (!invoice || invoice.status === InvoiceStatus.DRAFT)
        return page(
          res,
          404,
          'Payment link not found',
          '<p>This payment link is not valid. Please check the link in your invoice email.</p>',
        );
      // An archived client's people cannot sign in (its invoices are still owed and payable here): no portal
      // link for them, and the org is named as whom to ask wherever the page sends them elsewhere. Whoever
      // the client, the org's billing email is the address to write to when it has one.
      const client = await c.db.getRepository(Client).findOneByOrFail({ orgId: invoice.orgId, id: invoice.clientId });
      const open = portalOpenTo(client);
      const us = esc(contactOf(await c.db.getRepository(Organization).findOneByOrFail({ id: invoice.orgId }), !open));
      const portal = open ? `<p><a href="${esc(c.invoices.portalUrl(invoice.id))}">View the invoice</a></p>` : '';
      if (invoice.status === InvoiceStatus.PAID)
        return page(
          res,
          200,
          `Invoice ${invoice.number} is paid`,
          `<p>Thank you — nothing is due on this invoice.</p>${portal}`,
        );
      if (!isOpenForPayment(invoice))
        return page(
          res,
          410,
          `Invoice ${invoice.number} cannot be paid online`,
          `<p class="muted">This invoice is ${invoice.status.toLowerCase().replace('_', ' ')}.</p><p>Please contact ${us} about it.</p>${portal}`,
        );
      const conn = await connections.find(invoice.orgId);
      if (!conn)
        return page(
          res,
          409,
          'Online payment is not available',
          `<p>Please contact ${us} to pay invoice ${esc(invoice.number)}.</p>${portal}`,
        );
      const deadline = await checkout.linkDeadline(invoice.orgId, invoice);
      if (deadline && deadline.getTime() <= Date.now()) {
        return page(
          res,
          410,
          'This payment link has expired',
          `<p>The payment link for invoice ${esc(invoice.number)} expired on ${esc(deadline.toUTCString())}.</p><p>${esc(formatMoney(invoice.balanceDue, invoice.currency))} is still due. ${open ? `Sign in to the client portal to pay, or contact ${us}` : `Please contact ${us}`} for a new link.</p>${portal}`,
        );
      }
      // An acknowledged payment not yet applied (or held by a crashed worker until recovery): wait briefly,
      // then show what it did, or refuse rather than hand out a second chance to pay.
      if (!(await checkout.confirmationsSettled(invoice.orgId, invoice.id)))
        return busy(res, 60, 'A payment is being confirmed', BEING_CONFIRMED, portal);
      const now = await c.invoices.findByPublicToken(String(req.params.token));
      if (now?.status === InvoiceStatus.PAID)
        return page(
          res,
          200,
          `Invoice ${now.number} is paid`,
          `<p>Thank you — nothing is due on this invoice.</p>${portal}`,
        );
      // The hosted Stripe invoice when Stripe says it is open for this balance (in this account and mode),
      // else a Checkout session: never a page Stripe voided behind Settle's rows.
      const r = await checkout.startPayment(invoice.orgId, invoice.id, null, { deadline });
      res.redirect(303, r.url);
    } catch (err) {
      if (err instanceof RateLimitedError) {
        res.set('retry-after', String(err.retryAfter));
        return page(res, 429, 'Too many requests', `<p>${esc(err.message)}</p>`);
      }
      if (err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE') {
        return busy(
          res,
          (err as AppError & { retryAfterSeconds?: number }).retryAfterSeconds ?? 30,
          'Payment is temporarily unavailable',
          err.message,
          '',
        );
      }
      logger.error({ err: (err as Error).message }, 'pay link failed');
      page(
        res,
        err instanceof AppError ? 400 : 502,
        'Payment is temporarily unavailable',
        `<p class="muted">${esc(err instanceof AppError ? err.message : 'Please try again in a few minutes.')}</p>`,
      );
    }
  });

  mountPayReturns(app, c, checkout, connections, admitted);

  app.get('/stripe/oauth/callback', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    const admin = `${c.config.publicUrl}/admin/settings/payments`;
    if (q.error) return res.redirect(303, `${admin}?stripe=denied`);
    try {
      // The redirect carries the browser's session cookie: the state must belong to that signed-in user.
      const caller = await c.auth.resolve(tokenFromRequest(req, c.config.publicUrl));
      const conn = await connections.completeOAuth(text(q.code), text(q.state), caller);
      res.redirect(303, `${admin}?stripe=connected&account=${encodeURIComponent(conn.accountId)}`);
    } catch (err) {
      // Settle's own refusals are worded for people; anything else (Node's or the network's words) is logged.
      if (!(err instanceof AppError)) logger.warn({ err: String(err) }, 'stripe connect callback failed');
      const message = shownMessage(err, 'Stripe did not complete the connection; start again from payment settings.');
      page(
        res,
        400,
        'Stripe connection failed',
        `<p>${esc(message)}</p><p><a href="${esc(admin)}">Back to payment settings</a></p>`,
      );
    }
  });
}
