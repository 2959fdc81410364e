import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A customer of the service business, billed in one currency.' })
@Entity('clients')
export class Client {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String) @Column({ type: 'text', name: 'billing_email' }) billingEmail: string;
  @Field(() => String) @Column({ type: 'char', length: 3 }) currency: string;
  @Field(() => Int, { nullable: true, description: 'Overrides the org default tax rate (basis points).' })
  @Column({ type: 'integer', name: 'tax_rate_bps', nullable: true }) taxRateBps: number | null;
  @Field(() => Int, { nullable: true, description: 'Overrides the org default days until due.' })
  @Column({ type: 'integer', name: 'days_until_due', nullable: true }) daysUntilDue: number | null;
  @Field(() => String, { nullable: true, description: 'Overrides the org memo template.' })
  @Column({ type: 'text', name: 'memo_template', nullable: true }) memoTemplate: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Overrides whether the client may pay part of a balance.' })
  @Column({ type: 'boolean', name: 'allow_partial_payments', nullable: true }) allowPartialPayments: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Overrides whether invoice emails carry a pay link.' })
  @Column({ type: 'boolean', name: 'email_pay_link', nullable: true }) emailPayLink: boolean | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'archived_at', nullable: true }) archivedAt: Date | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
