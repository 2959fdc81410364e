import { Column } from 'typeorm';
import { MinorUnitsColumn, UuidColumn, TextColumn, IntegerColumn } from '../../platform/database/columns.js';
import { Field, ID, Int, registerEnumType } from 'type-graphql';
import { DecimalScalar, MoneyScalar } from '../../graphql/scalars.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

export const InvoiceLineKind = stringEnum('TIME', 'ITEM', 'MANUAL', 'DISCOUNT');
export type InvoiceLineKind = keyof typeof InvoiceLineKind;
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });

@GraphQLEntity('invoice_lines')
export class InvoiceLine extends OrgRecord {
  @UuidColumn('invoice_id') invoiceId: string;
  @Field(() => Int) @IntegerColumn() position: number;
  @Field(() => InvoiceLineKind) @TextColumn() kind: InvoiceLineKind;
  @Field(() => String) @TextColumn() description: string;
  @Field(() => ID, { nullable: true }) @UuidColumn('service_id', { nullable: true }) serviceId: string | null;
  @Field(() => DecimalScalar, { description: 'Hours for time lines, units otherwise.' })
  @Column({ type: 'numeric', precision: 14, scale: 4 })
  quantity: string;
  @Field(() => MoneyScalar) @MinorUnitsColumn('unit_price') unitPrice: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn() discount: number;
  @Field(() => Int, { description: 'Tax rate in basis points.' }) @IntegerColumn('tax_rate_bps') taxRateBps: number;
  @Field(() => MoneyScalar, {
    description: 'quantity × unit price − discount (negative for DISCOUNT lines), before tax.',
  })
  @MinorUnitsColumn()
  amount: number;
  @Field(() => MoneyScalar) @MinorUnitsColumn('tax_amount') taxAmount: number;
}
