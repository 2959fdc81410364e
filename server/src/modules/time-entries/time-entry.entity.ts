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
import { Field, ID, Int, registerEnumType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

export const TimeEntryStatus = stringEnum('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED');
export type TimeEntryStatus = keyof typeof TimeEntryStatus;
registerEnumType(TimeEntryStatus, { name: 'TimeEntryStatus' });

@GraphQLEntity('time_entries', "A technician's billable (or not) time on a ticket.", { node: true })
export class TimeEntry extends ClientRecord {
  @Field(() => ID) @UuidColumn('ticket_id') ticketId: string;
  @Field(() => ID) @UuidColumn('technician_id') technicianId: string;
  @Field(() => ID) @UuidColumn('service_id') serviceId: string;
  @Field(() => DateScalar) @DateColumn('work_date') workDate: string;
  @Field(() => Int) @IntegerColumn() minutes: number;
  @Field(() => String) @TextColumn() note: string;
  @Field(() => Boolean) @BooleanColumn() billable: boolean;
  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Hourly rate override in minor units of the client currency.',
  })
  @MinorUnitsColumn('rate_override', { nullable: true })
  rateOverride: number | null;
  @Field(() => TimeEntryStatus) @TextColumn() status: TimeEntryStatus;
  @Field(() => String, { nullable: true }) @TextColumn('rejection_reason', { nullable: true }) rejectionReason:
    string | null;
  @UuidColumn('approved_by', { nullable: true }) approvedBy: string | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('approved_at', { nullable: true }) approvedAt: Date | null;
  @Field(() => ID, { nullable: true }) @UuidColumn('invoice_id', { nullable: true }) invoiceId: string | null;
  @UuidColumn('invoice_line_id', { nullable: true }) invoiceLineId: string | null;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { description: 'When it last changed.' }) @UpdatedAtColumn() updatedAt: Date;
}
