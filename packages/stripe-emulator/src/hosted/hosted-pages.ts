import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime, Actor } from '../runtime.js';
import type { AccountData } from '../core/store.js';
import type { WInvoice, WSession } from '../core/wire-types.js';
import type { PaymentMethodInput } from '../payments/payment-methods.js';
import { parseForm } from '../api/form-params.js';
import { readBody, sendHtml, redirect, matchPath } from '../core/http-util.js';
import { page } from './html-layout.js';
import { StripeApiError } from '../core/errors.js';
import { payInvoiceWith } from '../invoices/invoice-actions.js';
import { payCheckoutSession, lazyExpire } from '../checkout/checkout-actions.js';
import { renderInvoicePdf } from '../invoices/invoice-pdf.js';
import { invoicePage, checkoutPage, receiptPage, authenticationPage, type FormState } from './hosted-views.js';
import { finishAuthentication } from '../payments/authentication.js';

/**
 * Hosted invoice page and Checkout page. Both are plain HTML forms, so a test can POST them:
 *
 *   POST /hosted/invoices/:id/pay      POST /checkout/pay/:cs_id
 *   payment_method_type = card | us_bank_account   (default card)
 *   card_number         = 4242 4242 4242 4242 (succeeds) | 4000 0000 0000 0002 (declines) | …
 *   card_expiry         = "MM / YY" (optional)      card_cvc = "123" (optional)
 *   test_card           = a test card number from the page's picker, used when card_number is empty
 *   bank_account_number = 000123456789 (settles) | 000111111113 (fails)   (us_bank_account only)
 *   bank_routing_number = 110000000 (default)
 *   name, email         = optional payer details
 *   custom_amount       = Checkout only, for a custom_unit_amount price: major units, e.g. "125.50"
 *
 * 3-D Secure (`next_action.redirect_to_url.url` of an intent confirmed with `return_url`):
 *   GET|POST /hosted/authenticate/:pi_or_seti_id   action = complete | fail → 303 to the return_url
 *
 * A Checkout Session in setup mode takes the same fields and saves the payment method instead of paying.
 *
 * Success: Checkout answers 303 to success_url ({CHECKOUT_SESSION_ID} filled in); the invoice
 * page answers 303 back to itself (now showing "Paid"). A decline answers 402 with the page
 * and the error message; the session / invoice stays open.
 */
