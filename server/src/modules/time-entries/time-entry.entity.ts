import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { nullableMoneyColumn } from '../../platform/database/columns.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';

export enum TimeEntryStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(TimeEntryStatus, { name: 'TimeEntryStatus' });

@ObjectType({ description: "A technician's billable (or not) time on a ticket." })
@Entity('time_entries')
export class TimeEntry {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'ticket_id' }) ticketId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'technician_id' }) technicianId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'service_id' }) serviceId: string;
  @Field(() => DateScalar) @Column({ type: 'date', name: 'work_date' }) workDate: string;
  @Field(() => Int) @Column({ type: 'integer' }) minutes: number;
  @Field(() => String) @Column({ type: 'text' }) note: string;
  @Field(() => Boolean) @Column({ type: 'boolean' }) billable: boolean;
  @Field(() => MoneyScalar, { nullable: true, description: 'Hourly rate override in minor units of the client currency.' })
  @Column({ ...nullableMoneyColumn, name: 'rate_override' }) rateOverride: number | null;
  @Field(() => TimeEntryStatus) @Column({ type: 'text' }) status: TimeEntryStatus;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'rejection_reason', nullable: true }) rejectionReason: string | null;
  @Column({ type: 'uuid', name: 'approved_by', nullable: true }) approvedBy: string | null;
  @Field(() => Date, { nullable: true }) @Column({ type: 'timestamptz', name: 'approved_at', nullable: true }) approvedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', name: 'invoice_id', nullable: true }) invoiceId: string | null;
  @Column({ type: 'uuid', name: 'invoice_line_id', nullable: true }) invoiceLineId: string | null;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date) @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
