import {
  CreatedAtColumn,
  MinorUnitsColumn,
  CurrencyColumn,
  UuidColumn,
  TextColumn,
  DateColumn,
  BooleanColumn,
} from '../../platform/database/columns.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const PaymentSource = describedEnum(
  'PaymentSource',
  {
    MANUAL: 'Recorded by hand in Settle.',
    STRIPE: 'Paid online through Stripe.',
    QUICKBOOKS: 'Recorded in QuickBooks.',
  },
  'Where a payment was recorded from.',
);
export type PaymentSource = keyof typeof PaymentSource;
export const PaymentMethod = describedEnum(
  'PaymentMethod',
  {
    CHECK: 'A check.',
    ACH: 'A US bank transfer (ACH).',
    WIRE: 'A wire transfer.',
    CASH: 'Cash.',
    OTHER: 'Any other way.',
    CARD: 'A card.',
    BANK_DEBIT: 'A bank debit other than ACH (e.g. SEPA).',
  },
  'How money was paid.',
);
export type PaymentMethod = keyof typeof PaymentMethod;
/** Methods of money that changes hands outside any provider, so a person records (or refunds) it by hand. */
export const MANUAL_PAYMENT_METHODS: readonly PaymentMethod[] = ['CHECK', 'ACH', 'WIRE', 'CASH', 'OTHER'];
export const PaymentKind = describedEnum(
  'PaymentKind',
  {
    PAYMENT: 'Money received.',
    REFUND: 'Money returned (a negative amount).',
    ADJUSTMENT: 'A correction of an earlier payment (e.g. its amount changed in QuickBooks).',
  },
  'What a payment record is.',
);
export type PaymentKind = keyof typeof PaymentKind;

/** Money of one client in one currency, and who booked it when (the actor columns are not GraphQL fields). */
@ObjectType()
export abstract class ClientMoneyRecord extends ClientRecord {
  @Field(() => String, { description: 'ISO 4217 currency code.' }) @CurrencyColumn() currency: string;
  @TextColumn('actor_type') actorType: string;
  @TextColumn('actor_id', { nullable: true }) actorId: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

/** Money booked against one invoice of one client. */
@ObjectType()
abstract class InvoiceMoneyRecord extends ClientMoneyRecord {
  @Field(() => ID, { description: 'The invoice it is booked against.' }) @UuidColumn('invoice_id') invoiceId: string;
  @Field(() => MoneyScalar, {
    description:
      'The amount in minor units of `currency`: a payment received is positive, a refund negative; a credit memo what it credits.',
  })
  @MinorUnitsColumn()
  amount: number;
}

@GraphQLEntity('payments', 'Money received (positive) or refunded (negative) against one invoice, from any source.', {
  node: true,
})
export class Payment extends InvoiceMoneyRecord {
  @Field(() => PaymentKind, { description: 'A payment or a refund.' }) @TextColumn() kind: PaymentKind;
  @Field(() => PaymentSource, { description: 'Where it was recorded from: Stripe, QuickBooks or by hand.' })
  @TextColumn()
  source: PaymentSource;
  @Field(() => PaymentMethod, { description: 'How it was paid (card, ACH, check…).' })
  @TextColumn()
  method: PaymentMethod;
  @Field(() => String, { description: "The payer's or provider's reference (check number, transfer id…)." })
  @TextColumn()
  reference: string;
  @Field(() => String, { nullable: true, description: "The provider's id (Stripe charge/refund, QuickBooks Payment)." })
  @TextColumn('external_id', { nullable: true })
  externalId: string | null;
  @Field(() => DateScalar, { description: 'The date the money was received.' })
  @DateColumn('received_on')
  receivedOn: string;
  @Field(() => String, {
    nullable: true,
    description: "The card's brand as the provider names it (visa, mastercard…).",
  })
  @TextColumn('card_brand', { nullable: true })
  cardBrand: string | null;
  @Field(() => String, { nullable: true, description: "The card's last 4 digits (or the bank account's)." })
  @TextColumn('card_last4', { nullable: true })
  cardLast4: string | null;
  @Field(() => String, { nullable: true, description: "The provider's receipt page for this payment." })
  @TextColumn('receipt_url', { nullable: true })
  receiptUrl: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'For an ADJUSTMENT: the payment it corrects (changed or deleted where it was booked, e.g. QuickBooks).',
  })
  @UuidColumn('adjusts_payment_id', { nullable: true })
  adjustsPaymentId: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'For a REFUND: the payment it gives back (a card refund, a chargeback, a check handed back); null when it was not recorded (refunds booked before Settle kept it, on an invoice with several payments).',
  })
  @UuidColumn('refunds_payment_id', { nullable: true })
  refundsPaymentId: string | null;
  @Field(() => MoneyScalar, {
    description:
      "Of a payment past the invoice's balance (or on a void invoice): what was kept as the client's credit, no longer held on the invoice.",
  })
  @MinorUnitsColumn('kept_as_credit')
  keptAsCredit: number;
}

@GraphQLEntity('credit_memos', 'Credit given against an invoice: lowering what is due, or crediting money paid.', {
  node: true,
})
export class CreditMemo extends InvoiceMoneyRecord {
  @Field(() => String, { description: 'Why it was issued.' }) @TextColumn() reason: string;
  @Field(() => Boolean, {
    description:
      "True when its amount went to the client's credit balance (issued on a paid or void invoice with toClientCredit, or by a void that kept the money as credit).",
  })
  @BooleanColumn('to_client_credit')
  toClientCredit: boolean;
  /** Issued on a PAID or VOID invoice: it credits money already paid rather than lowering what is due. */
  @BooleanColumn('returns_paid')
  returnsPaid: boolean;
}
