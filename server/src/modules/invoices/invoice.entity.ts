import { MinorUnitsColumn, TextColumn, DateColumn } from '../../platform/database/columns.js';
import {
  BooleanField,
  CreatedAtField,
  CurrencyField,
  DateField,
  MinorUnitsField,
  TextField,
  TimestampField,
  UpdatedAtField,
} from '../../platform/database/graphql-columns.js';
import { InvoiceStatus } from './invoice-status.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('invoices', 'A bill to one client in one currency. Lines are immutable once SENT.', { node: true })
export class Invoice extends ClientRecord {
  @TextField({
    description: 'Its number, unique in the org (prefix and sequence, e.g. INV-0042); drafts carry one too.',
  })
  number: string;
  @CurrencyField({ description: 'ISO 4217 currency code of every amount on it.' }) currency: string;
  @TextField({
    type: () => InvoiceStatus,
    description: 'Stored lifecycle status, derived from payments; see displayStatus for OVERDUE.',
  })
  status: InvoiceStatus;
  @DateField('issue_date', { description: 'The date the invoice is issued on.' }) issueDate: string;
  @DateField('due_date', { description: 'When payment is due; after it an open invoice is OVERDUE.' }) dueDate: string;
  @DateField('period_start', {
    nullable: true,
    description: 'First day of the period it bills (null if not about a period).',
  })
  periodStart: string | null;
  @DateField('period_end', {
    nullable: true,
    description: 'Last day of the period it bills (null if not about a period).',
  })
  periodEnd: string | null;
  @TextField({ description: 'The memo printed on the invoice (visible to the client).' }) memo: string;
  @TextField({
    description: 'Internal notes, for staff only: never shown to the client (not in the portal, the PDF or emails).',
  })
  notes: string;
  @MinorUnitsField({ description: 'Sum of the lines before tax, in minor units.' }) subtotal: number;
  @MinorUnitsField('tax_total', { description: 'Tax of all lines, in minor units.' }) taxTotal: number;
  @MinorUnitsField({ description: 'Subtotal plus tax, in minor units of `currency`.' }) total: number;
  @MinorUnitsField('amount_paid', { description: 'What was paid (net of refunds), in minor units of `currency`.' })
  amountPaid: number;
  @MinorUnitsField('amount_kept_as_credit', {
    description:
      "Of `amountPaid`, what went to the client's credit balance (an overpayment kept as credit, a credit memo to client credit): it no longer pays this invoice.",
  })
  amountKeptAsCredit: number;
  @MinorUnitsField('amount_credited', { description: 'What credit memos took off, in minor units of `currency`.' })
  amountCredited: number;
  /** What was open when last derived (kept on a void invoice); the API's balanceDue is reportedBalanceDue. */
  @MinorUnitsColumn('balance_due') balanceDue: number;
  @TimestampField('finalized_at', {
    nullable: true,
    description: 'When its lines became final (its first send, or its void when voided as a draft); null for a draft.',
  })
  finalizedAt: Date | null;
  @TimestampField('sent_at', { nullable: true, description: 'When it was last sent (null for a draft).' })
  sentAt: Date | null;
  @TimestampField('paid_at', { nullable: true, description: 'When it became paid in full (null until then).' })
  paidAt: Date | null;
  @TimestampField('voided_at', { nullable: true, description: 'When it was voided (null otherwise).' })
  voidedAt: Date | null;
  @TimestampField('uncollectible_at', {
    nullable: true,
    description: 'When it was marked uncollectible (null otherwise).',
  })
  uncollectibleAt: Date | null;
  @BooleanField({ description: 'A payment on this invoice is disputed with the card network.' }) disputed: boolean;
  /** The due date `invoice.overdue` was last announced for (the overdue sweep's marker; not exposed). */
  @DateColumn('overdue_reported_for', { nullable: true }) overdueReportedFor: string | null;
  /** Capability for the pay link (/pay/{token}); not exposed as a field. */
  @TextColumn('public_token') publicToken: string;
  @CreatedAtField() createdAt: Date;
  @UpdatedAtField() updatedAt: Date;
}
