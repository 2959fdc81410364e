import type Stripe from 'stripe';
import { createHash } from 'node:crypto';
import { currencyExponent } from '@settle/money';
import { AppError, badInput, conflict } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { PaymentMethod } from '../payments/payment.entity.js';
import type { PaymentCard } from '../payments/settlement.types.js';
import { MAX_LINK_LIFETIME_HOURS } from './stripe.types.js';

/** Pure rules of the Stripe integration (no I/O), unit-tested in stripe-rules.test.ts. */

export type KeyMode = 'test' | 'live';

/** Checks the key pair's prefixes and that both are the same mode; returns the mode. */
export function checkKeyPair(secretKey: string, publishableKey: string | null | undefined): KeyMode {
  const sk = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{6,}$/.exec(secretKey.trim());
  if (!sk) throw badInput('secretKey', 'The secret key must start with sk_test_, sk_live_, rk_test_ or rk_live_');
  const mode = sk[2] as KeyMode;
  if (publishableKey != null && publishableKey !== '') {
    const pk = /^pk_(test|live)_[A-Za-z0-9_]{6,}$/.exec(publishableKey.trim());
    if (!pk) throw badInput('publishableKey', 'The publishable key must start with pk_test_ or pk_live_');
    if (pk[1] !== mode)
      throw badInput('publishableKey', `The publishable key is a ${pk[1]} key but the secret key is a ${mode} key`);
  }
  return mode;
}

export function checkWebhookSecret(secret: string): string {
  const s = secret.trim();
  if (!/^whsec_[A-Za-z0-9+/=_-]{8,}$/.test(s)) throw badInput('secret', 'A webhook signing secret starts with whsec_');
  return s;
}

export function checkLifetimeHours(hours: number): number {
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LINK_LIFETIME_HOURS) {
    throw badInput(
      'linkLifetimeHours',
      `The link lifetime must be a whole number of hours from 1 to ${MAX_LINK_LIFETIME_HOURS}`,
    );
  }
  return hours;
}

/** The moment a pay link (from the invoice being sent) stops working. */
export function linkDeadline(sentAt: Date, lifetimeHours: number): Date {
  return new Date(sentAt.getTime() + lifetimeHours * 3_600_000);
}

/**
 * Checkout's expires_at: Stripe allows 30 min to 24 h after creation. Stay inside that window and never
 * outlive the pay link's own deadline by more than the 30-minute minimum.
 */
export function checkoutExpiresAt(now: Date, deadline: Date | null): number {
  const nowS = Math.floor(now.getTime() / 1000);
  const max = nowS + 24 * 3600 - 60;
  const min = nowS + 31 * 60;
  const wanted = deadline ? Math.floor(deadline.getTime() / 1000) : max;
  return Math.max(min, Math.min(max, wanted));
}

/**
 * Stripe's smallest charge per currency, as its docs list it (docs.stripe.com/currencies, "Minimum and
 * maximum charge amounts"). Another currency is held to the equivalent of the account's settlement
 * currency minimum, which Settle cannot know: Stripe's refusal (amount_too_small) is answered instead.
 */
const STRIPE_MINIMUMS =
  'USD 0.50 AED 2.00 AUD 0.50 BGN 1.00 BRL 0.50 CAD 0.50 CHF 0.50 CZK 15.00 DKK 2.50 EUR 0.50 GBP 0.30 ' +
  'HKD 4.00 HUF 175.00 INR 0.50 JPY 50 MXN 10.00 MYR 2.00 NOK 3.00 NZD 0.50 PLN 2.00 RON 2.00 SEK 3.00 ' +
  'SGD 0.50 THB 10.00';
const MINIMUM_CHARGE = new Map(
  STRIPE_MINIMUMS.match(/[A-Z]{3} [\d.]+/g)!.map((pair) => {
    const [code, major] = pair.split(' ') as [string, string];
    return [code, Math.round(Number(major) * 10 ** currencyExponent(code))];
  }),
);

/** The least Stripe charges in `currency`, in minor units (null: not known to Settle). */
export const stripeMinimumCharge = (currency: string): number | null => MINIMUM_CHARGE.get(currency) ?? null;

/** Why a balance cannot be paid online: Stripe takes no charge that small; `contact`: whom to ask (contactOf). */
export const belowStripeMinimum = (detail: string, contact: string): AppError =>
  conflict(
    `This amount is too small to pay online (${detail}). Please pay it another way, such as by check or bank transfer, or contact ${contact}.`,
  );

