import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant: one service business and its billing settings.' })
@Entity('organizations')
export class Organization {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String) @Column({ type: 'text' }) slug: string;
  @Field(() => String) @Column({ type: 'char', length: 3, name: 'default_currency' }) defaultCurrency: string;
  @Field(() => String) @Column({ type: 'text', name: 'invoice_prefix' }) invoicePrefix: string;
  @Field(() => Int) @Column({ type: 'integer', name: 'next_invoice_number' }) nextInvoiceNumber: number;
  @Field(() => Int) @Column({ type: 'integer', name: 'days_until_due' }) daysUntilDue: number;
  @Field(() => Int, { description: 'Default tax rate in basis points (825 = 8.25%).' })
  @Column({ type: 'integer', name: 'tax_rate_bps' }) taxRateBps: number;
  @Field(() => String) @Column({ type: 'text', name: 'memo_template' }) memoTemplate: string;
  @Field(() => Boolean) @Column({ type: 'boolean', name: 'email_pay_link' }) emailPayLink: boolean;
  @Field(() => Boolean) @Column({ type: 'boolean', name: 'email_payment_confirmation' }) emailPaymentConfirmation: boolean;
  @Field(() => Boolean) @Column({ type: 'boolean', name: 'allow_partial_payments' }) allowPartialPayments: boolean;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
