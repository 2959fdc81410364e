import { ArrayMaxSize, ArrayMinSize, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { WebhookDeliveryStatus } from './webhook.entities.js';
import { WebhookEventType } from './webhook-event-types.js';
import { registerDescribedEnum } from '../../graphql/described-enum.js';
import { Node } from '../../graphql/node.js';
import { OptionalField, OptionalText } from '../../graphql/input-rules.js';

registerDescribedEnum(
  WebhookDeliveryStatus,
  'WebhookDeliveryStatus',
  'Where a delivery to an outbound webhook endpoint stands.',
  {
    PENDING: 'Not delivered yet: waiting for its turn or for its next retry.',
    SUCCEEDED: 'The endpoint answered 2xx.',
    FAILED: 'Retries ran out (3 days of failures); the endpoint was disabled.',
  },
);

@ObjectType({
  description: 'An outbound webhook endpoint of the organization (its secret is shown as a prefix only).',
  implements: Node,
})
export class WebhookEndpointView {
  @Field(() => ID, { description: "The endpoint's id." }) id: string;
  @Field(() => String, { description: 'Where events are POSTed (http or https).' }) url: string;
  @Field(() => String, { description: "The admins' note on what the endpoint is for." }) description: string;
  @Field(() => [WebhookEventType], { description: 'The event types it receives.' }) events: WebhookEventType[];
  @Field(() => Boolean, { description: 'Disabled endpoints get no new deliveries; waiting ones resume on enable.' })
  enabled: boolean;
  @Field(() => String, { nullable: true, description: 'Why Settle disabled it (3 days of failed deliveries).' })
  disabledReason: string | null;
  @Field(() => String, { description: 'The start and last 4 characters of the signing secret.' })
  secretPrefix: string;
  @Field(() => Date, { description: 'When it was registered.' }) createdAt: Date;
  @Field(() => Date, { description: 'When it last changed.' }) updatedAt: Date;
}

@ObjectType({ description: 'An endpoint with its new signing secret: shown this once, never again.' })
export class WebhookEndpointSecretResult {
  @Field(() => WebhookEndpointView, { description: 'The endpoint.' }) endpoint: WebhookEndpointView;
  @Field(() => String, {
    description: 'The signing secret (whsec_…): verify the Settle-Signature header with it. Not shown again.',
  })
  secret: string;
}

@ObjectType({ description: 'One event sent (or being sent) to one endpoint, with its last attempt.', implements: Node })
export class WebhookDeliveryView {
  @Field(() => ID, { description: "The delivery's id." }) id: string;
  @Field(() => ID, { description: 'The endpoint.' }) endpointId: string;
  @Field(() => String, { description: 'The event id (evt_…), the same on every retry, resend and replay.' })
  eventId: string;
  @Field(() => String, { description: 'The wire name of the event type (invoice.paid…; webhook.test for tests).' })
  eventType: string;
  @Field(() => String, { description: 'The id of the object the event is about.' }) objectId: string;
  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' }) status: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far.' }) attemptCount: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer; null: none (timeout, refused).' })
  httpStatus: number | null;
  @Field(() => Int, { nullable: true, description: 'How long the last attempt took, in milliseconds.' })
  latencyMs: number | null;
  @Field(() => String, { nullable: true, description: 'The first 500 characters of the last answer.' })
  responseExcerpt: string | null;
  @Field(() => String, { nullable: true, description: 'What went wrong in the last attempt.' }) error: string | null;
  @Field(() => Date, { description: 'When it was last tried (null: not yet).', nullable: true })
  lastAttemptAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a failed delivery is tried again.' })
  nextRetryAt: Date | null;
  @Field(() => Date, { description: 'When the endpoint accepted it (null until then).', nullable: true })
  deliveredAt: Date | null;
  @Field(() => Date, { description: 'When it was queued.' }) createdAt: Date;
}

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description:
      'http(s) URL reaching public addresses; private, loopback and link-local ones are refused unless the operator opened them (SETTLE_WEBHOOK_PRIVATE_NETWORKS).',
  })
  @Length(1, 2000)
  url: string;
  @OptionalText('A note on what it is for.', 0, 500) description?: string;
  @Field(() => [WebhookEventType], { description: 'The event types to send it (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  events: WebhookEventType[];
}

@InputType({ description: "Changes to an endpoint's URL, note or events (what is left out stays)." })
export class UpdateWebhookEndpointInput {
  @OptionalText('The new URL (checked like a new one).', 1, 2000) url?: string;
  @OptionalText('The new note.', 0, 500) description?: string;
  @OptionalField(() => [WebhookEventType], 'The new list of event types (at least one).')
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  events?: WebhookEventType[];
}
