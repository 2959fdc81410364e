import { describe, expect, it } from 'vitest';
import {
  checkKeyPair,
  checkLifetimeHours,
  checkPayAmount,
  roundToStripeStep,
  stripeRounding,
  stripeMinimumCharge,
  checkoutExpiresAt,
  checkWebhookSecret,
  isNewer,
  linkDeadline,
  paymentErrorText,
  payerPaymentErrorText,
  paymentMethodOfCharge,
  cardOfCharge,
} from './stripe-rules.js';

describe('stripe rules', () => {
  it('accepts matching key pairs and names the field of a bad one', () => {
    expect(checkKeyPair('sk_test_abcdef123', 'pk_test_abcdef123')).toBe('test');
    expect(checkKeyPair('rk_live_abcdef123', 'pk_live_abcdef123')).toBe('live');
    expect(() => checkKeyPair('pk_test_abcdef123', null)).toThrow(/secret key/);
    expect(() => checkKeyPair('sk_test_abcdef123', 'sk_test_abcdef123')).toThrow(/publishable/);
    expect(() => checkKeyPair('sk_test_abcdef123', 'pk_live_abcdef123')).toThrow(
      /live key but the secret key is a test key/,
    );
  });

  it('checks webhook secrets and lifetimes', () => {
    expect(checkWebhookSecret(' whsec_abcdefgh123 ')).toBe('whsec_abcdefgh123');
    expect(() => checkWebhookSecret('abc')).toThrow(/whsec_/);
    for (const h of [24, 48, 72, 168, 336, 720, 5]) expect(checkLifetimeHours(h)).toBe(h);
    for (const h of [0, 721, 1.5]) expect(() => checkLifetimeHours(h)).toThrow(/1 to 720/);
  });

  it('keeps Checkout expiry within Stripe bounds and the link deadline', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const s = now.getTime() / 1000;
    expect(checkoutExpiresAt(now, null)).toBe(s + 86400 - 60);
    expect(checkoutExpiresAt(now, linkDeadline(now, 2))).toBe(s + 7200);
    expect(checkoutExpiresAt(now, linkDeadline(now, 0))).toBe(s + 31 * 60);
    expect(checkoutExpiresAt(now, linkDeadline(now, 720))).toBe(s + 86400 - 60);
  });

  it("validates pay amounts, in money words, never under Stripe's minimum charge for the currency", () => {
    expect(checkPayAmount(undefined, 5000, false, 'USD')).toBe(5000);
    expect(checkPayAmount(50, 5000, true, 'USD')).toBe(50);
    expect(() => checkPayAmount(100, 5000, false, 'USD')).toThrow(/not allowed/);
    expect(() => checkPayAmount(5001, 5000, true, 'USD')).toThrow('between USD 0.50 and the balance due, USD 50.00');
    expect(() => checkPayAmount(49, 5000, true, 'USD')).toThrow(/between USD 0.50/);
    expect(() => checkPayAmount(0, 5000, true, 'XOF')).toThrow(/between XOF 1 and/);
    expect(checkPayAmount(1, 5000, true, 'XOF')).toBe(1); // no minimum known: Stripe's own refusal answers
    // A whole balance under the minimum cannot be paid online at all: said as such, not as a failure.
    expect(() => checkPayAmount(undefined, 29, false, 'GBP')).toThrow(/too small to pay online.*GBP 0.30/);
    expect(checkPayAmount(undefined, 30, false, 'GBP')).toBe(30);
    expect(() => checkPayAmount(undefined, 17499, false, 'HUF')).toThrow(/HUF 175.00/);
    expect(stripeMinimumCharge('JPY')).toBe(50);
    expect(stripeMinimumCharge('KWD')).toBeNull();
  });

  it('takes three-decimal currencies in steps of 10 minor units: the full balance rounded down, a part a multiple', () => {
    expect(checkPayAmount(undefined, 12345, false, 'KWD')).toBe(12340);
    expect(checkPayAmount(12345, 12345, true, 'KWD')).toBe(12340);
    expect(checkPayAmount(1010, 12345, true, 'BHD')).toBe(1010);
    expect(() => checkPayAmount(1005, 12345, true, 'KWD')).toThrow('enter KWD 1.000 or KWD 1.010');
    expect(() => checkPayAmount(undefined, 5, false, 'OMR')).toThrow(/too small to pay online/);
    expect(checkPayAmount(undefined, 12345, false, 'JPY')).toBe(12345);
    expect(stripeRounding('kwd')).toEqual({ below: 10, reason: 'Rounding: Stripe takes KWD in steps of 0.010' });
    expect(stripeRounding('USD')).toBeNull();
    // A hosted Stripe invoice's items: each a multiple of 10, adding up to the balance rounded down.
    const items = [
      { amount: 12345, description: 'Support' },
      { amount: 617, description: 'Tax' },
      { amount: -1005, description: 'Payments and credits received' },
    ];
    roundToStripeStep(items, 11957, 'KWD');
    expect(items.map((i) => i.amount)).toEqual([12340, 610, -1010, 10]);
    expect(items.reduce((s, i) => s + i.amount, 0)).toBe(11950);
  });

  it('orders events by created then id', () => {
    expect(isNewer({ created: 2, eventId: 'evt_a' }, { created: 1, eventId: 'evt_z' })).toBe(true);
    expect(isNewer({ created: 1, eventId: 'evt_z' }, { created: 2, eventId: 'evt_a' })).toBe(false);
    expect(isNewer({ created: 1, eventId: 'evt_b' }, { created: 1, eventId: 'evt_a' })).toBe(true);
    expect(isNewer({ created: 1, eventId: 'evt_a' }, { created: 1, eventId: 'evt_b' })).toBe(false);
    expect(isNewer({ created: 1, eventId: 'evt_a' }, null)).toBe(true);
  });

  it('explains payment errors', () => {
    expect(paymentErrorText({ message: 'Your card was declined.', decline_code: 'generic_decline' })).toBe(
      'Your card was declined. (generic_decline)',
    );
    expect(paymentErrorText(null)).toBe('The payment failed');
  });

  it("tells the payer Stripe's message without the decline code staff see", () => {
    const stolen = paymentErrorText({ message: 'Your card was declined.', decline_code: 'stolen_card' });
    expect(payerPaymentErrorText(stolen)).toBe('Your card was declined.');
    expect(payerPaymentErrorText('Your card has insufficient funds.')).toBe('Your card has insufficient funds.');
    expect(payerPaymentErrorText(null)).toBeNull();
  });
});

