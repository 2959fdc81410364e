import { Entity } from 'typeorm';
import {
  BooleanColumn,
  CreatedAtColumn,
  CurrencyColumn,
  IntegerColumn,
  MinorUnitsColumn,
  TextColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
} from '../../platform/database/columns.js';
import { OrgRecord, PerClientRow } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';

/** Whether a client's open invoices are charged to its default saved method when due. */
@Entity('autopay_settings')
export class AutopaySetting extends PerClientRow {
  @BooleanColumn() enabled: boolean;
  @UpdatedAtColumn() updatedAt: Date;
}

export const AutopayAttemptStatus = stringEnum('SUCCEEDED', 'PROCESSING', 'DECLINED');
export type AutopayAttemptStatus = keyof typeof AutopayAttemptStatus;

/**
 * One off-session charge of an invoice, written in the transaction that holds the invoice's row lock
 * while Stripe is asked (a crash before commit leaves no row; the next sweep first lists the customer's
 * PaymentIntents and records a charge Stripe made as the attempt it was, then charges what is still owed
 * under a key of (attempt, amount): the same PaymentIntent when nothing changed). SUCCEEDED: Stripe took the money
 * (booked in the same transaction from Stripe's answer; its event replays it); PROCESSING: a bank debit on its way;
 * DECLINED: the card or bank said no, `nextAttemptAt` is the retry (null: the schedule ended).
 */
@Entity('autopay_attempts')
export class AutopayAttempt extends OrgRecord {
  @UuidColumn('invoice_id') invoiceId: string;
  @IntegerColumn('attempt_no') attemptNo: number;
  @TextColumn() status: AutopayAttemptStatus;
  @MinorUnitsColumn() amount: number;
  @CurrencyColumn() currency: string;
  @TextColumn('payment_intent_id', { nullable: true }) paymentIntentId: string | null;
  /** The charged method as Stripe answered (brand: a card's; last 4: a card's or bank account's). */
  @TextColumn('method_brand', { nullable: true }) methodBrand: string | null;
  @TextColumn('method_last4', { nullable: true }) methodLast4: string | null;
  @TextColumn('decline_code', { nullable: true }) declineCode: string | null;
  @TextColumn({ nullable: true }) message: string | null;
  @TimestampColumn('next_attempt_at', { nullable: true }) nextAttemptAt: Date | null;
  @TimestampColumn('attempted_at') attemptedAt: Date;
  @CreatedAtColumn() createdAt: Date;
  @UpdatedAtColumn() updatedAt: Date;
}
