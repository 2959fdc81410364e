import type { AutopayAttempt } from './autopay.entities.js';

export type ChargeOutcome = 'charged' | 'recovered' | 'processing' | 'declined' | 'skipped';

/**
 * Why autopay charged nothing, one per guard of chargeInvoice (machine-readable, in the logs):
 * - INVOICE_NOT_FOUND: no such invoice in the org.
 * - STRIPE_EVENT_PENDING: a Stripe event naming the invoice is in the inbox, not applied yet (its money
 *   may be on the way); the next sweep asks again.
 * - NO_DEFAULT_METHOD: the client has no default saved method at Stripe.
 * - NOT_OPEN: the invoice is not SENT or PARTIALLY_PAID with a balance (paid, void, draft…).
 * - DISPUTED, REFUNDED: a dispute, or a refund on the invoice: never charged off-session.
 * - PAYMENT_CORRECTED: a payment of the invoice was voided or lowered after it was recorded (by hand by
 *   mistake, or a check voided in QuickBooks): the client may have paid already, so collecting is staff's call.
 * - NOT_DUE: before its due date (or its issue date when the client is charged at issue).
 * - AUTOPAY_OFF: the client's autopay is off.
 * - LAST_ATTEMPT_SUCCEEDED, LAST_ATTEMPT_PROCESSING: the last attempt took the money, or is debiting it.
 * - RETRY_NOT_DUE: the last attempt was declined and its retry time has not come.
 * - RETRIES_ENDED: the last attempt was declined with no retry left (or below Stripe's minimum).
 * - PAID_ELSEWHERE: a payment in QuickBooks that Settle has not read back yet.
 * - HOSTED_INVOICE_PAID, HOSTED_DEBIT_PROCESSING: the hosted Stripe invoice was paid, or a bank debit of it
 *   is processing.
 * - PAYMENT_IN_FLIGHT: a PaymentIntent of the invoice on the client's customer holds money Settle has not
 *   booked yet (a Checkout payment whose webhook is late).
 */
export const AutopaySkip = [
  'INVOICE_NOT_FOUND',
  'STRIPE_EVENT_PENDING',
  'NO_DEFAULT_METHOD',
  'NOT_OPEN',
  'DISPUTED',
  'NOT_DUE',
  'REFUNDED',
  'PAYMENT_CORRECTED',
  'AUTOPAY_OFF',
  'LAST_ATTEMPT_SUCCEEDED',
  'LAST_ATTEMPT_PROCESSING',
  'RETRY_NOT_DUE',
  'RETRIES_ENDED',
  'PAID_ELSEWHERE',
  'HOSTED_INVOICE_PAID',
  'HOSTED_DEBIT_PROCESSING',
  'PAYMENT_IN_FLIGHT',
] as const;
export type AutopaySkip = (typeof AutopaySkip)[number];

/** What one charge decision came to: its outcome and, when nothing was charged, which guard said so. */
export type ChargeResult = { outcome: 'skipped'; skip: AutopaySkip } | { outcome: Exclude<ChargeOutcome, 'skipped'> };

export const skipped = (skip: AutopaySkip): ChargeResult => ({ outcome: 'skipped', skip });

/** Reasons every sweep meets for many invoices as a matter of course: logged at debug, the others at info. */
export const QUIET_SKIPS: ReadonlySet<AutopaySkip> = new Set<AutopaySkip>([
  'NO_DEFAULT_METHOD',
  'NOT_OPEN',
  'NOT_DUE',
  'AUTOPAY_OFF',
  'RETRY_NOT_DUE',
  'RETRIES_ENDED',
]);

/** Why the invoice's last attempt stops a new one (null: a declined attempt whose retry time has come). */
export function lastAttemptSkip(last: AutopayAttempt, now: Date): AutopaySkip | null {
  if (last.status === 'SUCCEEDED') return 'LAST_ATTEMPT_SUCCEEDED';
  if (last.status === 'PROCESSING') return 'LAST_ATTEMPT_PROCESSING';
  if (!last.nextAttemptAt) return 'RETRIES_ENDED';
  return last.nextAttemptAt <= now ? null : 'RETRY_NOT_DUE';
}
