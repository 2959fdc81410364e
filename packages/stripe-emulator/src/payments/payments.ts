import type { Actor } from '../runtime.js';
import type { WCharge, WPaymentIntent, WPaymentMethod } from '../core/wire-types.js';
import { newId, nowSeconds, randomBase62 } from '../core/ids.js';
import { emitEvent, snapshot } from '../webhooks/events.js';
import { resolvePaymentMethod, type PaymentMethodInput, type Outcome } from './payment-methods.js';
import { createBalanceTransaction, stripeFee } from './balance.js';
import { cardDeclined, StripeApiError } from '../core/errors.js';
import { emptyAddress } from '../core/resource-helpers.js';
import { checkCapturable } from './capture.js';
import { authenticationAction } from './authentication.js';

export interface NewIntent {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  receiptEmail?: string | null;
  paymentMethodTypes?: string[];
  captureMethod?: WPaymentIntent['capture_method'];
  setupFutureUsage?: WPaymentIntent['setup_future_usage'];
}

/** Listeners run when a PaymentIntent reaches a final state (checkout and invoices hook in). */
type SettleListener = (actor: Actor, pi: WPaymentIntent, ok: boolean) => void;
const listeners: SettleListener[] = [];
export const onPaymentSettled = (fn: SettleListener) => void listeners.push(fn);

export function createPaymentIntent(actor: Actor, o: NewIntent): WPaymentIntent {
  const id = newId('pi');
  const pi: WPaymentIntent = {
    id,
    object: 'payment_intent',
    amount: o.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: o.captureMethod ?? 'automatic',
    client_secret: `${id}_secret_${randomBase62(25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency: o.currency,
    customer: o.customer,
    customer_account: null,
    description: o.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: !!actor.acct.livemode,
    metadata: o.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: o.paymentMethodTypes ?? ['card'],
    processing: null,
    receipt_email: o.receiptEmail ?? null,
    review: null,
    setup_future_usage: o.setupFutureUsage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
    managed_payments: null,
    allowed_payment_method_types: null,
    payment_record: null,
  };
  actor.acct.collections.payment_intents[pi.id] = pi;
  emitEvent(actor, 'payment_intent.created', pi);
  return pi;
}

/** A bank debit's `payment_method_details.us_bank_account`: the Charge's own fields, not the PaymentMethod's. */
function bankDebitDetails(b: NonNullable<WPaymentMethod['us_bank_account']>) {
  return {
    account_holder_type: b.account_holder_type,
    account_type: b.account_type,
    bank_name: b.bank_name,
    fingerprint: b.fingerprint,
    last4: b.last4,
    payment_reference: null,
    routing_number: b.routing_number,
  };
}

function newCharge(actor: Actor, pi: WPaymentIntent, pm: WPaymentMethod): WCharge {
  const id = newId('ch');
  const details =
    pm.type === 'card'
      ? {
          type: 'card',
          card: {
            amount_authorized: pi.amount,
            authorization_code: null,
            brand: pm.card!.brand,
            checks: pm.card!.checks,
            country: 'US',
            exp_month: pm.card!.exp_month,
            exp_year: pm.card!.exp_year,
            extended_authorization: { status: 'disabled' },
            fingerprint: pm.card!.fingerprint,
            funding: pm.card!.funding,
            incremental_authorization: { status: 'unavailable' },
            installments: null,
            last4: pm.card!.last4,
            mandate: null,
            multicapture: { status: 'unavailable' },
            network: pm.card!.brand,
            network_token: { used: false },
            network_transaction_id: randomBase62(15),
            overcapture: { maximum_amount_capturable: pi.amount, status: 'unavailable' },
            regulated_status: 'unregulated',
            three_d_secure: null,
            transaction_link_id: null,
            wallet: null,
          },
        }
      : { type: 'us_bank_account', us_bank_account: bankDebitDetails(pm.us_bank_account!) };
  const ch = {
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { ...pm.billing_details, address: pm.billing_details.address ?? emptyAddress() },
    calculated_statement_descriptor: 'SETTLE TEST',
    captured: false,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: !!actor.acct.livemode,
    metadata: pi.metadata,
    on_behalf_of: null,
    outcome: null,
    paid: false,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: details,
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: `${actor.rt.baseUrl}/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    // Legacy Sources and Tokens are not emulated; a PaymentIntent charge has no source on Stripe either.
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'pending',
    transfer_data: null,
    transfer_group: null,
  } as WCharge;
  actor.acct.collections.charges[ch.id] = ch;
  return ch;
}

