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

export const DiscrepancyStatus = describedEnum('DiscrepancyStatus', {
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
  @Field(() => DateScalar) @DateColumn('period_from') periodFrom: string;
  @Field(() => DateScalar) @DateColumn('period_to') periodTo: string;
  /** MANUAL (someone ran it) or SCHEDULED (the nightly run). */
  @Field(() => String) @TextColumn() trigger: string;
  @Field(() => Int) @IntegerColumn('invoice_count') invoiceCount: number;
  @Field(() => Int) @IntegerColumn('money_count') moneyCount: number;
  @Field(() => Int) @IntegerColumn('discrepancy_count') discrepancyCount: number;
  @Field(() => Int, { description: 'Stripe API requests the run made (list calls).' })
  @IntegerColumn('stripe_calls')
  stripeCalls: number;
  @Field(() => Int, { description: 'QuickBooks API requests the run made (query pages).' })
  @IntegerColumn('quickbooks_calls')
  quickBooksCalls: number;
  @Field(() => [ReconciledSystem], { description: 'The systems compared (those the org has connected).' })
  @Column({ type: 'text', array: true })
  systems: ReconciledSystem[];
  @Field(() => Int) @IntegerColumn('duration_ms') durationMs: number;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

/** One disagreement a run found, and what was done about it. */
@GraphQLEntity('reconciliation_discrepancies', 'One disagreement between the systems, with a suggested fix.')
export class ReconciliationDiscrepancy extends OrgRecord {
  @Field(() => ID) @UuidColumn('run_id') runId: string;
  @TextColumn() key: string;
  @Field(() => DiscrepancyType) @TextColumn() type: DiscrepancyType;
  @Field(() => String, { description: 'The type in words.' })
  get label(): string {
    return DISCREPANCY_LABELS[this.type];
  }
  @Field(() => [ReconciledSystem]) @Column({ type: 'text', array: true }) systems: ReconciledSystem[];
  @Field(() => ID, { nullable: true }) @UuidColumn('invoice_id', { nullable: true }) invoiceId: string | null;
  @Field(() => String, { nullable: true })
  @TextColumn('invoice_number', { nullable: true })
  invoiceNumber: string | null;
  @Field(() => String) @TextColumn() subject: string;
  @TextColumn('subject_id') subjectId: string;
  @Field(() => String) @CurrencyColumn() currency: string;
  @Field(() => MoneyScalar, { nullable: true })
  @MinorUnitsColumn('settle_amount', { nullable: true })
  settleAmount: number | null;
  @Field(() => MoneyScalar, { nullable: true })
  @MinorUnitsColumn('stripe_amount', { nullable: true })
  stripeAmount: number | null;
  @Field(() => MoneyScalar, { nullable: true })
  @MinorUnitsColumn('quickbooks_amount', { nullable: true })
  quickBooksAmount: number | null;
  @Field(() => String) @TextColumn() detail: string;
  @Field(() => String) @TextColumn('suggested_fix') suggestedFix: string;
  @Field(() => FixAction, { nullable: true, description: 'What Settle does on Fix; null: it needs a person.' })
  @TextColumn('fix', { nullable: true })
  fix: FixAction | null;
  @JsonbColumn('fix_data') fixData: Record<string, string>;
  @Field(() => DiscrepancyStatus) @TextColumn() status: DiscrepancyStatus;
  @Field(() => String, { nullable: true, description: 'What the fix did (or why it could not).' })
  @TextColumn('fix_result', { nullable: true })
  fixResult: string | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('fixed_at', { nullable: true }) fixedAt: Date | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

export const RECONCILIATION_ENTITIES = [ReconciliationRun, ReconciliationDiscrepancy];
