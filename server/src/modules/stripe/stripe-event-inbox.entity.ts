import { Node } from '../../graphql/node.js';
import { Column, Entity } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import {
  BigintColumn,
  TextColumn,
  IntegerColumn,
  BooleanColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
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
  @Field(() => String, { description: "Stripe's event id (evt_…)." }) @TextColumn('event_id') eventId: string;
  @Field(() => String, { description: "Stripe's event type (e.g. invoice.paid)." }) @TextColumn() type: string;
  /** `created` of the event (unix seconds): the ordering key against stale payloads. */
  @BigintColumn('stripe_created') stripeCreated: number;
  /** The event as Stripe sent it (json keeps the signed text verbatim). */
  @Column({ type: 'json' }) payload: Record<string, unknown>;
  /** REJECTED: Stripe does not confirm the event (final; `error` says why). */
  @Field(() => StripeEventStatus, { description: 'Where it stands.' }) @TextColumn() status: StripeEventStatus;
  @Field(() => Int, { description: 'How many times Settle tried to apply it.' }) @IntegerColumn() attempts: number;
  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed, or (REJECTED) why Stripe does not confirm the event.',
  })
  @TextColumn({ nullable: true })
  error: string | null;
  @Field(() => String, { nullable: true, description: 'What processing did (or why it ignored the event).' })
  @TextColumn({ nullable: true })
  outcome: string | null;
  @Field(() => StripeEventVia, { description: 'How it reached Settle.' }) @TextColumn() via: StripeEventVia;
  /** Account + mode whose secret (or key, for the sweep) vouched for the event; null before 0008. */
  @TextColumn('account_id', { nullable: true }) accountId: string | null;
  @BooleanColumn({ nullable: true }) livemode: boolean | null;
  @Field(() => Date, { description: 'When Settle received it.' }) @TimestampColumn('received_at') receivedAt: Date;
  @TimestampColumn('next_attempt_at') nextAttemptAt: Date;
  @Field(() => Date, { description: 'When it was applied (null while waiting).', nullable: true })
  @TimestampColumn('processed_at', { nullable: true })
  processedAt: Date | null;
}
