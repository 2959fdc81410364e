import { TextColumn } from '../../platform/database/columns.js';
import {
  CreatedAtField,
  CurrencyField,
  MinorUnitsField,
  TextField,
  TimestampField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { Field } from 'type-graphql';
import { PaymentSource } from '../payments/payment.entity.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const PaymentExceptionKind = describedEnum('PaymentExceptionKind', 'What went wrong with money that arrived.', {
  PAID_ON_VOID: 'A payment arrived for a void invoice; its whole amount is the excess.',
  OVERPAID: 'A payment arrived past the balance due; the part above the balance is the excess.',
});
export type PaymentExceptionKind = keyof typeof PaymentExceptionKind;
export const PaymentExceptionStatus = describedEnum('PaymentExceptionStatus', 'Where a payment exception stands.', {
  OPEN: 'Waiting for an admin: refund it or dismiss it with a reason.',
  REFUNDED: 'The excess was refunded (through the provider that took it, or recorded as a manual refund).',
  DISMISSED: 'An admin decided to keep the money; the reason says why.',
  KEPT_AS_CREDIT: 'The excess stays with the client as credit on its account, applied to later invoices.',
});
export type PaymentExceptionStatus = keyof typeof PaymentExceptionStatus;

/**
 * Money that arrived where it should not (a void invoice, past the balance): recorded as a payment like
 * any other, and raised here in the same transaction so an admin sees it and acts. One per payment.
 */
@GraphQLEntity(
  'payment_exceptions',
  'A payment that arrived where it should not: on a void invoice or past the balance due.',
  { node: true },
)
export class PaymentException extends OrgRecord {
  @UuidField('invoice_id', { description: 'The invoice the money came for.' }) invoiceId: string;
  @UuidField('payment_id', { description: 'The payment that brought the money.' }) paymentId: string;
  @TextField({ type: () => PaymentExceptionKind, description: 'What went wrong.' }) kind: PaymentExceptionKind;
  @MinorUnitsField({
    description:
      'The money not owed (minor units): the whole payment on a void invoice, the part above the balance otherwise.',
  })
  amount: number;
  @CurrencyField({ description: 'ISO 4217 currency code of the amount.' }) currency: string;
  @TextField({ type: () => PaymentSource, description: 'Who took the money; a refund goes back through it.' })
  source: PaymentSource;
  @TextField('provider_payment_id', {
    nullable: true,
    description: "The provider's id of the payment (Stripe PaymentIntent, QuickBooks Payment).",
  })
  providerPaymentId: string | null;
  @TextField({ type: () => PaymentExceptionStatus, description: 'Where it stands.' }) status: PaymentExceptionStatus;
  @TextField('resolution_note', {
    nullable: true,
    description: 'Why it was dismissed, or the note given with a manual refund.',
  })
  resolutionNote: string | null;
  @UuidField('refund_payment_id', { nullable: true, description: 'The refund (a negative payment) that resolved it.' })
  refundPaymentId: string | null;
  @TextColumn('resolved_by_type', { nullable: true }) resolvedByType: string | null;
  @TextColumn('resolved_by_id', { nullable: true }) resolvedById: string | null;
  @Field(() => String, { name: 'resolvedBy', nullable: true, description: 'Who refunded or dismissed it.' })
  @TextColumn('resolved_by_label', { nullable: true })
  resolvedByLabel: string | null;
  @TimestampField('resolved_at', {
    nullable: true,
    description: 'When it was refunded, kept or dismissed (null while open).',
  })
  resolvedAt: Date | null;
  @CreatedAtField() createdAt: Date;
}
