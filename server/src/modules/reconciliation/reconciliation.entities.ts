import { Column } from 'typeorm';
import { Field } from 'type-graphql';
import { JsonbColumn, TextColumn } from '../../platform/database/columns.js';
import {
  CreatedAtField,
  CurrencyField,
  DateField,
  IntegerField,
  MinorUnitsField,
  TextField,
  TimestampField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { DISCREPANCY_LABELS, DiscrepancyType, FixAction, ReconciledSystem } from './reconciliation-findings.js';

export const DiscrepancyStatus = describedEnum('DiscrepancyStatus', 'Where a reconciliation discrepancy stands.', {
  OPEN: 'Found, nothing done yet.',
  FIXING: 'Settle applied its fix; a re-check has not confirmed it yet.',
  FIXED: 'A re-check no longer finds it.',
});
export type DiscrepancyStatus = keyof typeof DiscrepancyStatus;

/** One comparison of Settle, Stripe and QuickBooks for an org and a period, with what it found. */
@GraphQLEntity('reconciliation_runs', 'One three-way comparison of Settle, Stripe and QuickBooks for a period.', {
  node: true,
})
export class ReconciliationRun extends OrgRecord {
  @DateField('period_from', { description: 'First day of the period compared.' }) periodFrom: string;
  @DateField('period_to', { description: 'Last day of the period compared.' }) periodTo: string;
  /** MANUAL (someone ran it) or SCHEDULED (the nightly run). */
  @TextField({ description: 'What started it (the nightly schedule, or a person).' }) trigger: string;
  @IntegerField('invoice_count', { description: 'How many invoices it compared.' }) invoiceCount: number;
  @IntegerField('money_count', { description: 'How many payments, refunds and payouts it compared.' })
  moneyCount: number;
  @IntegerField('discrepancy_count', { description: 'How many discrepancies it found.' }) discrepancyCount: number;
  @IntegerField('stripe_calls', { description: 'Stripe API requests the run made (list calls).' }) stripeCalls: number;
  @IntegerField('quickbooks_calls', { description: 'QuickBooks API requests the run made (query pages).' })
  quickBooksCalls: number;
  @Field(() => [ReconciledSystem], { description: 'The systems compared (those the org has connected).' })
  @Column({ type: 'text', array: true })
  systems: ReconciledSystem[];
  @IntegerField('duration_ms', { description: 'How long it took, in milliseconds.' }) durationMs: number;
  @CreatedAtField() createdAt: Date;
}

/** One disagreement a run found, and what was done about it. */
@GraphQLEntity('reconciliation_discrepancies', 'One disagreement between the systems, with a suggested fix.', {
  node: true,
})
export class ReconciliationDiscrepancy extends OrgRecord {
  @UuidField('run_id', { description: 'The run that found it.' }) runId: string;
  @TextColumn() key: string;
  @TextField({ type: () => DiscrepancyType, description: 'What kind of difference it is.' }) type: DiscrepancyType;
  @Field(() => String, { description: 'The type in words.' })
  get label(): string {
    return DISCREPANCY_LABELS[this.type];
  }
  @Field(() => [ReconciledSystem], { description: 'The systems that disagree.' })
  @Column({ type: 'text', array: true })
  systems: ReconciledSystem[];
  @UuidField('invoice_id', { nullable: true, description: 'The invoice it is about (if any).' })
  invoiceId: string | null;
  @TextField('invoice_number', { nullable: true, description: "That invoice's number." }) invoiceNumber: string | null;
  @TextField({ description: 'What it is about (an invoice number, a payment, a payout…).' }) subject: string;
  @TextColumn('subject_id') subjectId: string;
  @CurrencyField({ description: 'ISO 4217 currency code of the amounts.' }) currency: string;
  @MinorUnitsField('settle_amount', {
    nullable: true,
    description: 'What Settle has, in minor units (null if it has nothing).',
  })
  settleAmount: number | null;
  @MinorUnitsField('stripe_amount', {
    nullable: true,
    description: 'What Stripe has, in minor units (null if it has nothing).',
  })
  stripeAmount: number | null;
  @MinorUnitsField('quickbooks_amount', {
    nullable: true,
    description: 'What QuickBooks has, in minor units (null if it has nothing).',
  })
  quickBooksAmount: number | null;
  @TextField({ description: 'What differs, in words.' }) detail: string;
  @TextField('suggested_fix', { description: 'What would fix it, in words.' }) suggestedFix: string;
  @TextField('fix', {
    type: () => FixAction,
    nullable: true,
    description: 'What Settle does on Fix; null: it needs a person.',
  })
  fix: FixAction | null;
  @JsonbColumn('fix_data') fixData: Record<string, string>;
  @TextField({ type: () => DiscrepancyStatus, description: 'Where it stands.' }) status: DiscrepancyStatus;
  @TextField('fix_result', { nullable: true, description: 'What the fix did (or why it could not).' })
  fixResult: string | null;
  @TimestampField('fixed_at', { nullable: true, description: 'When it was fixed (null while open).' })
  fixedAt: Date | null;
  @CreatedAtField() createdAt: Date;
}

export const RECONCILIATION_ENTITIES = [ReconciliationRun, ReconciliationDiscrepancy];
