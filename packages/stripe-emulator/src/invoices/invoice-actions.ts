import type { Actor } from '../runtime.js';
import type { WInvoice, WInvoicePayment, WPaymentIntent } from '../core/wire-types.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { nowSeconds } from '../core/ids.js';
import { invalidRequest, StripeApiError } from '../core/errors.js';
import {
  createPaymentIntent,
  confirmPaymentIntent,
  onPaymentSettled,
  type ConfirmOptions,
} from '../payments/payments.js';
import type { PaymentMethodInput } from '../payments/payment-methods.js';
import { openInvoicePayment, invoicePaymentsOf } from './invoice-payments.js';
import { applyCustomerBalance, restoreCustomerBalance } from './customer-balance.js';

/**
 * Invoice state machine shared by the API and the hosted invoice page:
 * draft → open (finalize) → paid | void | uncollectible; uncollectible → paid | void.
 */
export function finalizeInvoice(actor: Actor, inv: WInvoice): void {
  if (inv.status !== 'draft')
    throw invalidRequest(
      `This invoice is already finalized, you can't re-finalize a non-draft invoice.`,
      undefined,
      'invoice_unexpected_state',
    );
  const { acct, rt } = actor;
  const customer = acct.collections.customers[inv.customer as string];
  const now = nowSeconds();
  if (!inv.number) {
    const seq = customer?.next_invoice_sequence ?? ++acct.invoiceSequence;
    inv.number = `${customer?.invoice_prefix ?? 'INV'}-${String(seq).padStart(4, '0')}`;
    if (customer) customer.next_invoice_sequence = seq + 1;
  }
  inv.status = 'open';
  inv.status_transitions.finalized_at = now;
  inv.effective_at = now;
  inv.hosted_invoice_url = `${rt.baseUrl}/hosted/invoices/${inv.id}`;
  inv.invoice_pdf = `${rt.baseUrl}/hosted/invoices/${inv.id}/pdf`;
  inv.webhooks_delivered_at = now;
  applyCustomerBalance(actor, inv);
  inv.amount_remaining = inv.amount_due - inv.amount_paid;
  // Automatic collection charges at once (auto-collection.ts); this is when it is due.
  if (inv.collection_method === 'charge_automatically' && inv.auto_advance) inv.next_payment_attempt = now;
  if (inv.amount_due > 0) {
    // Basil+: finalizing creates the default InvoicePayment, tracking amount_remaining via its PI.
    const pi = createPaymentIntent(actor, {
      amount: inv.amount_due,
      currency: inv.currency,
      customer: inv.customer as string,
      description: `Invoice ${inv.number}`,
      metadata: {},
    });
    openInvoicePayment(acct, inv, pi, true);
  }
  emitEvent(actor, 'invoice.finalized', inv);
  if (inv.amount_due === 0) markPaid(actor, inv, 0, false);
}

export function defaultPayment(actor: Actor, inv: WInvoice): WInvoicePayment | undefined {
  return invoicePaymentsOf(actor.acct, inv.id).find((p) => p.is_default);
}

function assertPayable(inv: WInvoice): void {
  if (inv.status === 'paid') throw invalidRequest('Invoice is already paid', undefined, 'invoice_unexpected_state');
  if (inv.status === 'void')
    throw invalidRequest(
      'This invoice can no longer be paid because it has been voided.',
      undefined,
      'invoice_unexpected_state',
    );
  if (inv.status === 'draft')
    throw invalidRequest(
      'This invoice is in draft status. You must finalize it before it can be paid.',
      undefined,
      'invoice_unexpected_state',
    );
}

/**
 * Stripe's `customer.delinquent`: an automatic payment failure sets it, paying an invoice (or marking it
 * uncollectible) clears it; a change is a `customer.updated`.
 */
export function setDelinquent(actor: Actor, inv: WInvoice, value: boolean): void {
  const customer = actor.acct.collections.customers[inv.customer as string];
  if (!customer || !!customer.delinquent === value) return;
  const before = snapshot(customer);
  customer.delinquent = value;
  emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
}

