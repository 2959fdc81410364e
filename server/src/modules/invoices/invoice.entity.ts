import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { moneyColumn } from '../../platform/database/columns.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { InvoiceStatus } from './invoice-status.js';

@ObjectType({ description: 'A bill to one client in one currency. Lines are immutable once SENT.' })
@Entity('invoices')
export class Invoice {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => String) @Column({ type: 'text' }) number: string;
  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;
  @Field(() => InvoiceStatus, { description: 'Stored lifecycle status, derived from payments; see displayStatus for OVERDUE.' })
  @Column({ type: 'text' }) status: InvoiceStatus;
  @Field(() => DateScalar) @Column({ type: 'date', name: 'issue_date' }) issueDate: string;
  @Field(() => DateScalar) @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @Field(() => DateScalar, { nullable: true }) @Column({ type: 'date', name: 'period_start', nullable: true }) periodStart: string | null;
  @Field(() => DateScalar, { nullable: true }) @Column({ type: 'date', name: 'period_end', nullable: true }) periodEnd: string | null;
  @Field(() => String) @Column({ type: 'text' }) memo: string;
  @Field(() => String) @Column({ type: 'text' }) notes: string;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn }) subtotal: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'tax_total' }) taxTotal: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn }) total: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'amount_paid' }) amountPaid: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'amount_credited' }) amountCredited: number;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn, name: 'balance_due' }) balanceDue: number;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'finalized_at', nullable: true }) finalizedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'uncollectible_at', nullable: true }) uncollectibleAt: Date | null;
  @Field(() => Boolean, { description: 'A payment on this invoice is disputed with the card network.' })
  @Column({ type: 'boolean' }) disputed: boolean;
  /** Capability for the pay link (/pay/{token}); not exposed as a field. */
  @Column({ type: 'text', name: 'public_token' }) publicToken: string;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date) @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
