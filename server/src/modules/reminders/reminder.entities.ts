import { Column, Entity } from 'typeorm';
import {
  BooleanColumn,
  CreatedAtColumn,
  DateColumn,
  IntegerColumn,
  TextColumn,
  TimestampColumn,
  UuidColumn,
} from '../../platform/database/columns.js';
import { OrgOrClientSettingsRecord, OrgRecord } from '../../platform/database/org-record.js';
import { stringEnum } from '../../platform/string-enum.js';

/** An org's reminder schedule (clientId null) or one client's own. */
@Entity('reminder_policies')
export class ReminderPolicy extends OrgOrClientSettingsRecord {
  @BooleanColumn() enabled: boolean;
  /** Days relative to the due date, ascending. */
  @Column({ type: 'integer', array: true }) offsets: number[];
  @CreatedAtColumn() createdAt: Date;
}

export const RecordedReminderStatus = stringEnum('SENT', 'SKIPPED', 'FAILED');
export type RecordedReminderStatus = keyof typeof RecordedReminderStatus;

/** What became of one reminder of an invoice: emailed, skipped after a missed sweep, or failed (and why). */
@Entity('invoice_reminders')
export class InvoiceReminderRecord extends OrgRecord {
  @UuidColumn('invoice_id') invoiceId: string;
  @IntegerColumn('offset_days') offsetDays: number;
  @DateColumn('planned_for') plannedFor: string;
  @TextColumn() status: RecordedReminderStatus;
  @TextColumn({ nullable: true }) reason: string | null;
  /** The sweep's clock when it recorded this (the scheduler's now, which tests move). */
  @TimestampColumn('recorded_at') recordedAt: Date;
  @TimestampColumn('sent_at', { nullable: true }) sentAt: Date | null;
  @UuidColumn('email_id', { nullable: true }) emailId: string | null;
}

export const REMINDER_ENTITIES = [ReminderPolicy, InvoiceReminderRecord];
