import { TextColumn, BooleanColumn } from '../../platform/database/columns.js';
import {
  BooleanField,
  CreatedAtField,
  CurrencyField,
  DateField,
  MinorUnitsField,
  TextField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { ObjectType } from 'type-graphql';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const PaymentSource = describedEnum('PaymentSource', 'Where a payment was recorded from.', {
  MANUAL: 'Recorded by hand in Settle.',
  STRIPE: 'Paid online through Stripe.',
  QUICKBOOKS: 'Recorded in QuickBooks.',
});
export type PaymentSource = keyof typeof PaymentSource;
export const PaymentMethod = describedEnum('PaymentMethod', 'How money was paid.', {
  CHECK: 'A check.',
  ACH: 'A US bank transfer (ACH).',
  WIRE: 'A wire transfer.',
  CASH: 'Cash.',
  OTHER: 'Any other way.',
  CARD: 'A card.',
  BANK_DEBIT: 'A bank debit other than ACH (e.g. SEPA).',
});
export type PaymentMethod = keyof typeof PaymentMethod;
/** Methods of money that changes hands outside any provider, so a person records (or refunds) it by hand. */
export const MANUAL_PAYMENT_METHODS: readonly PaymentMethod[] = ['CHECK', 'ACH', 'WIRE', 'CASH', 'OTHER'];
export const PaymentKind = describedEnum('PaymentKind', 'What a payment record is.', {
  PAYMENT: 'Money received.',
  REFUND: 'Money returned (a negative amount).',
  ADJUSTMENT: 'A correction of an earlier payment (e.g. its amount changed in QuickBooks).',
});
export type PaymentKind = keyof typeof PaymentKind;

/** Money of one client in one currency, and who booked it when (the actor columns are not GraphQL fields). */
@ObjectType()
export abstract class ClientMoneyRecord extends ClientRecord {
  @CurrencyField({ description: 'ISO 4217 currency code.' }) currency: string;
  @TextColumn('actor_type') actorType: string;
  @TextColumn('actor_id', { nullable: true }) actorId: string | null;
  @CreatedAtField() createdAt: Date;
}

/** Money booked against one invoice of one client. */
@ObjectType()
abstract class InvoiceMoneyRecord extends ClientMoneyRecord {
  @UuidField('invoice_id', { description: 'The invoice it is booked against.' }) invoiceId: string;
  @MinorUnitsField({
    description:
      'The amount in minor units of `currency`: a payment received is positive, a refund negative; a credit memo what it credits.',
  })
  amount: number;
}

@GraphQLEntity('payments', 'Money received (positive) or refunded (negative) against one invoice, from any source.', {
  node: true,
})
export class Payment extends InvoiceMoneyRecord {
  @TextField({ type: () => PaymentKind, description: 'A payment or a refund.' }) kind: PaymentKind;
  @TextField({ type: () => PaymentSource, description: 'Where it was recorded from: Stripe, QuickBooks or by hand.' })
  source: PaymentSource;
  @TextField({ type: () => PaymentMethod, description: 'How it was paid (card, ACH, check…).' }) method: PaymentMethod;
  @TextField({
    description:
      "The payer's or provider's reference (check number, transfer id…); a refund's reason. On a correction or void (ADJUSTMENT), why staff made it, which is internal: portal users read 'Payment voided' or 'Payment corrected' there.",
  })
  reference: string;
  @TextField('external_id', {
    nullable: true,
    description: "The provider's id (Stripe charge/refund, QuickBooks Payment).",
  })
  externalId: string | null;
  @DateField('received_on', { description: 'The date the money was received.' }) receivedOn: string;
  @TextField('card_brand', {
    nullable: true,
    description: "The card's brand as the provider names it (visa, mastercard…).",
  })
  cardBrand: string | null;
  @TextField('card_last4', { nullable: true, description: "The card's last 4 digits (or the bank account's)." })
  cardLast4: string | null;
  @TextField('receipt_url', { nullable: true, description: "The provider's receipt page for this payment." })
  receiptUrl: string | null;
  @UuidField('adjusts_payment_id', {
    nullable: true,
    description:
      'For an ADJUSTMENT: the payment it corrects (changed or deleted where it was booked, e.g. QuickBooks).',
  })
  adjustsPaymentId: string | null;
  @UuidField('refunds_payment_id', {
    nullable: true,
    description:
      'For a REFUND: the payment it gives back (a card refund, a chargeback, a check handed back); null when it was not recorded (refunds booked before Settle kept it, on an invoice with several payments).',
  })
  refundsPaymentId: string | null;
  @MinorUnitsField('kept_as_credit', {
    description:
      "Of a payment past the invoice's balance (or on a void invoice): what was kept as the client's credit, no longer held on the invoice.",
  })
  keptAsCredit: number;
}

@GraphQLEntity('credit_memos', 'Credit given against an invoice: lowering what is due, or crediting money paid.', {
  node: true,
})
export class CreditMemo extends InvoiceMoneyRecord {
  @TextField({ description: 'Why it was issued.' }) reason: string;
  @BooleanField('to_client_credit', {
    description:
      "True when its amount went to the client's credit balance (issued on a paid or void invoice with toClientCredit, or by a void that kept the money as credit).",
  })
  toClientCredit: boolean;
  /** Issued on a PAID or VOID invoice: it credits money already paid rather than lowering what is due. */
  @BooleanColumn('returns_paid')
  returnsPaid: boolean;
}
