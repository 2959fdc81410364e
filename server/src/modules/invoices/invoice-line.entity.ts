import { Column } from 'typeorm';
import { UuidColumn } from '../../platform/database/columns.js';
import { IntegerField, MinorUnitsField, TextField, UuidField } from '../../platform/database/graphql-columns.js';
import { Field } from 'type-graphql';
import { DecimalScalar } from '../../graphql/scalars.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const InvoiceLineKind = describedEnum('InvoiceLineKind', 'What an invoice line bills.', {
  TIME: 'Approved time.',
  ITEM: 'A catalog item or a contract line.',
  MANUAL: 'A line typed by hand.',
  DISCOUNT: 'A discount (negative amount).',
});
export type InvoiceLineKind = keyof typeof InvoiceLineKind;

@GraphQLEntity('invoice_lines', 'One line of an invoice: a quantity at a unit price, less a discount, plus tax.', {
  node: true,
})
export class InvoiceLine extends OrgRecord {
  @UuidColumn('invoice_id') invoiceId: string;
  @IntegerField({ description: 'Its place on the invoice (0 first).' }) position: number;
  @TextField({ type: () => InvoiceLineKind, description: 'What the line is (time, catalog item, manual, contract…).' })
  kind: InvoiceLineKind;
  @TextField({ description: 'What the line bills, as the invoice prints it.' }) description: string;
  @UuidField('service_id', { nullable: true, description: 'The catalog service it bills (null for a manual line).' })
  serviceId: string | null;
  @Field(() => DecimalScalar, { description: 'Hours for time lines, units otherwise.' })
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity: string;
  @MinorUnitsField('unit_price', { description: "Price per unit in minor units of the invoice's currency." })
  unitPrice: number;
  @MinorUnitsField({ description: "Discount on the line in minor units of the invoice's currency." }) discount: number;
  @IntegerField('tax_rate_bps', { description: 'Tax rate in basis points.' }) taxRateBps: number;
  @MinorUnitsField({ description: 'quantity × unit price − discount (negative for DISCOUNT lines), before tax.' })
  amount: number;
  @MinorUnitsField('tax_amount', { description: 'Tax on the line in minor units.' }) taxAmount: number;
}
