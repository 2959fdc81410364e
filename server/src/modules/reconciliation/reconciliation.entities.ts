import { Column } from 'typeorm';
import { Field, ID, Int } from 'type-graphql';
import {
  CreatedAtColumn,
  CurrencyColumn,
  DateColumn,
  IntegerColumn,
  MinorUnitsColumn,
  JsonbColumn,
  TextColumn,
  TimestampColumn,
  UuidColumn,
} from '../../platform/database/columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { DISCREPANCY_LABELS, DiscrepancyType, FixAction, ReconciledSystem } from './reconciliation-findings.js';

export const DiscrepancyStatus = describedEnum(
  'DiscrepancyStatus',
  {
    OPEN: 'Found, nothing done yet.',
    FIXING: 'Settle applied its fix; a re-check has not confirmed it yet.',
    FIXED: 'A re-check no longer finds it.',
  },
  'Where a reconciliation discrepancy stands.',
);
export type DiscrepancyStatus = keyof typeof DiscrepancyStatus;

/** One comparison of Settle, Stripe and QuickBooks for an org and a period, with what it found. */
@GraphQLEntity('reconciliation_runs', 'One three-way comparison of Settle, Stripe and QuickBooks for a period.', {
  node: true,
})
export class ReconciliationRun extends OrgRecord {
  @Field(() => DateScalar, { description: 'First day of the period compared.' })
  @DateColumn('period_from')
  periodFrom: string;
  @Field(() => DateScalar, { description: 'Last day of the period compared.' })
  @DateColumn('period_to')
  periodTo: string;
  /** MANUAL (someone ran it) or SCHEDULED (the nightly run). */
  @Field(() => String, { description: 'What started it (the nightly schedule, or a person).' })
  @TextColumn()
  trigger: string;
  @Field(() => Int, { description: 'How many invoices it compared.' })
  @IntegerColumn('invoice_count')
  invoiceCount: number;
  @Field(() => Int, { description: 'How many payments, refunds and payouts it compared.' })
  @IntegerColumn('money_count')
  moneyCount: number;
  @Field(() => Int, { description: 'How many discrepancies it found.' })
  @IntegerColumn('discrepancy_count')
  discrepancyCount: number;
  @Field(() => Int, { description: 'Stripe API requests the run made (list calls).' })
  @IntegerColumn('stripe_calls')
  stripeCalls: number;
  @Field(() => Int, { description: 'QuickBooks API requests the run made (query pages).' })
  @IntegerColumn('quickbooks_calls')
  quickBooksCalls: number;
  @Field(() => [ReconciledSystem], { description: 'The systems compared (those the org has connected).' })
  @Column({ type: 'text', array: true })
  systems: ReconciledSystem[];
  @Field(() => Int, { description: 'How long it took, in milliseconds.' })
  @IntegerColumn('duration_ms')
  durationMs: number;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

/** One disagreement a run found, and what was done about it. */
@GraphQLEntity('reconciliation_discrepancies', 'One disagreement between the systems, with a suggested fix.', {
  node: true,
})
export class ReconciliationDiscrepancy extends OrgRecord {
  @Field(() => ID, { description: 'The run that found it.' }) @UuidColumn('run_id') runId: string;
  @TextColumn() key: string;
  @Field(() => DiscrepancyType, { description: 'What kind of difference it is.' }) @TextColumn() type: DiscrepancyType;
  @Field(() => String, { description: 'The type in words.' })
  get label(): string {
    return DISCREPANCY_LABELS[this.type];
  }
  @Field(() => [ReconciledSystem], { description: 'The systems that disagree.' })
  @Column({ type: 'text', array: true })
  systems: ReconciledSystem[];
  @Field(() => ID, { description: 'The invoice it is about (if any).', nullable: true })
  @UuidColumn('invoice_id', { nullable: true })
  invoiceId: string | null;
  @Field(() => String, { description: "That invoice's number.", nullable: true })
  @TextColumn('invoice_number', { nullable: true })
  invoiceNumber: string | null;
  @Field(() => String, { description: 'What it is about (an invoice number, a payment, a payout…).' })
  @TextColumn()
  subject: string;
  @TextColumn('subject_id') subjectId: string;
  @Field(() => String, { description: 'ISO 4217 currency code of the amounts.' }) @CurrencyColumn() currency: string;
  @Field(() => MoneyScalar, {
    description: 'What Settle has, in minor units (null if it has nothing).',
    nullable: true,
  })
  @MinorUnitsColumn('settle_amount', { nullable: true })
  settleAmount: number | null;
  @Field(() => MoneyScalar, {
    description: 'What Stripe has, in minor units (null if it has nothing).',
    nullable: true,
  })
  @MinorUnitsColumn('stripe_amount', { nullable: true })
  stripeAmount: number | null;
  @Field(() => MoneyScalar, {
    description: 'What QuickBooks has, in minor units (null if it has nothing).',
    nullable: true,
  })
  @MinorUnitsColumn('quickbooks_amount', { nullable: true })
  quickBooksAmount: number | null;
  @Field(() => String, { description: 'What differs, in words.' }) @TextColumn() detail: string;
  @Field(() => String, { description: 'What would fix it, in words.' })
  @TextColumn('suggested_fix')
  suggestedFix: string;
  @Field(() => FixAction, { nullable: true, description: 'What Settle does on Fix; null: it needs a person.' })
  @TextColumn('fix', { nullable: true })
  fix: FixAction | null;
  @JsonbColumn('fix_data') fixData: Record<string, string>;
  @Field(() => DiscrepancyStatus, { description: 'Where it stands.' }) @TextColumn() status: DiscrepancyStatus;
  @Field(() => String, { nullable: true, description: 'What the fix did (or why it could not).' })
  @TextColumn('fix_result', { nullable: true })
  fixResult: string | null;
  @Field(() => Date, { description: 'When it was fixed (null while open).', nullable: true })
  @TimestampColumn('fixed_at', { nullable: true })
  fixedAt: Date | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

export const RECONCILIATION_ENTITIES = [ReconciliationRun, ReconciliationDiscrepancy];
