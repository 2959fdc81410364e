import { Column } from 'typeorm';
import { MinorUnitsColumn, UuidColumn, TextColumn, IntegerColumn } from '../../platform/database/columns.js';
import { Field, ID, Int } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../graphql/scalars.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const InvoiceLineKind = describedEnum(
  'InvoiceLineKind',
  {
    TIME: 'Approved time.',
    ITEM: 'A catalog item or a contract line.',
    MANUAL: 'A line typed by hand.',
    DISCOUNT: 'A discount (negative amount).',
  },
  'What an invoice line bills.',
);
export type InvoiceLineKind = keyof typeof InvoiceLineKind;

@GraphQLEntity('invoice_lines', 'One line of an invoice: a quantity at a unit price, less a discount, plus tax.', {
  node: true,
})
export class InvoiceLine extends OrgRecord {
  @UuidColumn('invoice_id') invoiceId: string;
  @Field(() => Int, { description: 'Its place on the invoice (0 first).' }) @IntegerColumn() position: number;
  @Field(() => InvoiceLineKind, { description: 'What the line is (time, catalog item, manual, contract…).' })
  @TextColumn()
  kind: InvoiceLineKind;
  @Field(() => String, { description: 'What the line bills, as the invoice prints it.' })
  @TextColumn()
  description: string;
  @Field(() => ID, { description: 'The catalog service it bills (null for a manual line).', nullable: true })
  @UuidColumn('service_id', { nullable: true })
  serviceId: string | null;
  @Field(() => DecimalScalar, { description: 'Hours for time lines, units otherwise.' })
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity: string;
  @Field(() => MoneyScalar, { description: "Price per unit in minor units of the invoice's currency." })
  @MinorUnitsColumn('unit_price')
  unitPrice: number;
  @Field(() => MoneyScalar, { description: "Discount on the line in minor units of the invoice's currency." })
  @MinorUnitsColumn()
  discount: number;
  @Field(() => Int, { description: 'Tax rate in basis points.' }) @IntegerColumn('tax_rate_bps') taxRateBps: number;
  @Field(() => MoneyScalar, {
    description: 'quantity × unit price − discount (negative for DISCOUNT lines), before tax.',
  })
  @MinorUnitsColumn()
  amount: number;
  @Field(() => MoneyScalar, { description: 'Tax on the line in minor units.' })
  @MinorUnitsColumn('tax_amount')
  taxAmount: number;
}