const outcomeOk = (pm: WPaymentMethod) => ({
  advice_code: null,
  network_advice_code: null,
  network_decline_code: null,
  network_status: 'approved_by_network',
  reason: null,
  risk_level: 'normal',
  risk_score: 20,
  seller_message: 'Payment complete.',
  type: pm.type === 'card' ? 'authorized' : 'authorized',
});

function succeedCharge(actor: Actor, pi: WPaymentIntent, ch: WCharge, pm: WPaymentMethod): void {
  const method = pm.type === 'us_bank_account' ? 'us_bank_account' : 'card';
  const bt = createBalanceTransaction(actor, {
    amount: ch.amount,
    currency: ch.currency,
    fee: stripeFee(ch.amount, method),
    source: ch.id,
    type: 'charge',
    reporting_category: 'charge',
    description: ch.description,
  });
  Object.assign(ch, {
    status: 'succeeded',
    paid: true,
    captured: true,
    amount_captured: ch.amount,
    balance_transaction: bt.id,
    outcome: outcomeOk(pm),
  });
  settleIntent(pi, ch, pm, { status: 'succeeded', amount_received: pi.amount });
  emitEvent(actor, 'charge.succeeded', ch);
  emitEvent(actor, 'payment_intent.succeeded', pi);
}

/** A PaymentIntent whose charge went through: that charge and payment method, no error left. */
function settleIntent(pi: WPaymentIntent, ch: WCharge, pm: WPaymentMethod, fields: Partial<WPaymentIntent>): void {
  Object.assign(pi, {
    ...fields,
    latest_charge: ch.id,
    payment_method: pm.id,
    last_payment_error: null,
    processing: null,
  });
}

/**
 * `capture_method=manual`: confirming only authorizes the card. The charge succeeds uncaptured and the
 * PaymentIntent waits in `requires_capture` (capture.ts moves or releases the money).
 */
function authorizeCharge(actor: Actor, pi: WPaymentIntent, ch: WCharge, pm: WPaymentMethod): void {
  Object.assign(ch, { status: 'succeeded', paid: true, captured: false, amount_captured: 0, outcome: outcomeOk(pm) });
  settleIntent(pi, ch, pm, { status: 'requires_capture', amount_capturable: pi.amount });
  emitEvent(actor, 'charge.succeeded', ch);
  emitEvent(actor, 'payment_intent.amount_capturable_updated', pi);
}

function failCharge(
  actor: Actor,
  pi: WPaymentIntent,
  ch: WCharge,
  pm: WPaymentMethod,
  o: Extract<Outcome, { kind: 'decline' }>,
): StripeApiError {
  Object.assign(ch, {
    status: 'failed',
    failure_code: o.code,
    failure_message: o.message,
    outcome: {
      advice_code: 'try_again_later',
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'declined_by_network',
      reason: o.declineCode,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: 'The bank did not return any further details with this decline.',
      type: 'issuer_declined',
    },
  });
  const err = cardDeclined({ code: o.code, declineCode: o.declineCode, message: o.message, charge: ch.id });
  Object.assign(pi, {
    status: 'requires_payment_method',
    latest_charge: ch.id,
    payment_method: null,
    processing: null,
    last_payment_error: { ...err.body, payment_method: pm },
  });
  emitEvent(actor, 'charge.failed', ch);
  emitEvent(actor, 'payment_intent.payment_failed', pi);
  // The 402 body carries the PaymentIntent and PaymentMethod, as Stripe's does.
  return cardDeclined({
    code: o.code,
    declineCode: o.declineCode,
    message: o.message,
    charge: ch.id,
    paymentIntent: snapshot(pi),
    paymentMethod: pm,
  });
}

export type ConfirmResult =
  | { status: 'succeeded' | 'processing' | 'requires_capture'; pi: WPaymentIntent; charge: WCharge }
  | { status: 'requires_action'; pi: WPaymentIntent }
  | { status: 'failed'; pi: WPaymentIntent; charge: WCharge; error: StripeApiError };

export interface ConfirmOptions {
  /** `off_session: true`: nobody can authenticate, so a card asking for 3-D Secure declines. */
  offSession?: boolean;
  /** A person on a hosted page completes 3-D Secure when asked (the emulator approves it). */
  authenticated?: boolean;
  /** Where the authentication page sends the person back (`next_action.redirect_to_url`). */
  returnUrl?: string;
}