/**
 * Stripe's three-decimal currencies (BHD, JOD, KWD, OMR, TND): it refuses any amount whose last digit is
 * not 0 ("Your integration must round amounts to the nearest ten", docs.stripe.com/currencies).
 */
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** The step, in minor units, in which Stripe takes amounts in `currency` (10 for three-decimal ones). */
export const stripeAmountStep = (currency: string): number => (THREE_DECIMAL.has(currency.toUpperCase()) ? 10 : 1);

/** The most of `amount` Stripe can charge in `currency`: rounded down to its step. */
export const stripeChargeable = (amount: number, currency: string): number =>
  amount - (amount % stripeAmountStep(currency));

/**
 * A hosted Stripe invoice's items in a stepped currency: each rounded down to the step and one more item
 * bringing them to the balance rounded down (settlement credits what is left once it is paid). In place.
 */
export function roundToStripeStep(
  items: Array<{ amount: number; description: string }>,
  balance: number,
  currency: string,
) {
  const step = stripeAmountStep(currency);
  if (step === 1) return;
  for (const item of items) item.amount = Math.floor(item.amount / step) * step;
  const off = stripeChargeable(balance, currency) - items.reduce((s, i) => s + i.amount, 0);
  if (off) items.push({ amount: off, description: `Rounding to Stripe's ${currency.toUpperCase()} steps` });
}

/**
 * What a Stripe payment in a stepped currency leaves unpaid because of the step alone (a full balance
 * paid rounded down), closed by a credit memo with this reason. Null for other currencies.
 */
export function stripeRounding(currency: string): { below: number; reason: string } | null {
  const step = stripeAmountStep(currency);
  if (step === 1) return null;
  const code = currency.toUpperCase();
  const exp = currencyExponent(code);
  return { below: step, reason: `Rounding: Stripe takes ${code} in steps of ${(step / 10 ** exp).toFixed(exp)}` };
}

/**
 * What a payer pays: the balance, or a part of it when partial payments are allowed for the client,
 * never less than Stripe's minimum charge in the currency (nor than 1 minor unit). In a three-decimal
 * currency the full balance is charged rounded down to Stripe's step (settlement credits the rest) and a
 * part must be a multiple of it.
 */
export function checkPayAmount(
  amount: number | null | undefined,
  balance: number,
  partialAllowed: boolean,
  currency: string,
  /** Whom the payer is told to contact when the balance cannot be paid online (contactOf). */
  contact = 'us',
): number {
  const least = stripeMinimumCharge(currency);
  if (least !== null && balance < least)
    throw belowStripeMinimum(`Stripe takes at least ${formatMoney(least, currency)}`, contact);
  const step = stripeAmountStep(currency);
  const full = stripeChargeable(balance, currency);
  if (full <= 0)
    throw belowStripeMinimum(
      `Stripe takes ${currency.toUpperCase()} in steps of ${formatMoney(step, currency)}`,
      contact,
    );
  if (amount == null || amount === balance) return full;
  const floor = least ?? step;
  if (!Number.isSafeInteger(amount) || amount < floor || amount > balance)
    throw badInput(
      'amount',
      `The amount must be between ${formatMoney(floor, currency)} and the balance due, ${formatMoney(balance, currency)}`,
    );
  if (!partialAllowed)
    throw badInput('amount', 'Partial payments are not allowed for this invoice; pay the full balance');
  checkStripeStep(amount, currency);
  return amount;
}

/** Refuses, on `field`, an amount Stripe would refuse for its currency's step (a part paid, a refund). */
export function checkStripeStep(amount: number, currency: string, field = 'amount'): void {
  const step = stripeAmountStep(currency);
  const down = amount - (amount % step);
  if (down !== amount)
    throw badInput(
      field,
      `Stripe takes ${currency.toUpperCase()} in steps of ${formatMoney(step, currency)}: enter ${formatMoney(down, currency)} or ${formatMoney(down + step, currency)}`,
    );
}

/**
 * Total order of events on one object: `created` first, then the event id. Stripe ids are not time
 * ordered, but a fixed tie-break makes every replica of Settle agree on which same-second event wins.
 */
export function isNewer(
  a: { created: number; eventId: string },
  b: { created: number; eventId: string } | null | undefined,
): boolean {
  if (!b) return true;
  if (a.created !== b.created) return a.created > b.created;
  return a.eventId > b.eventId;
}