describe('paymentMethodOfCharge', () => {
  it('bank debits by the charge’s payment_method_details.type; cards and wallets are cards; no charge says nothing', () => {
    const charge = (type: string) =>
      ({ payment_method_details: { type } }) as Parameters<typeof paymentMethodOfCharge>[0];
    expect(paymentMethodOfCharge(charge('us_bank_account'))).toBe('BANK_DEBIT');
    expect(paymentMethodOfCharge(charge('sepa_debit'))).toBe('BANK_DEBIT');
    expect(paymentMethodOfCharge(charge('card'))).toBe('CARD');
    expect(paymentMethodOfCharge(charge('link'))).toBe('CARD');
    expect(paymentMethodOfCharge('ch_not_expanded')).toBeNull();
    expect(paymentMethodOfCharge(null)).toBeNull();
  });
});

describe('cardOfCharge', () => {
  it('a card’s brand and last 4, a bank account’s last 4, and the receipt; nothing without an expanded charge', () => {
    type Charge = Parameters<typeof cardOfCharge>[0];
    const card = {
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
      receipt_url: 'https://pay.example/receipts/ch_1',
    } as unknown as Charge;
    expect(cardOfCharge(card)).toEqual({
      brand: 'visa',
      last4: '4242',
      receiptUrl: 'https://pay.example/receipts/ch_1',
    });
    const bank = {
      payment_method_details: { type: 'us_bank_account', us_bank_account: { last4: '6789' } },
      receipt_url: null,
    } as unknown as Charge;
    expect(cardOfCharge(bank)).toEqual({ brand: null, last4: '6789', receiptUrl: null });
    expect(cardOfCharge('ch_not_expanded')).toBeNull();
    expect(cardOfCharge(null)).toBeNull();
  });
});
