import type { Actor } from '../runtime.js';
import type { WPaymentMethod } from '../core/wire-types.js';
import { newId, nowSeconds, stableHash } from '../core/ids.js';
import { invalidRequest, resourceMissing } from '../core/errors.js';

/** What happens when this payment method is charged. */
export type Outcome =
  /**
   * `auth`: 3-D Secure asked for on every payment (`always`) or only when not set up for later use.
   * `refund`: what a refund of the payment does later (refund-outcomes.ts): `pending` starts pending and
   * succeeds (4000000000007726), `fail` starts succeeded and fails (4000000000005126).
   */
  | { kind: 'succeed'; auth?: 'always' | 'unless_setup'; refund?: 'pending' | 'fail' }
  /** `attachOk`: saving the card works (attach, SetupIntent) and only charges decline (4000000000000341). */
  | { kind: 'decline'; code: string; declineCode: string; message: string; attachOk?: boolean }
  | { kind: 'async'; settle: 'succeeded' | 'failed' };

export type PaymentMethodInput =
  | { kind: 'id'; id: string }
  | { kind: 'card'; number: string; expMonth?: number; expYear?: number; name?: string; email?: string }
  | { kind: 'us_bank_account'; accountNumber: string; routingNumber?: string; name?: string; email?: string };

const DECLINE = 'Your card was declined.';

/**
 * Stripe's documented test cards (docs.stripe.com/testing). Anything else that passes Luhn
 * succeeds, like in test mode.
 */
const CARD_OUTCOMES: Record<string, Outcome> = {
  '4000000000000002': { kind: 'decline', code: 'card_declined', declineCode: 'generic_decline', message: DECLINE },
  '4000000000009995': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000009987': { kind: 'decline', code: 'card_declined', declineCode: 'lost_card', message: DECLINE },
  '4000000000000069': {
    kind: 'decline',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  '4000000000000127': {
    kind: 'decline',
    code: 'incorrect_cvc',
    declineCode: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
  },
  '4000000000000341': {
    kind: 'decline',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINE,
    attachOk: true,
  },
  '4000002760003184': { kind: 'succeed', auth: 'always' },
  '4000002500003155': { kind: 'succeed', auth: 'unless_setup' },
  '4000000000003220': { kind: 'succeed', auth: 'always' },
  '4000000000007726': { kind: 'succeed', refund: 'pending' },
  '4000000000005126': { kind: 'succeed', refund: 'fail' },
  '4000000000000119': {
    kind: 'decline',
    code: 'processing_error',
    declineCode: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
  },
};

/** `pm_card_*` shortcuts Stripe accepts anywhere a PaymentMethod id goes in test mode. */
const TEST_PM: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_visa_debit: '4000056655665556',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredOnSetup: '4000002500003155',
  pm_card_threeDSecure2Required: '4000000000003220',
  pm_card_discover: '6011111111111117',
  pm_card_pendingRefund: '4000000000007726',
  pm_card_refundFail: '4000000000005126',
};

/** `tok_visa`, `tok_chargeCustomerFail`…: the card token of each `pm_card_*` (PaymentMethod create `card[token]`). */
export function cardNumberOfToken(token: string): string | undefined {
  return token.startsWith('tok_') ? TEST_PM[`pm_card_${token.slice(4)}`] : undefined;
}

export const isTestPaymentMethodId = (id: string) => id in TEST_PM || id === 'pm_usBankAccount';

/** The remembered test outcome of a stored PaymentMethod. */
export function outcomeOf(actor: Actor, pmId: string): Outcome {
  return JSON.parse(actor.acct.pmOutcomes?.[pmId] ?? '{"kind":"succeed"}') as Outcome;
}

/** Stripe's test bank accounts: 000123456789 settles, 000111111113 fails (account closed). */
const BANK_FAIL = new Set(['000111111113', '000111111116', '000222222227']);

