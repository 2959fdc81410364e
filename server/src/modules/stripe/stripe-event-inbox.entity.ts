import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../../platform/database/columns.js';

/**
 * Every verified Stripe event, stored before it is acknowledged. Unique on (org, event id): a redelivery
 * or a sweep re-reading the same event inserts nothing.
 */
@Entity('stripe_event_inbox')
export class StripeEventInbox {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Column({ type: 'text', name: 'event_id' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  /** `created` of the event (unix seconds): the ordering key against stale payloads. */
  @Column({ type: 'bigint', name: 'stripe_created', transformer: moneyColumn.transformer }) stripeCreated: number;
  /** The event as Stripe sent it (json keeps the signed text verbatim). */
  @Column({ type: 'json' }) payload: Record<string, unknown>;
  /** REJECTED: Stripe does not confirm the event (final; `error` says why). */
  @Column({ type: 'text' }) status: 'PENDING' | 'PROCESSING' | 'DONE' | 'FAILED' | 'REJECTED';
  @Column({ type: 'integer' }) attempts: number;
  /** Why the last attempt failed, or why the event was rejected. */
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'text', nullable: true }) outcome: string | null;
  @Column({ type: 'text' }) via: 'WEBHOOK' | 'SWEEP';
  /** Account + mode whose secret (or key, for the sweep) vouched for the event; null before 0008. */
  @Column({ type: 'text', name: 'account_id', nullable: true }) accountId: string | null;
  @Column({ type: 'boolean', nullable: true }) livemode: boolean | null;
  @Column({ type: 'timestamptz', name: 'received_at' }) receivedAt: Date;
  @Column({ type: 'timestamptz', name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column({ type: 'timestamptz', name: 'processed_at', nullable: true }) processedAt: Date | null;
}
