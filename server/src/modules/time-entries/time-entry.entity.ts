import { UuidColumn } from '../../platform/database/columns.js';
import {
  BooleanField,
  CreatedAtField,
  DateField,
  IntegerField,
  MinorUnitsField,
  TextField,
  TimestampField,
  UpdatedAtField,
  UuidField,
} from '../../platform/database/graphql-columns.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const TimeEntryStatus = describedEnum('TimeEntryStatus', 'Where a time entry stands.', {
  DRAFT: 'Logged; the technician may still change it.',
  SUBMITTED: 'Waiting for approval.',
  APPROVED: 'Approved: it will be billed.',
  REJECTED: 'Sent back to the technician with a reason.',
});
export type TimeEntryStatus = keyof typeof TimeEntryStatus;

@GraphQLEntity('time_entries', "A technician's billable (or not) time on a ticket.", { node: true })
export class TimeEntry extends ClientRecord {
  @UuidField('ticket_id', { description: 'The ticket worked on.' }) ticketId: string;
  @UuidField('technician_id', { description: 'The user who worked.' }) technicianId: string;
  @UuidField('service_id', { description: 'The service worked (its price bills the time).' }) serviceId: string;
  @DateField('work_date', { description: 'The day worked.' }) workDate: string;
  @IntegerField({ description: 'Time worked, in minutes.' }) minutes: number;
  @TextField({ description: 'What was done.' }) note: string;
  @BooleanField({ description: 'Whether it is billed.' }) billable: boolean;
  @MinorUnitsField('rate_override', {
    nullable: true,
    description: 'Hourly rate override in minor units of the client currency (billing staff and admins).',
  })
  rateOverride: number | null;
  @TextField({
    type: () => TimeEntryStatus,
    description: 'Where it stands (draft, submitted, approved, rejected, billed).',
  })
  status: TimeEntryStatus;
  @TextField('rejection_reason', { nullable: true, description: 'Why it was rejected (null unless rejected).' })
  rejectionReason: string | null;
  @UuidColumn('approved_by', { nullable: true }) approvedBy: string | null;
  @TimestampField('approved_at', { nullable: true, description: 'When it was approved (null until then).' })
  approvedAt: Date | null;
  @UuidField('invoice_id', { nullable: true, description: 'The invoice it was billed on (null until billed).' })
  invoiceId: string | null;
  @UuidColumn('invoice_line_id', { nullable: true }) invoiceLineId: string | null;
  @CreatedAtField() createdAt: Date;
  @UpdatedAtField() updatedAt: Date;
}
