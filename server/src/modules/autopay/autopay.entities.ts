import { Entity } from 'typeorm';
import { ObjectType } from 'type-graphql';
import { describedEnum } from '../../graphql/described-enum.js';
import { TextField, TimestampField } from '../../platform/database/graphql-columns.js';
import {
  BooleanColumn,
  CreatedAtColumn,
  CurrencyColumn,
  IntegerColumn,
  MinorUnitsColumn,
  TextColumn,
  OrgIdColumn,
  TimestampColumn,
  UpdatedAtColumn,
  UuidColumn,
  UuidPrimaryColumn,
} from '../../platform/database/columns.js';
import { OrgRecord, PerClientRow } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';
import type { AutopaySkip } from './autopay-skips.js';

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

/**
 * Why the autopay sweep did not charge a due invoice, in a finance admin's words: every guard of the
 * charger (autopay-skips.ts) but INVOICE_NOT_FOUND, which has no invoice to show it on.
 */
export const AutopayHoldReason = describedEnum(
  'AutopayHoldReason',
  'Why autopay did not charge a due invoice the last time it looked at it.',
  {
    STRIPE_EVENT_PENDING:
      'Stripe has told Settle about a payment of this invoice that is still being recorded; autopay waits for it and looks again.',
    NO_DEFAULT_METHOD: 'The client has no default card or bank account on file.',
    NOT_OPEN: 'The invoice is no longer open for payment (paid, void or a draft).',
    DISPUTED: 'A payment of this invoice is disputed; a disputed invoice is never charged automatically.',
    NOT_DUE: 'The invoice is not due yet.',
    REFUNDED:
      'Money on this invoice was refunded or taken back in a chargeback; autopay leaves charging it again to you.',
    PAYMENT_CORRECTED:
      'A payment of this invoice was voided or lowered after it was recorded (by mistake, or a check voided in QuickBooks); the client may have paid already, so autopay leaves collecting it to you.',
    AUTOPAY_OFF: "The client's autopay is off.",
    LAST_ATTEMPT_SUCCEEDED: 'The last automatic charge took the money; it is being recorded.',
    LAST_ATTEMPT_PROCESSING: 'A bank debit of this invoice is on its way; autopay waits for it to settle.',
    RETRY_NOT_DUE: 'The last charge was declined; autopay tries again on the next retry date.',
    RETRIES_ENDED: 'The card or bank declined every retry; the client was emailed a link to pay.',
    PAID_ELSEWHERE: 'The client seems to have paid in QuickBooks; Settle has not recorded that payment yet.',
    HOSTED_INVOICE_PAID: "The client paid on Stripe's invoice page; the payment is on its way to Settle.",
    HOSTED_DEBIT_PROCESSING: "The client is paying on Stripe's invoice page by bank debit, which is still processing.",
    PAYMENT_IN_FLIGHT:
      'Stripe holds a payment of this invoice that Settle has not recorded yet (a card payment in the portal, say).',
  } satisfies Record<Exclude<AutopaySkip, 'INVOICE_NOT_FOUND'>, string>,
);
export type AutopayHoldReason = keyof typeof AutopayHoldReason;

/**
 * The latest reason the autopay sweep did not charge a due invoice, one row per invoice (written where
 * the charger logs its decision, deleted when a charge is made). `since` is when the sweep first met
 * this reason in a row; `checkedAt` when it last asked.
 */
@ObjectType({ description: 'Why autopay did not charge this due invoice, as of its last look (billing staff only).' })
@Entity('autopay_holds')
export class AutopayHold {
  @UuidPrimaryColumn('invoice_id') invoiceId: string;
  @OrgIdColumn() orgId: string;
  @TextField({ type: () => AutopayHoldReason, description: 'Why nothing was charged.' }) reason: AutopayHoldReason;
  @TimestampField({ description: 'When autopay first found this reason (the reason unchanged since).' }) since: Date;
  @TimestampField('checked_at', { description: 'When autopay last looked at the invoice.' }) checkedAt: Date;
}