/** Applies a successful payment of `amount`; fully paid invoices move to `paid`. */
export function markPaid(actor: Actor, inv: WInvoice, amount: number, emitPaymentSucceeded: boolean): void {
  const before = snapshot(inv);
  inv.amount_paid += amount;
  inv.amount_remaining = Math.max(0, inv.amount_due - inv.amount_paid);
  inv.amount_overpaid = Math.max(0, inv.amount_paid - inv.amount_due);
  if (inv.amount_remaining > 0) {
    // Partial payment: stays open; only invoice.updated.
    emitEvent(actor, 'invoice.updated', inv, diffPrevious(before, inv));
    return;
  }
  inv.status = 'paid';
  inv.status_transitions.paid_at = nowSeconds();
  inv.next_payment_attempt = null;
  inv.auto_advance = false;
  setDelinquent(actor, inv, false);
  emitEvent(actor, 'invoice.paid', inv);
  if (emitPaymentSucceeded) emitEvent(actor, 'invoice.payment_succeeded', inv);
}

/** Pays with a payment method, reusing the default payment's PaymentIntent as Stripe does. */
export function payInvoiceWith(
  actor: Actor,
  inv: WInvoice,
  input: PaymentMethodInput,
  opts: ConfirmOptions = {},
): { ok: boolean; pi: WPaymentIntent; error?: StripeApiError } {
  assertPayable(inv);
  const ip = defaultPayment(actor, inv);
  let pi = ip ? actor.acct.collections.payment_intents[ip.payment.payment_intent as string] : undefined;
  if (pi && pi.status === 'processing')
    throw invalidRequest(
      'This invoice has a payment that is still processing.',
      undefined,
      'invoice_payment_intent_requires_action',
    );
  if (!pi || pi.status === 'succeeded' || pi.status === 'canceled') {
    pi = createPaymentIntent(actor, {
      amount: inv.amount_remaining,
      currency: inv.currency,
      customer: inv.customer as string,
      description: `Invoice ${inv.number}`,
      metadata: {},
    });
  } else if (pi.amount !== inv.amount_remaining) pi.amount = inv.amount_remaining;
  const result = confirmPaymentIntent(actor, pi, input, opts);
  inv.attempted = true;
  inv.attempt_count += 1;
  if (result.status === 'requires_action') {
    // On-session with a card asking for 3-D Secure: the customer must complete the invoice's PaymentIntent.
    inv.next_payment_attempt = null;
    emitEvent(actor, 'invoice.payment_action_required', inv);
    return { ok: false, pi, error: requiresActionError(pi) };
  }
  if (result.status === 'failed') {
    inv.next_payment_attempt = nextRetry(inv);
    emitEvent(actor, 'invoice.payment_failed', inv);
    if (result.error.body.code === 'authentication_required') emitEvent(actor, 'invoice.payment_action_required', inv);
    return { ok: false, pi, error: result.error };
  }
  if (result.status === 'succeeded') applyPaymentIntent(actor, inv, pi);
  else inv.next_payment_attempt = null; // a bank debit settles by itself
  return { ok: true, pi };
}

/**
 * Automatic collection retries a failed charge on a schedule like Stripe's custom retry schedule: 3, 5 and 7 days
 * after the previous attempt, then no more (the invoice stays open). Other invoices are not retried.
 */
const RETRY_DAYS = [3, 5, 7];
export function nextRetry(inv: WInvoice): number | null {
  if (inv.collection_method !== 'charge_automatically' || !inv.auto_advance) return null;
  const days = RETRY_DAYS[inv.attempt_count - 1];
  return days === undefined ? null : nowSeconds() + days * 86400;
}

function requiresActionError(pi: WPaymentIntent): StripeApiError {
  return new StripeApiError(402, {
    type: 'card_error',
    code: 'invoice_payment_intent_requires_action',
    message:
      'This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice.',
    doc_url: 'https://stripe.com/docs/error-codes/invoice-payment-intent-requires-action',
    payment_intent: snapshot(pi),
  });
}

