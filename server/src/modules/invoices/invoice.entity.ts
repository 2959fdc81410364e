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
  @Field(() => String) @TextColumn() number: string;
  @Field(() => String) @CurrencyColumn() currency: string;
  @Field(() => InvoiceStatus, {
    description: 'Stored lifecycle status, derived from payments; see displayStatus for OVERDUE.',
  })
  @TextColumn()
  status: InvoiceStatus;
  @Field(() => DateScalar) @DateColumn('issue_date') issueDate: string;
  @Field(() => DateScalar) @DateColumn('due_date') dueDate: string;
  @Field(() => DateScalar, { nullable: true }) @DateColumn('period_start', { nullable: true }) periodStart:
    string | null;
  @Field(() => DateScalar, { nullable: true }) @DateColumn('period_end', { nullable: true }) periodEnd: string | null;
  @Field(() => String) @TextColumn() memo: string;
  @Field(() => String) @TextColumn() notes: string;
  @Field(() => MoneyScalar) @MinorUnitsColumn() subtotal: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn('tax_total') taxTotal: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn() total: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn('amount_paid') amountPaid: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn('amount_credited') amountCredited: number;
  /** What was open when last derived (kept on a void invoice); the API's balanceDue is reportedBalanceDue. */
  @MinorUnitsColumn('balance_due') balanceDue: number;
  @Field(() => Date, { nullable: true }) @TimestampColumn('finalized_at', { nullable: true }) finalizedAt: Date | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('sent_at', { nullable: true }) sentAt: Date | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('paid_at', { nullable: true }) paidAt: Date | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('voided_at', { nullable: true }) voidedAt: Date | null;
  @Field(() => Date, { nullable: true })
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
