import {
  CreatedAtColumn,
  UpdatedAtColumn,
  MinorUnitsColumn,
  UuidColumn,
  TextColumn,
  IntegerColumn,
  BooleanColumn,
  TimestampColumn,
  DateColumn,
} from '../../platform/database/columns.js';
import { Field, ID, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const TimeEntryStatus = describedEnum(
  'TimeEntryStatus',
  {
    DRAFT: 'Logged; the technician may still change it.',
    SUBMITTED: 'Waiting for approval.',
    APPROVED: 'Approved: it will be billed.',
    REJECTED: 'Sent back to the technician with a reason.',
  },
  'Where a time entry stands.',
);
export type TimeEntryStatus = keyof typeof TimeEntryStatus;

@GraphQLEntity('time_entries', "A technician's billable (or not) time on a ticket.", { node: true })
export class TimeEntry extends ClientRecord {
  @Field(() => ID, { description: 'The ticket worked on.' }) @UuidColumn('ticket_id') ticketId: string;
  @Field(() => ID, { description: 'The user who worked.' }) @UuidColumn('technician_id') technicianId: string;
  @Field(() => ID, { description: 'The service worked (its price bills the time).' })
  @UuidColumn('service_id')
  serviceId: string;
  @Field(() => DateScalar, { description: 'The day worked.' }) @DateColumn('work_date') workDate: string;
  @Field(() => Int, { description: 'Time worked, in minutes.' }) @IntegerColumn() minutes: number;
  @Field(() => String, { description: 'What was done.' }) @TextColumn() note: string;
  @Field(() => Boolean, { description: 'Whether it is billed.' }) @BooleanColumn() billable: boolean;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Hourly rate override in minor units of the client currency (billing staff and admins).',
  })
  @MinorUnitsColumn('rate_override', { nullable: true })
  rateOverride: number | null;
  @Field(() => TimeEntryStatus, { description: 'Where it stands (draft, submitted, approved, rejected, billed).' })
  @TextColumn()
  status: TimeEntryStatus;
  @Field(() => String, { description: 'Why it was rejected (null unless rejected).', nullable: true })
  @TextColumn('rejection_reason', { nullable: true })
  rejectionReason: string | null;
  @UuidColumn('approved_by', { nullable: true }) approvedBy: string | null;
  @Field(() => Date, { description: 'When it was approved (null until then).', nullable: true })
  @TimestampColumn('approved_at', { nullable: true })
  approvedAt: Date | null;
  @Field(() => ID, { description: 'The invoice it was billed on (null until billed).', nullable: true })
  @UuidColumn('invoice_id', { nullable: true })
  invoiceId: string | null;
  @UuidColumn('invoice_line_id', { nullable: true }) invoiceLineId: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { description: 'When it last changed.' }) @UpdatedAtColumn() updatedAt: Date;
}
