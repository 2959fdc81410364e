import { Node } from '../../graphql/node.js';
import { Column, Entity } from 'typeorm';
import { ObjectType } from 'type-graphql';
import { BigintColumn, TextColumn, BooleanColumn, TimestampColumn } from '../../platform/database/columns.js';
import { IntegerField, TextField, TimestampField } from '../../platform/database/graphql-columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { StripeEventVia } from './stripe.types.js';
import { StripeEventStatus } from './stripe.types.js';

/**
 * Every verified Stripe event, stored before it is acknowledged. Unique on (org, event id): a redelivery
 * or a sweep re-reading the same event inserts nothing. It is also the webhook inspector's
 * `StripeWebhookEvent` (the payload, the account and the schedule stay server-side).
 */
@Entity('stripe_event_inbox')
@ObjectType('StripeWebhookEvent', {
  description: 'One received Stripe event in the webhook inspector.',
  implements: Node,
})
export class StripeEventInbox extends OrgRecord {
  @TextField('event_id', { description: "Stripe's event id (evt_…)." }) eventId: string;
  @TextField({ description: "Stripe's event type (e.g. invoice.paid)." }) type: string;
  /** `created` of the event (unix seconds): the ordering key against stale payloads. */
  @BigintColumn('stripe_created') stripeCreated: number;
  /** The event as Stripe sent it (json keeps the signed text verbatim). */
  @Column({ type: 'json' }) payload: Record<string, unknown>;
  /** REJECTED: Stripe does not confirm the event (final; `error` says why). */
  @TextField({ type: () => StripeEventStatus, description: 'Where it stands.' }) status: StripeEventStatus;
  @IntegerField({ description: 'How many times Settle tried to apply it.' }) attempts: number;
  @TextField({
    nullable: true,
    description: 'Why the last attempt failed, or (REJECTED) why Stripe does not confirm the event.',
  })
  error: string | null;
  @TextField({ nullable: true, description: 'What processing did (or why it ignored the event).' })
  outcome: string | null;
  @TextField({ type: () => StripeEventVia, description: 'How it reached Settle.' }) via: StripeEventVia;
  /** Account + mode whose secret (or key, for the sweep) vouched for the event; null before 0008. */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @TimestampField('received_at', { description: 'When Settle received it.' }) receivedAt: Date;
  @TimestampColumn('next_attempt_at') nextAttemptAt: Date;
  @TimestampField('processed_at', { nullable: true, description: 'When it was applied (null while waiting).' })
  processedAt: Date | null;
}
