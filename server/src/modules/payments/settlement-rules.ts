import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.js';
import { badInput } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment, PaymentKind } from './payment.entity.js';
import type { SettleInput } from './settlement.types.js';

// What settling one payment decides without the database: kept out of the service so the batch reads
// as its steps, and so a manual payment and a batched one are checked and shaped the same way.

/** A payment's identity at its provider, unique per org (the key replays are found by). */
export const paymentKey = (orgId: string, source: string, externalId: string) => `${orgId}|${source}|${externalId}`;

/** Refuses a payment the invoice cannot take (checked before anything is written or closed). */
export function validateSettlement(invoice: Invoice, input: SettleInput): void {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0)
    throw badInput('amount', 'The amount must be a non-zero whole number of minor units');
  if (input.currency && input.currency.toUpperCase() !== invoice.currency) {
    throw badInput(
      'currency',
      `Invoice ${invoice.number} is in ${invoice.currency}, not ${input.currency.toUpperCase()}`,
    );
  }
  if (invoice.status === InvoiceStatus.DRAFT)
    throw badInput('invoiceId', `Invoice ${invoice.number} is a draft; send it before recording payments`);
  if (invoice.status === InvoiceStatus.VOID && input.amount > 0 && !input.allowOverpayment)
    throw badInput('invoiceId', `Invoice ${invoice.number} is void`);
  if (input.amount > 0 && !input.allowOverpayment && input.amount > invoice.balanceDue) {
    throw badInput(
      'amount',
      `${formatMoney(input.amount, invoice.currency)} is more than the balance due of ${formatMoney(invoice.balanceDue, invoice.currency)}`,
    );
  }
  if (input.amount < 0 && -input.amount > invoice.amountPaid) {
    throw badInput('amount', `Cannot refund more than was paid (${formatMoney(invoice.amountPaid, invoice.currency)})`);
  }
}

/**
 * The payment row one settled item writes (its id made here, so the batch can insert them together);
 * `today` (the org's business date) is its received-on date unless the input names one.
 */
export function paymentRow(orgId: string, actor: Actor, invoice: Invoice, input: SettleInput, today: string): Payment {
  const kind = input.amount > 0 ? PaymentKind.PAYMENT : PaymentKind.REFUND;
  return Object.assign(new Payment(), {
    id: randomUUID(),
    orgId,
    invoiceId: invoice.id,
    clientId: invoice.clientId,
    kind,
    amount: input.amount,
    currency: invoice.currency,
    source: input.source,
    method: input.method,
    reference: input.reference ?? '',
    externalId: input.externalId ?? null,
    receivedOn: input.receivedOn ?? today,
    cardBrand: input.card?.brand ?? null,
    cardLast4: input.card?.last4 ?? null,
    receiptUrl: input.card?.receiptUrl ?? null,
    keptAsCredit: 0,
    refundsPaymentId: kind === PaymentKind.REFUND ? (input.refundsPaymentId ?? null) : null,
    actorType: actor.type,
    actorId: actor.id,
  });
}