/** Stripe's idempotency keys, deterministic per Settle object so a retried job never creates twice. */
export const idem = {
  /**
   * A client's customer. Its name and email are in the key: Stripe refuses a key sent again with other
   * parameters (for 24 h), so a client edited after a creation whose answer was lost gets a customer again.
   */
  customer: (clientId: string, name: string, email: string) =>
    `settle-customer-${clientId}-${createHash('sha256').update(`${name}\n${email}`).digest('hex').slice(0, 16)}`,
  /**
   * A hosted Stripe invoice for `amount`, and its items. `issue` tells one issue from another for the same
   * amount (a reissue names the Stripe invoice it replaces, so a balance back at an amount asked for before
   * makes a new one instead of getting the old, void one back); a retry of one issue sends the same keys.
   */
  invoice: (invoiceId: string, amount: number, issue?: string | null) =>
    `settle-invoice-${invoiceId}-${amount}${issue ? `-${issue}` : ''}`,
  item: (invoiceId: string, amount: number, n: number, issue?: string | null) =>
    `settle-invoice-item-${invoiceId}-${amount}-${n}${issue ? `-${issue}` : ''}`,
  finalize: (stripeInvoiceId: string) => `settle-finalize-${stripeInvoiceId}`,
  send: (stripeInvoiceId: string) => `settle-send-${stripeInvoiceId}`,
  void: (stripeInvoiceId: string) => `settle-void-${stripeInvoiceId}`,
  paidElsewhere: (stripeInvoiceId: string) => `settle-paid-out-of-band-${stripeInvoiceId}`,
  session: (invoiceId: string, amount: number, balance: number, partial: boolean, seq: number) =>
    `settle-checkout-${invoiceId}-${amount}-${balance}-${partial ? 'p' : 'f'}-${seq}`,
  sessionPrice: (invoiceId: string, balance: number, seq: number) =>
    `settle-checkout-price-${invoiceId}-${balance}-${seq}`,
  product: (serviceId: string) => `settle-product-${serviceId}`,
  price: (serviceId: string, currency: string, amount: number) => `settle-price-${serviceId}-${currency}-${amount}`,
  webhook: (orgId: string, token: string) => `settle-webhook-${orgId}-${token.slice(-12)}`,
};

/** A one-line, human explanation of a failed Stripe payment for the portal. */
export function paymentErrorText(
  err: { message?: string | null; decline_code?: string | null; code?: string | null } | null | undefined,
  fallback = 'The payment failed',
): string {
  if (!err) return fallback;
  const msg = err.message?.trim() || fallback;
  const code = err.decline_code ?? err.code;
  return code && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/**
 * paymentErrorText as the payer reads it: without Stripe's decline code. The code is for staff; Stripe asks
 * that a payer never learn their card was declined as lost, stolen or fraudulent, and a code such as
 * `generic_decline` tells them nothing more than the message.
 */
export const payerPaymentErrorText = (text: string | null): string | null =>
  text?.replace(/ \([a-z0-9_]+\)$/, '') ?? null;

/** Stripe currencies are lower-case ISO codes; Settle stores upper-case. */
export const toStripeCurrency = (c: string) => c.toLowerCase();

/** Stripe's bank debits (ACH and its kin): money pulled from a bank account, not a card. */
const BANK_DEBITS = ['us_bank_account', 'ach_debit', 'acss_debit', 'sepa_debit', 'bacs_debit', 'au_becs_debit'];

/**
 * How a charge was paid, in Settle's words: a bank debit by its `payment_method_details.type`, anything
 * else (cards, wallets) a card payment. Null without a charge to tell.
 */
export function paymentMethodOfCharge(
  charge: Pick<Stripe.Charge, 'payment_method_details'> | string | null | undefined,
): PaymentMethod | null {
  if (!charge || typeof charge === 'string' || !charge.payment_method_details) return null;
  return BANK_DEBITS.includes(charge.payment_method_details.type) ? PaymentMethod.BANK_DEBIT : PaymentMethod.CARD;
}

/**
 * What a client recognises a charge by: the card's brand and last 4 digits (a bank debit's last 4) and
 * Stripe's receipt page. Null without an expanded charge.
 */
export function cardOfCharge(
  charge: Pick<Stripe.Charge, 'payment_method_details' | 'receipt_url'> | string | null | undefined,
): PaymentCard | null {
  if (!charge || typeof charge === 'string') return null;
  const d = charge.payment_method_details;
  const card = d?.card;
  const bank = d?.us_bank_account;
  return {
    brand: card?.brand ?? null,
    last4: card?.last4 ?? bank?.last4 ?? null,
    receiptUrl: charge.receipt_url ?? null,
  };
}
