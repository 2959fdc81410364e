import { Column, Entity } from 'typeorm';
import {
  BigintColumn,
  TextColumn,
  IntegerColumn,
  BooleanColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';

/**
 * Every verified Stripe event, stored before it is acknowledged. Unique on (org, event id): a redelivery
 * or a sweep re-reading the same event inserts nothing.
 */
@Entity('stripe_event_inbox')
export class StripeEventInbox extends OrgRecord {
  @TextColumn('event_id') eventId: string;
  @TextColumn() type: string;
  /** `created` of the event (unix seconds): the ordering key against stale payloads. */
  @BigintColumn('stripe_created') stripeCreated: number;
  /** The event as Stripe sent it (json keeps the signed text verbatim). */
  @Column({ type: 'json' }) payload: Record<string, unknown>;
  /** REJECTED: Stripe does not confirm the event (final; `error` says why). */
  @TextColumn() status: 'PENDING' | 'PROCESSING' | 'DONE' | 'FAILED' | 'REJECTED';
  @IntegerColumn() attempts: number;
  /** Why the last attempt failed, or why the event was rejected. */
  @TextColumn({ nullable: true }) error: string | null;
  @TextColumn({ nullable: true }) outcome: string | null;
  @TextColumn() via: 'WEBHOOK' | 'SWEEP';
  /** Account + mode whose secret (or key, for the sweep) vouched for the event; null before 0008. */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @TimestampColumn('received_at') receivedAt: Date;
  @TimestampColumn('next_attempt_at') nextAttemptAt: Date;
  @TimestampColumn('processed_at', { nullable: true }) processedAt: Date | null;
}
