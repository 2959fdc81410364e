import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { moneyColumn } from '../../platform/database/columns.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';

export enum PaymentSource { MANUAL = 'MANUAL', STRIPE = 'STRIPE', QUICKBOOKS = 'QUICKBOOKS' }
export enum PaymentMethod { CHECK = 'CHECK', ACH = 'ACH', WIRE = 'WIRE', CASH = 'CASH', OTHER = 'OTHER', CARD = 'CARD', BANK_DEBIT = 'BANK_DEBIT' }
export enum PaymentKind { PAYMENT = 'PAYMENT', REFUND = 'REFUND' }
registerEnumType(PaymentSource, { name: 'PaymentSource' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });
registerEnumType(PaymentKind, { name: 'PaymentKind' });

@ObjectType({ description: 'Money received (positive) or refunded (negative) against one invoice, from any source.' })
@Entity('payments')
export class Payment {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => PaymentKind) @Column({ type: 'text' }) kind: PaymentKind;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn }) amount: number;
  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;
  @Field(() => PaymentSource) @Column({ type: 'text' }) source: PaymentSource;
  @Field(() => PaymentMethod) @Column({ type: 'text' }) method: PaymentMethod;
  @Field(() => String) @Column({ type: 'text' }) reference: string;
  @Field(() => String, { nullable: true, description: "The provider's id (Stripe charge/refund, QuickBooks Payment)." })
  @Column({ type: 'text', name: 'external_id', nullable: true }) externalId: string | null;
  @Field(() => DateScalar) @Column({ type: 'date', name: 'received_on' }) receivedOn: string;
  @Column({ type: 'text', name: 'actor_type' }) actorType: string;
  @Column({ type: 'text', name: 'actor_id', nullable: true }) actorId: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}

@ObjectType({ description: 'Credit given to a client against a paid or void invoice.' })
@Entity('credit_memos')
export class CreditMemo {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => MoneyScalar) @Column({ ...moneyColumn }) amount: number;
  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;
  @Field(() => String) @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', name: 'actor_type' }) actorType: string;
  @Column({ type: 'text', name: 'actor_id', nullable: true }) actorId: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
