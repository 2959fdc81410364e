import { Column } from 'typeorm';
import { IntegerColumn, UuidColumn } from '../../platform/database/columns.js';
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
import { ClientRecord, OrgRecord } from '../../platform/database/org-record.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { BillingTiming, ContractCycle } from './contract-cycle.js';

/** Where a recurring line's unit price comes from when an invoice is built. */
export const PriceSource = describedEnum('PriceSource', "Where a contract line's unit price comes from.", {
  CATALOG: "The service's catalog price in the client's currency, as it is when the period is invoiced.",
  NEGOTIATED: "The client's negotiated rate for the service (the catalog price if it has none).",
  FIXED: 'The unit price written in the contract.',
});
export type PriceSource = keyof typeof PriceSource;

/** A client's agreement: recurring lines charged every cycle from the start date to the end date. */
@GraphQLEntity('contracts', "A client's agreement: recurring lines charged every cycle.", { node: true })
export class Contract extends ClientRecord {
  @TextField({ description: "The contract's name, as the admin app shows it." }) name: string;
  @TextField({ type: () => ContractCycle, description: 'How often it bills.' }) cycle: ContractCycle;
  @IntegerField('interval_weeks', { description: 'WEEKLY cycles: weeks per period.' }) intervalWeeks: number;
  @IntegerField('anchor_day', {
    description: 'Month cycles: day of the month periods start (1–31). WEEKLY: ISO weekday (1 = Monday).',
  })
  anchorDay: number;
  @TextField('billing_timing', {
    type: () => BillingTiming,
    description: 'Whether each period is billed at its start (in advance) or after it ends (in arrears).',
  })
  billingTiming: BillingTiming;
  @DateField('start_date', { description: 'The first day it bills for.' }) startDate: string;
  @DateField('end_date', { nullable: true, description: 'Last day billed; open-ended when null.' })
  endDate: string | null;
  @CreatedAtField() createdAt: Date;
  @UpdatedAtField() updatedAt: Date;
}

/** One recurring line of a contract: a catalog service, a quantity (seats, devices, 1 for a flat fee) and a price. */
@GraphQLEntity('contract_lines', 'A recurring line: a service, a quantity and where its price comes from.', {
  node: true,
})
export class ContractLine extends OrgRecord {
  @UuidColumn('contract_id') contractId: string;
  @IntegerField({ description: "Its place among the contract's lines (0 first)." }) position: number;
  @UuidField('service_id', { description: 'The catalog service it bills.' }) serviceId: string;
  @TextField({ description: "Printed on the invoice line; the service's name when empty." }) description: string;
  @IntegerField({ description: 'Seats, devices, or 1 for a flat fee: as it is today.' }) quantity: number;
  @TextField('price_source', { type: () => PriceSource, description: 'Where its unit price comes from.' })
  priceSource: PriceSource;
  @MinorUnitsField('unit_price', { nullable: true, description: 'FIXED lines: the unit price in minor units.' })
  unitPrice: number | null;
  @DateField('end_date', { nullable: true, description: 'The line is no longer charged from the day after.' })
  endDate: string | null;
}

/**
 * A quantity change from a date on. The periods before it keep the old quantity; the rest of the
 * period it falls in is credited at the old quantity and charged at the new one on the next invoice
 * (Stripe's proration), once: `invoiceId` is set when that invoice takes it.
 */
@GraphQLEntity('contract_quantity_changes', 'A quantity change on a recurring line, prorated by day.', { node: true })
export class ContractQuantityChange extends OrgRecord {
  @UuidField('contract_line_id', { description: 'The contract line changed.' }) contractLineId: string;
  @DateField('effective_date', {
    description: 'From when the new quantity bills (prorated inside a period already billed).',
  })
  effectiveDate: string;
  @IntegerField('old_quantity', { description: 'The quantity before the change.' }) oldQuantity: number;
  @IntegerField('new_quantity', { description: 'The quantity after the change.' }) newQuantity: number;
  @UuidField('invoice_id', { nullable: true, description: 'The invoice that carries its proration.' })
  invoiceId: string | null;
  /** The lines of that invoice that carry the proration (credit and charge): it is billed again once none is left. */
  @Column({ type: 'uuid', name: 'invoice_line_ids', array: true, default: () => "'{}'" })
  invoiceLineIds: string[];
  @CreatedAtField() createdAt: Date;
}

/** A period of a recurring line that an invoice charged; unique per line and period, so never twice. */
@GraphQLEntity('contract_charges', 'A period of a recurring line charged on an invoice.', { node: true })
export class ContractCharge extends OrgRecord {
  @UuidField('contract_line_id', { description: 'The contract line charged.' }) contractLineId: string;
  @DateField('period_start', { description: 'First day of the period charged.' }) periodStart: string;
  @DateField('period_end', { description: 'Last day of the period charged.' }) periodEnd: string;
  @IntegerField({ description: 'The quantity charged.' }) quantity: number;
  @MinorUnitsField({ description: 'What was charged, in minor units of the invoice currency.' }) amount: number;
  @UuidField('invoice_id', { description: 'The invoice it was charged on.' }) invoiceId: string;
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
  @UuidField('contract_line_id', { description: 'The contract line credited.' }) contractLineId: string;
  @DateField('period_start', { description: 'First day of the charged period the credit is about.' })
  periodStart: string;
  @IntegerColumn() seq: number;
  @DateField('end_date', {
    nullable: true,
    description:
      "The contract's end date it was figured for (null: the end was removed, and the credit is charged again).",
  })
  endDate: string | null;
  @MinorUnitsField({ description: 'Minor units: + credited, − charged again.' }) amount: number;
  @UuidField('invoice_id', { description: 'The invoice it is on.' }) invoiceId: string;
  /**
   * The line of that invoice that gives it (null: recorded before lines were, and not matched; or the
   * part of a released credit the client kept as client credit).
   */
  @UuidColumn('invoice_line_id', { nullable: true })
  invoiceLineId: string | null;
  @CreatedAtField() createdAt: Date;
}
