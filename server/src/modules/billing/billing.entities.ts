import { Entity } from 'typeorm';
import {
  BooleanColumn,
  DateColumn,
  IntegerColumn,
  TextColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
import {
  CreatedAtField,
  DateField,
  IntegerField,
  MinorUnitsField,
  TextField,
  UpdatedAtField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { ClientRecord, OrgOrClientSettingsRecord } from '../../platform/database/org-record.js';
import { describedEnum } from '../../graphql/described-enum.js';

/** Whether an automatic invoice waits for review or goes out at once. */
export const BillingReview = describedEnum('BillingReview', 'Whether automatic invoices wait for review.', {
  DRAFT: 'Generated invoices wait as drafts for someone to review and send them.',
  AUTO_SEND: 'Generated invoices are finalized and sent at once.',
});
export type BillingReview = keyof typeof BillingReview;

/** How an automatically sent invoice reaches the client. */
export const BillingSendMethod = describedEnum('BillingSendMethod', 'How automatic invoices are sent.', {
  EMAIL: "Settle emails the invoice with its PDF, and the org's pay link unless the client's emails go without one.",
  CHECKOUT_LINK:
    'Settle emails the invoice with its PDF and a Stripe Checkout link to pay it, even to a client whose emails otherwise carry no pay link (Stripe must be connected).',
  STRIPE_HOSTED_INVOICE: 'Also opens the Stripe hosted invoice, and Settle emails its link.',
  QUICKBOOKS_EMAIL: 'The invoice goes to QuickBooks and Settle emails it.',
  AUTO_CHARGE: "Charged to the client's saved payment method when autopay is on; emailed with a pay link otherwise.",
});
export type BillingSendMethod = keyof typeof BillingSendMethod;

/**
 * Billing settings of an org (client_id null) or one client's overrides of them (null fields: the
 * org's). `autoBillingSince` is the day automatic billing was turned on at this level (on a client row,
 * also the day it came on again by inheriting the org's): periods billed before it are left to whoever
 * billed them by hand.
 */
@Entity('billing_settings')
export class BillingSettingsRow extends OrgOrClientSettingsRecord {
  @BooleanColumn('auto_billing', { nullable: true }) autoBilling: boolean | null;
  @DateColumn('auto_billing_since', { nullable: true }) autoBillingSince: string | null;
  @IntegerColumn('invoice_grace_hours', { nullable: true }) invoiceGraceHours: number | null;
  @TextColumn({ nullable: true }) review: BillingReview | null;
  @TextColumn('send_method', { nullable: true }) sendMethod: BillingSendMethod | null;
}

export const BillingRunStatus = describedEnum(
  'BillingRunStatus',
  "How a client's automatic billing on one date ended.",
  {
    DRAFTED: 'An invoice was generated and waits as a draft for review.',
    SENT: 'An invoice was generated, finalized and sent.',
    EMPTY: 'Nothing was due: no recurring line and no approved time.',
    NEEDS_ATTENTION: 'An invoice was generated but could not be sent; the message says why.',
    FAILED: 'No invoice: the message says why; retried automatically.',
  },
);
export type BillingRunStatus = keyof typeof BillingRunStatus;

/** One client's billing on one billing date: exactly one row per client and date, whatever runs it. */
@GraphQLEntity('billing_runs', "One client's automatic billing on one billing date, and its outcome.", { node: true })
export class BillingRun extends ClientRecord {
  @DateField('bill_date', { description: 'The cycle boundary billed (a period ended the day before).' })
  billDate: string;
  @TextField({ type: () => BillingRunStatus, description: 'How it ended.' }) status: BillingRunStatus;
  @UuidField('invoice_id', {
    nullable: true,
    description: 'The invoice it made (null when nothing was due or it failed).',
  })
  invoiceId: string | null;
  @MinorUnitsField({
    nullable: true,
    description: "The total of the invoice made, in minor units of the client's currency (null without one).",
  })
  total: number | null;
  @TextField({
    nullable: true,
    description:
      'Why it failed, needs attention, or billed nothing although due (the client archived meanwhile, say); null otherwise.',
  })
  message: string | null;
  @IntegerField({
    description: 'How many times this billing was tried (a failed one is retried, less often each time).',
  })
  attempts: number;
  @TimestampColumn('next_attempt_at', { nullable: true }) nextAttemptAt: Date | null;
  @CreatedAtField() createdAt: Date;
  @UpdatedAtField() updatedAt: Date;
}
