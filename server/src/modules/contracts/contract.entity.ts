import { Field, ID, Int } from 'type-graphql';
import { Column } from 'typeorm';
import {
  CreatedAtColumn,
  DateColumn,
  IntegerColumn,
  TextColumn,
  UpdatedAtColumn,
  UuidColumn,
  MinorUnitsColumn,
} from '../../platform/database/columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { ClientRecord, OrgRecord } from '../../platform/database/org-record.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { BillingTiming, ContractCycle } from './contract-cycle.js';

/** Where a recurring line's unit price comes from when an invoice is built. */
export const PriceSource = describedEnum(
  'PriceSource',
  {
    CATALOG: "The service's catalog price in the client's currency, as it is when the period is invoiced.",
    NEGOTIATED: "The client's negotiated rate for the service (the catalog price if it has none).",
    FIXED: 'The unit price written in the contract.',
  },
  "Where a contract line's unit price comes from.",
);
export type PriceSource = keyof typeof PriceSource;

/** A client's agreement: recurring lines charged every cycle from the start date to the end date. */
@GraphQLEntity('contracts', "A client's agreement: recurring lines charged every cycle.", { node: true })
export class Contract extends ClientRecord {
  @Field(() => String, { description: "The contract's name, as the admin app shows it." }) @TextColumn() name: string;
  @Field(() => ContractCycle, { description: 'How often it bills.' }) @TextColumn() cycle: ContractCycle;
  @Field(() => Int, { description: 'WEEKLY cycles: weeks per period.' })
  @IntegerColumn('interval_weeks')
  intervalWeeks: number;
  @Field(() => Int, {
    description: 'Month cycles: day of the month periods start (1–31). WEEKLY: ISO weekday (1 = Monday).',
  })
  @IntegerColumn('anchor_day')
  anchorDay: number;
  @Field(() => BillingTiming, {
    description: 'Whether each period is billed at its start (in advance) or after it ends (in arrears).',
  })
  @TextColumn('billing_timing')
  billingTiming: BillingTiming;
  @Field(() => DateScalar, { description: 'The first day it bills for.' }) @DateColumn('start_date') startDate: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day billed; open-ended when null.' })
  @DateColumn('end_date', { nullable: true })
  endDate: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { description: 'When it last changed.' }) @UpdatedAtColumn() updatedAt: Date;
}

/** One recurring line of a contract: a catalog service, a quantity (seats, devices, 1 for a flat fee) and a price. */
@GraphQLEntity('contract_lines', 'A recurring line: a service, a quantity and where its price comes from.', {
  node: true,
})
export class ContractLine extends OrgRecord {
  @UuidColumn('contract_id') contractId: string;
  @Field(() => Int, { description: "Its place among the contract's lines (0 first)." })
  @IntegerColumn()
  position: number;
  @Field(() => ID, { description: 'The catalog service it bills.' }) @UuidColumn('service_id') serviceId: string;
  @Field(() => String, { description: "Printed on the invoice line; the service's name when empty." })
  @TextColumn()
  description: string;
  @Field(() => Int, { description: 'Seats, devices, or 1 for a flat fee: as it is today.' })
  @IntegerColumn()
  quantity: number;
  @Field(() => PriceSource, { description: 'Where its unit price comes from.' })
  @TextColumn('price_source')
  priceSource: PriceSource;
  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED lines: the unit price in minor units.' })
  @MinorUnitsColumn('unit_price', { nullable: true })
  unitPrice: number | null;
  @Field(() => DateScalar, { nullable: true, description: 'The line is no longer charged from the day after.' })
  @DateColumn('end_date', { nullable: true })
  endDate: string | null;
}

/**
 * A quantity change from a date on. The periods before it keep the old quantity; the rest of the
 * period it falls in is credited at the old quantity and charged at the new one on the next invoice
 * (Stripe's proration), once: `invoiceId` is set when that invoice takes it.
 */
@GraphQLEntity('contract_quantity_changes', 'A quantity change on a recurring line, prorated by day.', { node: true })
export class ContractQuantityChange extends OrgRecord {
  @Field(() => ID, { description: 'The contract line changed.' })
  @UuidColumn('contract_line_id')
  contractLineId: string;
  @Field(() => DateScalar, {
    description: 'From when the new quantity bills (prorated inside a period already billed).',
  })
  @DateColumn('effective_date')
  effectiveDate: string;
  @Field(() => Int, { description: 'The quantity before the change.' })
  @IntegerColumn('old_quantity')
  oldQuantity: number;
  @Field(() => Int, { description: 'The quantity after the change.' })
  @IntegerColumn('new_quantity')
  newQuantity: number;
  @Field(() => ID, { nullable: true, description: 'The invoice that carries its proration.' })
  @UuidColumn('invoice_id', { nullable: true })
  invoiceId: string | null;
  /** The lines of that invoice that carry the proration (credit and charge): it is billed again once none is left. */
  @Column({ type: 'uuid', name: 'invoice_line_ids', array: true, default: () => "'{}'" })
  invoiceLineIds: string[];
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

/** A period of a recurring line that an invoice charged; unique per line and period, so never twice. */
@GraphQLEntity('contract_charges', 'A period of a recurring line charged on an invoice.', { node: true })
export class ContractCharge extends OrgRecord {
  @Field(() => ID, { description: 'The contract line charged.' })
  @UuidColumn('contract_line_id')
  contractLineId: string;
  @Field(() => DateScalar, { description: 'First day of the period charged.' })
  @DateColumn('period_start')
  periodStart: string;
  @Field(() => DateScalar, { description: 'Last day of the period charged.' })
  @DateColumn('period_end')
  periodEnd: string;
  @Field(() => Int, { description: 'The quantity charged.' }) @IntegerColumn() quantity: number;
  @Field(() => MoneyScalar, { description: 'What was charged, in minor units of the invoice currency.' })
  @MinorUnitsColumn()
  amount: number;
  @Field(() => ID, { description: 'The invoice it was charged on.' }) @UuidColumn('invoice_id') invoiceId: string;
  /** The line of that invoice that charges it (null: charged before lines were recorded and not matched). */
  @UuidColumn('invoice_line_id', { nullable: true })
  invoiceLineId: string | null;
}

/**
 * Unused time of a charged period after the contract's end, carried by an invoice (credit +, charged
 * again −, when the end moved later). Unique per line, period and sequence number, so never twice.
 */
@GraphQLEntity('contract_end_credits', 'Unused time of a charged period after the contract ended, on an invoice.', {
  node: true,
})
export class ContractEndCredit extends OrgRecord {
  @Field(() => ID, { description: 'The contract line credited.' })
  @UuidColumn('contract_line_id')
  contractLineId: string;
  @Field(() => DateScalar, { description: 'First day of the charged period the credit is about.' })
  @DateColumn('period_start')
  periodStart: string;
  @IntegerColumn() seq: number;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The contract's end date it was figured for (null: the end was removed, and the credit is charged again).",
  })
  @DateColumn('end_date', { nullable: true })
  endDate: string | null;
  @Field(() => MoneyScalar, { description: 'Minor units: + credited, − charged again.' })
  @MinorUnitsColumn()
  amount: number;
  @Field(() => ID, { description: 'The invoice it is on.' }) @UuidColumn('invoice_id') invoiceId: string;
  /**
   * The line of that invoice that gives it (null: recorded before lines were, and not matched; or the
   * part of a released credit the client kept as client credit).
   */
  @UuidColumn('invoice_line_id', { nullable: true })
  invoiceLineId: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}
