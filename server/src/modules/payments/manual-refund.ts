import { createHash, randomUUID } from 'node:crypto';
import { MANUAL_PAYMENT_METHODS, type Payment, PaymentMethod, PaymentSource } from './payment.entity.js';
import type { SettleInput } from './settlement.types.js';
import { clipChars } from '../../platform/text-length.js';

/**
 * Money of `payment` that went back outside any provider (a check mailed back, a wire returned, a check
 * that bounced), as the settlement path records it: a negative MANUAL payment naming the payment, so the
 * invoice owes it again and it is never given back twice. `externalId` makes a replay harmless.
 */
export function handedBackInput(payment: Payment, amount: number, externalId: string, reference: string): SettleInput {
  return {
    invoiceId: payment.invoiceId,
    amount: -amount,
    currency: payment.currency,
    source: PaymentSource.MANUAL,
    method: MANUAL_PAYMENT_METHODS.includes(payment.method) ? payment.method : PaymentMethod.OTHER,
    externalId,
    refundsPaymentId: payment.id,
    reference: clipChars(reference, 200),
  };
}

/**
 * A staff refund of a payment recorded by hand. The caller's Idempotency-Key names it, so the same request
 * sent again finds the refund it recorded; without a key each request is a refund of its own (bounded, like
 * every refund, by what is left of the payment).
 */
export function manualRefundInput(payment: Payment, ask: { amount: number; reason: string; key?: string | null }) {
  const named = ask.key ? createHash('sha256').update(ask.key).digest('hex').slice(0, 16) : randomUUID();
  return handedBackInput(payment, ask.amount, `manual-refund:${payment.id}:${named}`, `Refund: ${ask.reason}`);
}