/** Records a succeeded PaymentIntent against the invoice (InvoicePayment paid, totals, events). */
export function applyPaymentIntent(actor: Actor, inv: WInvoice, pi: WPaymentIntent): void {
  const now = nowSeconds();
  let ip = invoicePaymentsOf(actor.acct, inv.id).find((p) => p.payment.payment_intent === pi.id);
  ip ??= openInvoicePayment(actor.acct, inv, pi, false);
  if (ip.status === 'paid') return;
  ip.status = 'paid';
  ip.amount_paid = pi.amount_received;
  ip.status_transitions.paid_at = now;
  emitEvent(actor, 'invoice_payment.paid', ip);
  markPaid(actor, inv, pi.amount_received, true);
}

/**
 * A bank debit on its way cannot be called back: Stripe refuses to void an invoice, or to mark it paid out of
 * band, until its processing payment has succeeded or failed.
 */
function assertNothingProcessing(actor: Actor, inv: WInvoice, what: string): void {
  const processing = invoicePaymentsOf(actor.acct, inv.id).some(
    (ip) => actor.acct.collections.payment_intents[ip.payment.payment_intent as string]?.status === 'processing',
  );
  if (processing)
    throw invalidRequest(
      `This invoice has a payment that is still processing, so it cannot be ${what}. Try again once the payment has succeeded or failed.`,
      undefined,
      'invoice_unexpected_state',
    );
}

export function payOutOfBand(actor: Actor, inv: WInvoice): void {
  assertPayable(inv);
  assertNothingProcessing(actor, inv, 'paid out of band');
  const ip = defaultPayment(actor, inv);
  if (ip) cancelPayment(actor, ip);
  const amount = inv.amount_remaining;
  actor.acct.paidOffStripe[inv.id] = (actor.acct.paidOffStripe[inv.id] ?? 0) + amount;
  // invoice.paid covers out-of-band; invoice.payment_succeeded does not.
  markPaid(actor, inv, amount, false);
}

function cancelPayment(actor: Actor, ip: WInvoicePayment): void {
  if (ip.status !== 'open') return;
  ip.status = 'canceled';
  ip.status_transitions.canceled_at = nowSeconds();
  const pi = actor.acct.collections.payment_intents[ip.payment.payment_intent as string];
  if (pi && pi.status !== 'succeeded' && pi.status !== 'processing') {
    pi.status = 'canceled';
    pi.canceled_at = nowSeconds();
    pi.cancellation_reason = 'void_invoice';
    emitEvent(actor, 'payment_intent.canceled', pi);
  }
}

export function voidInvoice(actor: Actor, inv: WInvoice): void {
  if (inv.status !== 'open' && inv.status !== 'uncollectible') {
    throw invalidRequest(
      `You can only void open or uncollectible invoices. This invoice is ${inv.status}.`,
      undefined,
      'invoice_unexpected_state',
    );
  }
  assertNothingProcessing(actor, inv, 'voided');
  for (const ip of invoicePaymentsOf(actor.acct, inv.id)) cancelPayment(actor, ip);
  restoreCustomerBalance(actor, inv);
  inv.status = 'void';
  inv.status_transitions.voided_at = nowSeconds();
  inv.next_payment_attempt = null;
  emitEvent(actor, 'invoice.voided', inv);
}

export function markUncollectible(actor: Actor, inv: WInvoice): void {
  if (inv.status !== 'open')
    throw invalidRequest(
      `You can only mark open invoices as uncollectible. This invoice is ${inv.status}.`,
      undefined,
      'invoice_unexpected_state',
    );
  inv.status = 'uncollectible';
  inv.status_transitions.marked_uncollectible_at = nowSeconds();
  inv.next_payment_attempt = null;
  setDelinquent(actor, inv, false);
  emitEvent(actor, 'invoice.marked_uncollectible', inv);
}

/** An async (bank) payment for an invoice settles later: apply it then. */
onPaymentSettled((actor, pi, ok) => {
  const ip = Object.values(actor.acct.collections.invoice_payments).find((p) => p.payment.payment_intent === pi.id);
  const inv = ip ? actor.acct.collections.invoices[ip.invoice as string] : undefined;
  if (!inv || (inv.status !== 'open' && inv.status !== 'uncollectible')) return;
  if (ok) applyPaymentIntent(actor, inv, pi);
  else {
    inv.next_payment_attempt = nextRetry(inv);
    emitEvent(actor, 'invoice.payment_failed', inv);
  }
});
