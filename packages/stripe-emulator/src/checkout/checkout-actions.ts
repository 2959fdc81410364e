import type { Actor, Runtime } from '../runtime.js';
import type { WSession, WPaymentIntent } from '../core/wire-types.js';
import { emitEvent } from '../webhooks/events.js';
import { nowSeconds } from '../core/ids.js';
import { invalidRequest, StripeApiError } from '../core/errors.js';
import { createPaymentIntent, confirmPaymentIntent, onPaymentSettled } from '../payments/payments.js';
import type { PaymentMethodInput } from '../payments/payment-methods.js';
import { emptyAddress } from '../core/resource-helpers.js';
import { requireTenStep } from '../payments/minimum-charge.js';
import { confirmSetupIntent, cancelSetupIntent } from '../payments/setup-actions.js';

/** A session that is no longer open has no `url` ("only present when the session is active", SDK doc). */
function close(s: WSession, status: 'complete' | 'expired'): void {
  s.status = status;
  s.url = null;
}

export function expireSession(actor: Actor, s: WSession): void {
  close(s, 'expired');
  const pi = s.payment_intent ? actor.acct.collections.payment_intents[s.payment_intent as string] : undefined;
  if (pi && pi.status === 'requires_payment_method') {
    pi.status = 'canceled';
    pi.canceled_at = nowSeconds();
    pi.cancellation_reason = 'abandoned';
    emitEvent(actor, 'payment_intent.canceled', pi);
  }
  const si = s.setup_intent ? actor.acct.collections.setup_intents[s.setup_intent as string] : undefined;
  if (si && si.status !== 'succeeded' && si.status !== 'canceled') cancelSetupIntent(actor, si, 'abandoned');
  emitEvent(actor, 'checkout.session.expired', s);
}

/** Sessions past `expires_at` expire on the next touch (and by the periodic sweep). */
export function lazyExpire(actor: Actor, s: WSession): void {
  if (s.status === 'open' && s.expires_at <= nowSeconds())
    expireSession({ ...actor, request: { id: null, idempotency_key: null } }, s);
}

export function sweepExpired(rt: Runtime): void {
  for (const acct of Object.values(rt.store.state.accounts)) {
    for (const s of Object.values(acct.collections.checkout_sessions))
      lazyExpire({ rt, acct, request: { id: null, idempotency_key: null } }, s);
  }
}

export interface CheckoutPayment {
  method: PaymentMethodInput;
  /** For a price with custom_unit_amount: the amount the payer chose, in minor units. */
  customAmount?: number;
  email?: string;
  name?: string;
}

/** Validates a payer-chosen amount against the price's custom_unit_amount bounds. */
function resolveAmounts(actor: Actor, s: WSession, customAmount?: number): number {
  const items = actor.acct.sessionLineItems[s.id] ?? [];
  let total = 0;
  for (const li of items) {
    const cua = li.price?.custom_unit_amount;
    if (cua) {
      const amount = customAmount ?? cua.preset ?? undefined;
      if (amount === undefined || !Number.isInteger(amount))
        throw invalidRequest('Enter an amount.', 'custom_unit_amount');
      const min = cua.minimum ?? 50;
      const max = cua.maximum ?? 99999999;
      if (amount < min || amount > max) {
        throw invalidRequest(
          `Amount must be between ${(min / 100).toFixed(2)} and ${(max / 100).toFixed(2)} ${li.currency.toUpperCase()}.`,
          'custom_unit_amount',
        );
      }
      requireTenStep(amount, li.currency, 'custom_unit_amount');
      li.amount_subtotal = li.amount_total = amount;
    }
    total += li.amount_total;
  }
  return total;
}

export type CheckoutResult = { ok: true; session: WSession } | { ok: false; session: WSession; error: StripeApiError };

/**
 * What the Checkout page does on submit: one PaymentIntent per session (reused across
 * declined attempts), a decline keeps the session open, a bank debit completes it as `unpaid`.
 */
export function payCheckoutSession(actor: Actor, s: WSession, pay: CheckoutPayment): CheckoutResult {
  lazyExpire(actor, s);
  if (s.status !== 'open')
    throw invalidRequest(`This Checkout Session is ${s.status} and can no longer be paid.`, 'session');
  if (s.mode === 'setup') return completeSetupSession(actor, s, pay);
  const total = resolveAmounts(actor, s, pay.customAmount);
  s.amount_subtotal = total;
  s.amount_total = total;
  const pid = actor.acct.sessionPaymentIntentData?.[s.id];
  let pi = s.payment_intent ? actor.acct.collections.payment_intents[s.payment_intent as string] : undefined;
  if (!pi || pi.status !== 'requires_payment_method') {
    pi = createPaymentIntent(actor, {
      amount: total,
      currency: s.currency!,
      customer: (s.customer as string | null) ?? null,
      description: pid?.description ?? null,
      metadata: pid?.metadata ?? {},
      receiptEmail: pay.email ?? s.customer_email,
      paymentMethodTypes: s.payment_method_types,
      captureMethod: pid?.captureMethod,
      setupFutureUsage: pid?.setupFutureUsage,
    });
    s.payment_intent = pi.id;
  } else pi.amount = total;
  // The payer is on the page, so a card asking for 3-D Secure is authenticated there.
  const r = confirmPaymentIntent(actor, pi, pay.method, { authenticated: true });
  if (r.status === 'failed') return { ok: false, session: s, error: r.error };
  setCustomerDetails(actor, s, pay);
  close(s, 'complete');
  // A held (manual capture) card is not paid yet, like a bank debit still processing.
  s.payment_status = r.status === 'succeeded' ? 'paid' : 'unpaid';
  emitEvent(actor, 'checkout.session.completed', s);
  return { ok: true, session: s };
}

function setCustomerDetails(actor: Actor, s: WSession, pay: CheckoutPayment): void {
  const customer = s.customer ? actor.acct.collections.customers[s.customer as string] : undefined;
  s.customer_details = {
    address: emptyAddress(),
    business_name: null,
    email: pay.email ?? s.customer_email ?? customer?.email ?? null,
    individual_name: null,
    name: pay.name ?? customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
}

/**
 * Setup mode: the person saves a card or bank account. The session's SetupIntent is confirmed (3-D Secure, when a
 * test card asks for it, is completed on the page), the PaymentMethod is attached to the session's customer, and
 * the session completes with `checkout.session.completed` (`payment_status: no_payment_required`).
 */
function completeSetupSession(actor: Actor, s: WSession, pay: CheckoutPayment): CheckoutResult {
  const si = actor.acct.collections.setup_intents[s.setup_intent as string];
  if (!si) throw invalidRequest('This Checkout Session has no SetupIntent.', 'session');
  const r = confirmSetupIntent(actor, si, pay.method, { authenticated: true });
  if (r.status === 'failed') return { ok: false, session: s, error: r.error };
  setCustomerDetails(actor, s, pay);
  close(s, 'complete');
  emitEvent(actor, 'checkout.session.completed', s);
  return { ok: true, session: s };
}

/** A bank debit that settles later finishes the session with the async_payment_* events. */
onPaymentSettled((actor, pi: WPaymentIntent, ok) => {
  const s = Object.values(actor.acct.collections.checkout_sessions).find((x) => x.payment_intent === pi.id);
  if (!s || s.status !== 'complete' || s.payment_status !== 'unpaid') return;
  if (ok) {
    s.payment_status = 'paid';
    emitEvent(actor, 'checkout.session.async_payment_succeeded', s);
  } else emitEvent(actor, 'checkout.session.async_payment_failed', s);
});
