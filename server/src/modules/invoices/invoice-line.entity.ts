import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn } from '../../platform/database/columns.js';
import { DecimalScalar, MoneyScalar } from '../../graphql/scalars.js';

export enum InvoiceLineKind {
  TIME = 'TIME',
  ITEM = 'ITEM',
  MANUAL = 'MANUAL',
  DISCOUNT = 'DISCOUNT',
}
registerEnumType(InvoiceLineKind, { name: 'InvoiceLineKind' });

@ObjectType()
@Entity('invoice_lines')
export class InvoiceLine {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Field(() => Int) @Column({ type: 'integer' }) position: number;
  @Field(() => InvoiceLineKind) @Column({ type: 'text' }) kind: InvoiceLineKind;
  @Field(() => String) @Column({ type: 'text' }) description: string;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', name: 'service_id', nullable: true }) serviceId: string | null;
  @Field(() => DecimalScalar, { description: 'Hours for time lines, units otherwise.' })
  @Column({ type: 'numeric', precision: 14, scale: 4 }) quantity: string;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'unit_price' }) unitPrice: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn }) discount: number;
  @Field(() => Int, { description: 'Tax rate in basis points.' }) @Column({ type: 'integer', name: 'tax_rate_bps' }) taxRateBps: number;
  @Field(() => MoneyScalar, { description: 'quantity × unit price − discount (negative for DISCOUNT lines), before tax.' })
  @Column({ ...moneyColumn }) amount: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'tax_amount' }) taxAmount: number;
}