export function luhnOk(num: string): boolean {
  let sum = 0;
  for (let i = 0; i < num.length; i++) {
    let d = Number(num[num.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return num.length >= 12 && sum % 10 === 0;
}

function brandOf(num: string): string {
  if (num.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(num) || /^2[2-7]/.test(num)) return 'mastercard';
  if (/^3[47]/.test(num)) return 'amex';
  if (/^6(011|5)/.test(num)) return 'discover';
  return 'unknown';
}

export interface ResolvedPaymentMethod {
  pm: WPaymentMethod;
  outcome: Outcome;
}

/** A payment method given at confirmation belongs to no customer until it is saved (`setup_future_usage`). */
export function resolvePaymentMethod(actor: Actor, input: PaymentMethodInput): ResolvedPaymentMethod {
  if (input.kind === 'id') {
    const testNumber = TEST_PM[input.id];
    if (testNumber) return resolvePaymentMethod(actor, { kind: 'card', number: testNumber });
    if (input.id === 'pm_usBankAccount')
      return resolvePaymentMethod(actor, { kind: 'us_bank_account', accountNumber: '000123456789' });
    const pm = actor.acct.collections.payment_methods[input.id];
    if (!pm) throw resourceMissing('PaymentMethod', input.id, 'payment_method', 400);
    // The outcome is remembered per PaymentMethod so a stored pm behaves the same when reused.
    return { pm, outcome: outcomeOf(actor, pm.id) };
  }
  const base = {
    id: newId('pm'),
    object: 'payment_method' as const,
    allow_redisplay: 'unspecified' as const,
    billing_details: { address: null, email: input.email ?? null, name: input.name ?? null, phone: null, tax_id: null },
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: !!actor.acct.livemode,
  };
  let pm: WPaymentMethod;
  let outcome: Outcome;
  if (input.kind === 'card') {
    const number = input.number.replace(/[\s-]/g, '');
    if (!/^\d+$/.test(number) || !luhnOk(number)) {
      throw invalidRequest('Your card number is incorrect.', 'number', 'incorrect_number');
    }
    outcome = CARD_OUTCOMES[number] ?? { kind: 'succeed' };
    const brand = brandOf(number);
    pm = {
      ...base,
      type: 'card',
      metadata: {},
      card: {
        brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        country: 'US',
        display_brand: brand,
        exp_month: input.expMonth ?? 12,
        exp_year: input.expYear ?? new Date().getUTCFullYear() + 3,
        fingerprint: stableHash(number, 16),
        funding: 'credit',
        generated_from: null,
        last4: number.slice(-4),
        networks: { available: [brand], preferred: null },
        regulated_status: 'unregulated',
        three_d_secure_usage: { supported: true },
        wallet: null,
      } as WPaymentMethod['card'],
    };
  } else {
    const acctNo = input.accountNumber.replace(/\s/g, '');
    if (!/^\d{4,17}$/.test(acctNo)) throw invalidRequest('Invalid account number.', 'us_bank_account[account_number]');
    const routing = (input.routingNumber ?? '110000000').replace(/\s/g, '');
    if (!/^\d{9}$/.test(routing)) throw invalidRequest('Invalid routing number.', 'us_bank_account[routing_number]');
    outcome = { kind: 'async', settle: BANK_FAIL.has(acctNo) ? 'failed' : 'succeeded' };
    pm = {
      ...base,
      type: 'us_bank_account',
      metadata: {},
      us_bank_account: {
        account_holder_type: 'individual',
        account_type: 'checking',
        bank_name: 'STRIPE TEST BANK',
        financial_connections_account: null,
        fingerprint: stableHash(acctNo, 16),
        last4: acctNo.slice(-4),
        networks: { preferred: 'ach', supported: ['ach'] },
        routing_number: routing,
        status_details: {},
      } as WPaymentMethod['us_bank_account'],
    };
  }
  actor.acct.collections.payment_methods[pm.id] = pm;
  actor.acct.pmOutcomes = { ...(actor.acct.pmOutcomes ?? {}), [pm.id]: JSON.stringify(outcome) };
  return { pm, outcome };
}
