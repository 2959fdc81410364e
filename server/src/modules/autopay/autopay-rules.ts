import type Stripe from 'stripe';

/** Days after a declined attempt before the next one: attempt 1 → +3, 2 → +5, 3 → +7, then the schedule ends. */
export const RETRY_DAYS = [3, 5, 7] as const;
const DAY_MS = 86_400_000;

/** When attempt `attemptNo` (1-based) that was declined at `at` is tried again; null: no more tries. */
export function nextAttemptAt(attemptNo: number, at: Date): Date | null {
  const days = RETRY_DAYS[attemptNo - 1];
  return days == null ? null : new Date(at.getTime() + days * DAY_MS);
}

/** Stripe's idempotency key of one attempt: a retried sweep (or a second worker) gets the same PaymentIntent. */
export const autopayKey = (invoiceId: string, attemptNo: number) => `settle-autopay-${invoiceId}-${attemptNo}`;

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
export function declineOf(err: unknown): { code: string; message: string; paymentIntent: string | null } | null {
  const e = err as {
    type?: string;
    code?: string;
    decline_code?: string;
    message?: string;
    raw?: { payment_intent?: { id?: string } };
    payment_intent?: { id?: string };
  };
  if (e?.type !== 'StripeCardError') return null;
  return {
    code: e.decline_code ?? e.code ?? 'card_declined',
    message: e.message ?? 'The payment was declined',
    paymentIntent: e.payment_intent?.id ?? e.raw?.payment_intent?.id ?? null,
  };
}

export const idOf = (v: string | { id: string } | null | undefined) =>
  v == null ? null : typeof v === 'string' ? v : v.id;
