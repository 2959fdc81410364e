import type Stripe from 'stripe';
import { orgTodaySql } from '../organizations/org-today.js';

/** Days after a declined attempt before the next one: attempt 1 → +3, 2 → +5, 3 → +7, then the schedule ends. */
export const RETRY_DAYS = [3, 5, 7] as const;
const DAY_MS = 86_400_000;

/** When attempt `attemptNo` (1-based) that was declined at `at` is tried again; null: no more tries. */
export function nextAttemptAt(attemptNo: number, at: Date): Date | null {
  const days = RETRY_DAYS[attemptNo - 1];
  return days == null ? null : new Date(at.getTime() + days * DAY_MS);
}

/**
 * Stripe's idempotency key of one attempt at one amount on one payment method: a replayed sweep (or a
 * second worker) gets the same PaymentIntent. The amount and method are part of it because a charge whose
 * transaction was lost leaves no attempt row, so the next sweep makes the same attempt again; if the
 * balance or the client's default method changed meanwhile, the old key with new parameters would be
 * refused by Stripe (`idempotency_error`) for 24 h. A lost charge that took money is found before that.
 */
export const autopayKey = (invoiceId: string, attemptNo: number, amount: number, paymentMethod: string) =>
  `settle-autopay-${invoiceId}-${attemptNo}-${amount}-${paymentMethod}`;

/** The method a charge went to, as the admin sees it: brand (a bank debit has none) and last 4. */
export interface ChargedMethod {
  brand: string | null;
  last4: string | null;
}

/**
 * Autopay PaymentIntents of this invoice that Stripe holds money for (or is still debiting) but Settle
 * has no attempt row of: the transaction that made them was lost after Stripe answered. Declined ones
 * carry no money and are left alone (that attempt is simply made again). Oldest first.
 */
export function unrecordedCharges(
  intents: Stripe.PaymentIntent[],
  invoiceId: string,
  recorded: ReadonlySet<string>,
): Stripe.PaymentIntent[] {
  return intents
    .filter(
      (pi) =>
        pi.metadata?.settle_invoice_id === invoiceId &&
        pi.metadata?.settle_autopay === 'true' &&
        !recorded.has(pi.id) &&
        (pi.status === 'succeeded' || pi.status === 'processing'),
    )
    .sort((a, b) => a.created - b.created);
}

/** The charged method of a PaymentIntent from its expanded latest charge; nulls when not expanded. */
export function methodOfIntent(pi: Stripe.PaymentIntent): ChargedMethod {
  const charge = pi.latest_charge && typeof pi.latest_charge !== 'string' ? pi.latest_charge : null;
  const d = charge?.payment_method_details;
  return { brand: d?.card?.brand ?? null, last4: d?.card?.last4 ?? d?.us_bank_account?.last4 ?? null };
}

/** The declined method, from the PaymentMethod Stripe puts in a card error. */
function methodOfError(pm: Partial<Stripe.PaymentMethod> | undefined): ChargedMethod {
  return { brand: pm?.card?.brand ?? null, last4: pm?.card?.last4 ?? pm?.us_bank_account?.last4 ?? null };
}

export type SavedMethodType = 'CARD' | 'US_BANK_ACCOUNT';

/** What Settle shows of a saved method: Stripe's id and what the client recognises it by, never a number. */
export interface SavedMethodView {
  id: string;
  type: SavedMethodType;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  bankName: string | null;
  isDefault: boolean;
}

/** The masked view of a Stripe PaymentMethod; null for types Settle does not charge. */
export function maskedMethod(pm: Stripe.PaymentMethod, defaultId: string | null): SavedMethodView | null {
  const base = { id: pm.id, isDefault: pm.id === defaultId };
  if (pm.type === 'card' && pm.card)
    return {
      ...base,
      type: 'CARD',
      brand: pm.card.brand,
      last4: pm.card.last4,
      expMonth: pm.card.exp_month,
      expYear: pm.card.exp_year,
      bankName: null,
    };
  if (pm.type === 'us_bank_account' && pm.us_bank_account)
    return {
      ...base,
      type: 'US_BANK_ACCOUNT',
      brand: null,
      last4: pm.us_bank_account.last4,
      expMonth: null,
      expYear: null,
      bankName: pm.us_bank_account.bank_name,
    };
  return null;
}

/** A declined off-session charge, from the SDK's StripeCardError; null for any other error (retried by the sweep). */
export function declineOf(
  err: unknown,
): { code: string; message: string; paymentIntent: string | null; method: ChargedMethod } | null {
  const e = err as {
    type?: string;
    code?: string;
    decline_code?: string;
    message?: string;
    raw?: { payment_intent?: { id?: string }; payment_method?: Partial<Stripe.PaymentMethod> };
    payment_intent?: { id?: string };
    payment_method?: Partial<Stripe.PaymentMethod>;
  };
  if (e?.type !== 'StripeCardError') return null;
  return {
    code: e.decline_code ?? e.code ?? 'card_declined',
    message: e.message ?? 'The payment was declined',
    paymentIntent: e.payment_intent?.id ?? e.raw?.payment_intent?.id ?? null,
    method: methodOfError(e.payment_method ?? e.raw?.payment_method),
  };
}

/** Stripe's code for a charge below its minimum amount in that currency (USD 0.50, GBP 0.30, JPY 50…). */
export const BELOW_MINIMUM = 'amount_too_small';

