import {
  CreatedAtColumn,
  UpdatedAtColumn,
  MinorUnitsColumn,
  CurrencyColumn,
  TextColumn,
  BooleanColumn,
  TimestampColumn,
  DateColumn,
} from '../../platform/database/columns.js';
import { Field } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { InvoiceStatus } from './invoice-status.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('invoices', 'A bill to one client in one currency. Lines are immutable once SENT.', { node: true })
export class Invoice extends ClientRecord {
  @Field(() => String, {
    description: 'Its number, unique in the org (prefix and sequence, e.g. INV-0042); drafts carry one too.',
  })
  @TextColumn()
  number: string;
  @Field(() => String, { description: 'ISO 4217 currency code of every amount on it.' })
  @CurrencyColumn()
  currency: string;
  @Field(() => InvoiceStatus, {
    description: 'Stored lifecycle status, derived from payments; see displayStatus for OVERDUE.',
  })
  @TextColumn()
  status: InvoiceStatus;
  @Field(() => DateScalar, { description: 'The date the invoice is issued on.' })
  @DateColumn('issue_date')
  issueDate: string;
  @Field(() => DateScalar, { description: 'When payment is due; after it an open invoice is OVERDUE.' })
  @DateColumn('due_date')
  dueDate: string;
  @Field(() => DateScalar, {
    description: 'First day of the period it bills (null if not about a period).',
    nullable: true,
  })
  @DateColumn('period_start', { nullable: true })
  periodStart: string | null;
  @Field(() => DateScalar, {
    description: 'Last day of the period it bills (null if not about a period).',
    nullable: true,
  })
  @DateColumn('period_end', { nullable: true })
  periodEnd: string | null;
  @Field(() => String, { description: 'The memo printed on the invoice (visible to the client).' })
  @TextColumn()
  memo: string;
  @Field(() => String, {
    description: 'Internal notes, for staff only: never shown to the client (not in the portal, the PDF or emails).',
  })
  @TextColumn()
  notes: string;
  @Field(() => MoneyScalar, { description: 'Sum of the lines before tax, in minor units.' })
  @MinorUnitsColumn()
  subtotal: number;
  @Field(() => MoneyScalar, { description: 'Tax of all lines, in minor units.' })
  @MinorUnitsColumn('tax_total')
  taxTotal: number;
  @Field(() => MoneyScalar, { description: 'Subtotal plus tax, in minor units of `currency`.' })
  @MinorUnitsColumn()
  total: number;
  @Field(() => MoneyScalar, { description: 'What was paid (net of refunds), in minor units of `currency`.' })
  @MinorUnitsColumn('amount_paid')
  amountPaid: number;
  @Field(() => MoneyScalar, {
    description:
      "Of `amountPaid`, what went to the client's credit balance (an overpayment kept as credit, a credit memo to client credit): it no longer pays this invoice.",
  })
  @MinorUnitsColumn('amount_kept_as_credit')
  amountKeptAsCredit: number;
  @Field(() => MoneyScalar, { description: 'What credit memos took off, in minor units of `currency`.' })
  @MinorUnitsColumn('amount_credited')
  amountCredited: number;
  /** What was open when last derived (kept on a void invoice); the API's balanceDue is reportedBalanceDue. */
  @MinorUnitsColumn('balance_due') balanceDue: number;
  @Field(() => Date, {
    description: 'When its lines became final (its first send, or its void when voided as a draft); null for a draft.',
    nullable: true,
  })
  @TimestampColumn('finalized_at', { nullable: true })
  finalizedAt: Date | null;
  @Field(() => Date, { description: 'When it was last sent (null for a draft).', nullable: true })
  @TimestampColumn('sent_at', { nullable: true })
  sentAt: Date | null;
  @Field(() => Date, { description: 'When it became paid in full (null until then).', nullable: true })
  @TimestampColumn('paid_at', { nullable: true })
  paidAt: Date | null;
  @Field(() => Date, { description: 'When it was voided (null otherwise).', nullable: true })
  @TimestampColumn('voided_at', { nullable: true })
  voidedAt: Date | null;
  @Field(() => Date, { description: 'When it was marked uncollectible (null otherwise).', nullable: true })
  @TimestampColumn('uncollectible_at', { nullable: true })
  uncollectibleAt: Date | null;
  @Field(() => Boolean, { description: 'A payment on this invoice is disputed with the card network.' })
  @BooleanColumn()
  disputed: boolean;
  /** The due date `invoice.overdue` was last announced for (the overdue sweep's marker; not exposed). */
  @DateColumn('overdue_reported_for', { nullable: true }) overdueReportedFor: string | null;
  /** Capability for the pay link (/pay/{token}); not exposed as a field. */
  @TextColumn('public_token') publicToken: string;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { description: 'When it last changed.' }) @UpdatedAtColumn() updatedAt: Date;
}