const AUTH_DECLINE = {
  kind: 'decline' as const,
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

/** Whether the card's issuer asks for 3-D Secure on this payment (test cards 4000002760003184, 4000002500003155). */
function needsAuthentication(actor: Actor, pm: WPaymentMethod, outcome: Outcome, opts: ConfirmOptions): boolean {
  if (outcome.kind !== 'succeed' || !outcome.auth || opts.authenticated) return false;
  if (outcome.auth === 'always') return true;
  return !(opts.offSession && actor.acct.pmSetUp?.[pm.id]);
}

/**
 * Confirms a PaymentIntent with a payment method: a card either succeeds or declines at once;
 * a bank debit goes to `processing` and settles later (scheduled via the runtime). With manual capture a
 * card is only authorized; with `setup_future_usage` the payment method is saved to the customer. A card
 * asking for 3-D Secure declines off-session (`authentication_required`) and waits in `requires_action`
 * on-session.
 */
export function confirmPaymentIntent(
  actor: Actor,
  pi: WPaymentIntent,
  input: PaymentMethodInput,
  opts: ConfirmOptions = {},
): ConfirmResult {
  const { pm, outcome } = resolvePaymentMethod(actor, input);
  checkCapturable(pi, pm);
  if (!pi.payment_method_types.includes(pm.type)) pi.payment_method_types = [...pi.payment_method_types, pm.type];
  const auth = needsAuthentication(actor, pm, outcome, opts);
  if (auth && !opts.offSession) {
    Object.assign(pi, {
      status: 'requires_action',
      payment_method: pm.id,
      last_payment_error: null,
      next_action: authenticationAction(actor, pi.id, opts.returnUrl),
    });
    emitEvent(actor, 'payment_intent.requires_action', pi);
    return { status: 'requires_action', pi };
  }
  pi.next_action = null;
  const ch = newCharge(actor, pi, pm);
  if (auth) return { status: 'failed', pi, charge: ch, error: failCharge(actor, pi, ch, pm, AUTH_DECLINE) };
  if (outcome.kind === 'decline')
    return { status: 'failed', pi, charge: ch, error: failCharge(actor, pi, ch, pm, outcome) };
  savePaymentMethod(actor, pi, pm);
  if (outcome.kind === 'async') {
    Object.assign(pi, { status: 'processing', latest_charge: ch.id, payment_method: pm.id, processing: null });
    emitEvent(actor, 'payment_intent.processing', pi);
    emitEvent(actor, 'charge.pending', ch);
    actor.acct.pendingAsync[pi.id] = { dueAt: Date.now() + actor.rt.opts.asyncPaymentDelayMs, outcome: outcome.settle };
    actor.rt.scheduleAsync(actor.acct, pi.id);
    return { status: 'processing', pi, charge: ch };
  }
  if (pi.capture_method === 'manual') {
    authorizeCharge(actor, pi, ch, pm);
    return { status: 'requires_capture', pi, charge: ch };
  }
  succeedCharge(actor, pi, ch, pm);
  return { status: 'succeeded', pi, charge: ch };
}

/** Stripe attaches the payment method to the customer only when asked to keep it for later payments. */
function savePaymentMethod(actor: Actor, pi: WPaymentIntent, pm: WPaymentMethod): void {
  if (!pi.setup_future_usage || typeof pi.customer !== 'string' || pm.customer) return;
  pm.customer = pi.customer;
  if (pi.setup_future_usage === 'off_session') markSetUp(actor, pm.id);
  emitEvent(actor, 'payment_method.attached', pm);
}

/** Remembers that a PaymentMethod was set up for off-session payments (no 3-D Secure asked later). */
export function markSetUp(actor: Actor, pmId: string): void {
  actor.acct.pmSetUp = { ...(actor.acct.pmSetUp ?? {}), [pmId]: true };
}

/** Settles a processing (bank debit) payment; called by the timer or the control API. */
export function settleAsyncPayment(actor: Actor, piId: string, forced?: 'succeeded' | 'failed'): boolean {
  const pending = actor.acct.pendingAsync[piId];
  const pi = actor.acct.collections.payment_intents[piId];
  if (!pending || !pi || pi.status !== 'processing') return false;
  delete actor.acct.pendingAsync[piId];
  const ch = actor.acct.collections.charges[pi.latest_charge as string]!;
  const pm = actor.acct.collections.payment_methods[pi.payment_method as string]!;
  if ((forced ?? pending.outcome) === 'succeeded') {
    succeedCharge(actor, pi, ch, pm);
    for (const l of listeners) l(actor, pi, true);
  } else {
    failCharge(actor, pi, ch, pm, {
      kind: 'decline',
      code: 'payment_method_not_available',
      declineCode: 'account_closed',
      message: "The customer's bank account has been closed.",
    });
    for (const l of listeners) l(actor, pi, false);
  }
  actor.rt.store.changed();
  return true;
}