/** Stripe's refusal of a balance smaller than one step of its currency (refusalOf reads it as BELOW_MINIMUM). */
export function belowStripeStep(currency: string): Error {
  return Object.assign(new Error(`The balance is less than Stripe's smallest ${currency} amount`), {
    type: 'StripeInvalidRequestError',
    code: BELOW_MINIMUM,
  });
}

/** Codes of an invalid request that a later try of the same request may pass: the sweep simply tries again. */
const PASSING_CODES = new Set(['idempotency_key_in_use', 'lock_timeout', 'rate_limit']);

/**
 * Stripe refusing the charge itself rather than the card declining it: an invalid request that the same
 * request will meet again (the saved method detached or gone at Stripe, a balance below Stripe's minimum,
 * a method that cannot pay this currency). Retried by the sweep as it was, it failed every run, logged
 * and seen by no one; as a refusal it is recorded as a declined attempt, so the admin sees it and the
 * schedule (or its end) applies. Null for anything else: network, Stripe down, a key revoked (the
 * connection's own notices say so), a request in flight under the same key.
 */
export function refusalOf(err: unknown): { code: string; message: string } | null {
  const e = err as { type?: string; code?: string; message?: string } | null;
  if (e?.type !== 'StripeInvalidRequestError' || (e.code && PASSING_CODES.has(e.code))) return null;
  return { code: e.code ?? 'invalid_request', message: e.message ?? 'Stripe refused the charge' };
}

export const idOf = (v: string | { id: string } | null | undefined) =>
  v == null ? null : typeof v === 'string' ? v : v.id;

/** What the admin reads of an attempt: authentication and an ended schedule stand apart from a plain decline. */
export function attemptOutcome(a: {
  status: 'SUCCEEDED' | 'PROCESSING' | 'DECLINED';
  declineCode: string | null;
  nextAttemptAt: Date | null;
}): 'SUCCEEDED' | 'PROCESSING' | 'DECLINED' | 'AUTHENTICATION_REQUIRED' | 'PAY_LINK' | 'BELOW_MINIMUM' {
  if (a.status !== 'DECLINED') return a.status;
  if (a.declineCode === 'authentication_required') return 'AUTHENTICATION_REQUIRED';
  if (a.declineCode === BELOW_MINIMUM) return 'BELOW_MINIMUM';
  return a.nextAttemptAt ? 'DECLINED' : 'PAY_LINK';
}

/** A refusal (refusalOf) as a decline of the method Settle charged: Stripe names no PaymentIntent for it. */
export function refused(err: unknown): NonNullable<ReturnType<typeof declineOf>> | null {
  const r = refusalOf(err);
  return r && { ...r, paymentIntent: null, method: { brand: null, last4: null } };
}

/** The attempt's outcome columns for a PaymentIntent that took the money (or is debiting it). */
export function tookMoney(pi: Stripe.PaymentIntent) {
  const m = methodOfIntent(pi);
  return {
    status: pi.status === 'processing' ? ('PROCESSING' as const) : ('SUCCEEDED' as const),
    paymentIntentId: pi.id,
    methodBrand: m.brand,
    methodLast4: m.last4,
    declineCode: null,
    message: null,
    nextAttemptAt: null,
  };
}

/** Today on the invoice's org's wall at $1 (the sweep's instant). */
const TODAY = orgTodaySql('$1', 'o.time_zone');

/**
 * Which open invoices of autopay clients are due a charge at `now` ($1; due dates as of today in the org's
 * time zone): past their due date (or issued,
 * when the client's billing send method is AUTO_CHARGE), not disputed, with no attempt yet or a
 * declined one whose retry time has come. A SUCCEEDED/PROCESSING attempt or an ended schedule stops it.
 * So does a refund on the invoice: a person gave money back (or the bank took it back in a chargeback),
 * and taking it again off-session is theirs to decide, not a sweep's (the client can still pay in the
 * portal, and the emailed reminders and pay link stand).
 */
export const DUE_SQL = `
  SELECT i.org_id, i.id, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, o.time_zone
    FROM invoices i
    JOIN autopay_settings a ON a.client_id = i.client_id AND a.org_id = i.org_id AND a.enabled
    JOIN stripe_connections sc ON sc.org_id = i.org_id
    JOIN organizations o ON o.id = i.org_id
    LEFT JOIN LATERAL (
      SELECT t.status, t.next_attempt_at FROM autopay_attempts t WHERE t.invoice_id = i.id ORDER BY t.attempt_no DESC LIMIT 1
    ) last ON true
   WHERE i.status IN ('SENT', 'PARTIALLY_PAID') AND i.balance_due > 0 AND NOT i.disputed
     AND (i.due_date <= ${TODAY} OR (i.issue_date <= ${TODAY} AND COALESCE(
           (SELECT b.send_method FROM billing_settings b WHERE b.client_id = i.client_id),
           (SELECT b.send_method FROM billing_settings b WHERE b.org_id = i.org_id AND b.client_id IS NULL)) = 'AUTO_CHARGE'))
     AND (last.status IS NULL OR (last.status = 'DECLINED' AND last.next_attempt_at <= $1))
     AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.kind = 'REFUND')
     AND (i.due_date, i.id) > ($2::date, $3::uuid)
   ORDER BY i.due_date, i.id
   LIMIT $4`;