export async function handleHosted(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  let m: Record<string, string> | null;

  if ((m = matchPath('/hosted/invoices/:id', path)) && method === 'GET') {
    const found = rt.store.findAnywhere('invoices', m.id!);
    if (!found || found.obj.status === 'draft') return notFound(res, 'invoice');
    return sendHtml(res, 200, invoicePage(found.obj, found.acct, {}));
  }
  if ((m = matchPath('/hosted/invoices/:id/pdf', path)) && method === 'GET') {
    const found = rt.store.findAnywhere('invoices', m.id!);
    if (!found || found.obj.status === 'draft') return notFound(res, 'invoice');
    const pdf = renderInvoicePdf(found.obj);
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `inline; filename="${found.obj.number ?? found.obj.id}.pdf"`,
    });
    return void res.end(pdf);
  }
  if ((m = matchPath('/hosted/invoices/:id/pay', path)) && method === 'POST') {
    const found = rt.store.findAnywhere('invoices', m.id!);
    if (!found || found.obj.status === 'draft') return notFound(res, 'invoice');
    const form = parseForm(await readBody(req)) as Record<string, string>;
    const inv: WInvoice = found.obj;
    try {
      const r = payInvoiceWith(actorFor(rt, found.acct), inv, paymentInput(form), { authenticated: true });
      rt.store.changed();
      if (!r.ok) return sendHtml(res, 402, invoicePage(inv, found.acct, { error: r.error!.message, form }));
      return redirect(res, `/hosted/invoices/${inv.id}`);
    } catch (err) {
      return sendHtml(res, statusOf(err), invoicePage(inv, found.acct, { error: messageOf(err), form }));
    }
  }
  if ((m = matchPath('/checkout/pay/:id', path)) && method === 'GET') {
    const found = rt.store.findAnywhere('checkout_sessions', m.id!);
    if (!found) return notFound(res, 'Checkout Session');
    lazyExpire(actorFor(rt, found.acct), found.obj);
    return sendHtml(res, 200, checkoutPage(found.obj, found.acct, {}));
  }
  if ((m = matchPath('/checkout/pay/:id', path)) && method === 'POST') {
    const found = rt.store.findAnywhere('checkout_sessions', m.id!);
    if (!found) return notFound(res, 'Checkout Session');
    const s: WSession = found.obj;
    const form = parseForm(await readBody(req)) as Record<string, string>;
    const state: FormState = { form };
    try {
      const r = payCheckoutSession(actorFor(rt, found.acct), s, {
        method: paymentInput(form),
        customAmount: form.custom_amount ? toMinor(form.custom_amount, s.currency ?? 'usd') : undefined,
        email: form.email || undefined,
        name: form.name || undefined,
      });
      rt.store.changed();
      if (!r.ok) return sendHtml(res, 402, checkoutPage(s, found.acct, { ...state, error: r.error.message }));
      if (s.success_url) return redirect(res, s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id));
      return redirect(res, `/checkout/pay/${s.id}`);
    } catch (err) {
      return sendHtml(res, statusOf(err), checkoutPage(s, found.acct, { ...state, error: messageOf(err) }));
    }
  }
  if ((m = matchPath('/hosted/authenticate/:id', path))) {
    const coll = m.id!.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
    const found = rt.store.findAnywhere(coll, m.id!);
    if (!found) return notFound(res, 'authentication');
    if (method === 'GET') return sendHtml(res, 200, authenticationPage(found.obj));
    const form = parseForm(await readBody(req)) as Record<string, string>;
    try {
      const next = finishAuthentication(
        actorFor(rt, found.acct),
        found.obj,
        form.action === 'fail' ? 'fail' : 'complete',
      );
      rt.store.changed();
      return redirect(res, next);
    } catch (err) {
      return sendHtml(res, statusOf(err), authenticationPage(found.obj, messageOf(err)));
    }
  }
  if ((m = matchPath('/receipts/:id', path)) && method === 'GET') {
    const found = rt.store.findAnywhere('charges', m.id!);
    if (!found) return notFound(res, 'receipt');
    return sendHtml(res, 200, receiptPage(found.obj));
  }
  return notFound(res, 'page');
}

const actorFor = (rt: Runtime, acct: AccountData): Actor => ({
  rt,
  acct,
  request: { id: null, idempotency_key: null },
});

function paymentInput(form: Record<string, string>): PaymentMethodInput {
  const [mm, yy] = (form.card_expiry ?? '').split('/').map((x) => Number(x.trim()));
  if (form.payment_method_type === 'us_bank_account') {
    return {
      kind: 'us_bank_account',
      accountNumber: form.bank_account_number || '000123456789',
      routingNumber: form.bank_routing_number || undefined,
      name: form.name,
      email: form.email,
    };
  }
  // The test-card picker fills in a number when none was typed.
  if (!form.card_number && form.test_card) form.card_number = form.test_card;
  if (!form.card_number)
    throw new StripeApiError(400, {
      type: 'card_error',
      code: 'incorrect_number',
      message: 'Your card number is incomplete.',
    });
  if (mm && yy) {
    const year = yy < 100 ? 2000 + yy : yy;
    const now = new Date();
    if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && mm < now.getUTCMonth() + 1)) {
      throw new StripeApiError(400, {
        type: 'card_error',
        code: 'invalid_expiry_year',
        message: "Your card's expiration date is in the past.",
      });
    }
    return { kind: 'card', number: form.card_number, expMonth: mm, expYear: year, name: form.name, email: form.email };
  }
  return { kind: 'card', number: form.card_number, name: form.name, email: form.email };
}

function toMinor(value: string, currency: string): number {
  const n = Number(value.replace(/[^0-9.]/g, ''));
  if (!Number.isFinite(n) || value.trim() === '') return NaN;
  return ['jpy', 'krw', 'vnd', 'clp'].includes(currency) ? Math.round(n) : Math.round(n * 100);
}

const statusOf = (err: unknown) => (err instanceof StripeApiError ? err.status : 500);
const messageOf = (err: unknown) => (err instanceof StripeApiError ? err.body.message : 'Something went wrong.');

function notFound(res: ServerResponse, what: string): void {
  sendHtml(
    res,
    404,
    page('Not found', `<div class="card"><h1>Not found</h1><p class="muted">This ${what} does not exist.</p></div>`),
  );
}
