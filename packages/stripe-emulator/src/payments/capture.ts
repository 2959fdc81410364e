import type { Actor } from '../runtime.js';
import type { WPaymentIntent, WPaymentMethod } from '../core/wire-types.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { invalidRequest } from '../core/errors.js';
import { createBalanceTransaction, stripeFee } from './balance.js';

// `capture_method=manual`, as Stripe does it for cards: confirming only authorizes (payments.ts), capturing
// moves the money (all of it or less, the rest being released), and canceling releases the whole hold.

/** Bank debits have no authorization to hold, so Stripe refuses manual capture for them at confirmation. */
export function checkCapturable(pi: WPaymentIntent, pm: WPaymentMethod): void {
  if (pi.capture_method === 'manual' && pm.type !== 'card')
    throw invalidRequest(
      `The PaymentMethod type ${pm.type} does not support capture_method=manual; use capture_method=automatic.`,
      'capture_method',
    );
}

const charge = (actor: Actor, pi: WPaymentIntent) => actor.acct.collections.charges[pi.latest_charge as string]!;

export function capturePaymentIntent(actor: Actor, pi: WPaymentIntent, amountToCapture?: number): WPaymentIntent {
  if (pi.status !== 'requires_capture')
    throw invalidRequest(
      `This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  const amount = amountToCapture ?? pi.amount_capturable;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', 'amount_to_capture');
  if (amount > pi.amount_capturable)
    throw invalidRequest(
      `The amount to capture (${amount}) cannot be greater than the amount capturable (${pi.amount_capturable}).`,
      'amount_to_capture',
      'amount_too_large',
    );
  const ch = charge(actor, pi);
  const before = snapshot(ch);
  const bt = createBalanceTransaction(actor, {
    amount,
    currency: ch.currency,
    fee: stripeFee(amount, 'card'),
    source: ch.id,
    type: 'charge',
    reporting_category: 'charge',
    description: ch.description,
  });
  // What is not captured is released at once; Stripe shows it as refunded on the charge.
  Object.assign(ch, { captured: true, amount_captured: amount, amount_refunded: ch.amount - amount });
  ch.balance_transaction = bt.id;
  Object.assign(pi, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
  emitEvent(actor, 'charge.captured', ch, diffPrevious(before, ch));
  emitEvent(actor, 'payment_intent.succeeded', pi);
  return pi;
}

/** Canceling a PaymentIntent that holds an authorization releases all of it. */
export function releaseAuthorization(actor: Actor, pi: WPaymentIntent): void {
  const ch = charge(actor, pi);
  const before = snapshot(ch);
  Object.assign(ch, { amount_refunded: ch.amount, refunded: true });
  pi.amount_capturable = 0;
  emitEvent(actor, 'charge.refunded', ch, diffPrevious(before, ch));
}
