import { Arg, Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IdArg, InputArg } from '../../graphql/args.js';
import { IsUUID } from 'class-validator';
import { Connection, PageArgs, toConnection } from '../../graphql/connection.js';
import { StaffWith, type StaffCaller } from '../../graphql/guards.js';
import { webhooksOf, type WebhookEndpointsModule } from './webhook-endpoints.integration.js';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryView,
  WebhookEndpointSecretResult,
  WebhookEndpointView,
} from './webhook.types.js';

const WebhookAdmin = () => StaffWith((c) => ({ webhooks: webhooksOf(c) }));
type WebhookAdmin = StaffCaller & { webhooks: WebhookEndpointsModule };

@ObjectType({ description: "A page of an endpoint's deliveries, newest first." })
class WebhookDeliveryConnection extends Connection(WebhookDeliveryView, 'WebhookDelivery', 'deliveries') {}

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The endpoint whose deliveries to list.' }) @IsUUID() endpointId: string;
}

@Resolver()
export class WebhookEndpointsResolver {
  @Query(() => [WebhookEndpointView], { description: "The organization's outbound webhook endpoints." })
  webhookEndpoints(@WebhookAdmin() { orgId, webhooks }: WebhookAdmin): Promise<WebhookEndpointView[]> {
    return webhooks.endpoints.list(orgId);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: "An endpoint's deliveries, newest first (50 when no size is given, at most 200): its delivery log.",
  })
  async webhookDeliveries(
    @Args(() => WebhookDeliveriesArgs) { endpointId, ...page }: WebhookDeliveriesArgs,
    @WebhookAdmin() { orgId, webhooks }: WebhookAdmin,
  ) {
    return toConnection(await webhooks.deliveries.list(orgId, endpointId, page));
  }

  @Mutation(() => WebhookEndpointSecretResult, {
    description: 'Registers an endpoint; its signing secret is in the answer, shown this once.',
  })
  createWebhookEndpoint(
    @InputArg(() => CreateWebhookEndpointInput, 'The URL and the events it wants.')
    input: CreateWebhookEndpointInput,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<WebhookEndpointSecretResult> {
    return webhooks.endpoints.create(orgId, actor, input);
  }

  @Mutation(() => WebhookEndpointView, { description: "Changes an endpoint's URL, note or event types." })
  updateWebhookEndpoint(
    @IdArg('id', 'The endpoint.') id: string,
    @InputArg(() => UpdateWebhookEndpointInput, 'The fields to change.')
    input: UpdateWebhookEndpointInput,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<WebhookEndpointView> {
    return webhooks.endpoints.update(orgId, actor, id, input);
  }

  @Mutation(() => WebhookEndpointView, { description: 'Stops new deliveries to an endpoint (waiting ones wait).' })
  disableWebhookEndpoint(
    @IdArg('id', 'The endpoint.') id: string,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<WebhookEndpointView> {
    return webhooks.endpoints.setEnabled(orgId, actor, id, false);
  }

  @Mutation(() => WebhookEndpointView, {
    description: 'Turns an endpoint back on; deliveries that were waiting are sent at once.',
  })
  enableWebhookEndpoint(
    @IdArg('id', 'The endpoint.') id: string,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<WebhookEndpointView> {
    return webhooks.endpoints.setEnabled(orgId, actor, id, true);
  }

  @Mutation(() => Boolean, { description: 'Deletes an endpoint and its deliveries log.' })
  deleteWebhookEndpoint(
    @IdArg('id', 'The endpoint.') id: string,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<boolean> {
    return webhooks.endpoints.delete(orgId, actor, id);
  }

  @Mutation(() => WebhookEndpointSecretResult, {
    description: 'A new signing secret for the endpoint, shown this once; the old one stops at once.',
  })
  rotateWebhookSecret(
    @IdArg('id', 'The endpoint.') id: string,
    @WebhookAdmin() { orgId, actor, webhooks }: WebhookAdmin,
  ): Promise<WebhookEndpointSecretResult> {
    return webhooks.endpoints.rotateSecret(orgId, actor, id);
  }

  @Mutation(() => WebhookDeliveryView, { description: "Sends a delivery's event to its endpoint again." })
  resendWebhookDelivery(
    @IdArg('id', 'The delivery.') id: string,
    @WebhookAdmin() { orgId, webhooks }: WebhookAdmin,
  ): Promise<WebhookDeliveryView> {
    return webhooks.deliveries.resend(orgId, id);
  }

  @Mutation(() => Int, {
    description: 'Sends the endpoint again the events of its types created from `from` to `to`; answers how many.',
  })
  replayWebhookEvents(
    @IdArg('endpointId', 'The endpoint.') endpointId: string,
    @Arg('from', () => Date, { description: 'Start of the range (inclusive).' }) from: Date,
    @Arg('to', () => Date, { description: 'End of the range (inclusive).' }) to: Date,
    @WebhookAdmin() { orgId, webhooks }: WebhookAdmin,
  ): Promise<number> {
    return webhooks.deliveries.replay(orgId, endpointId, from, to);
  }

  @Mutation(() => WebhookDeliveryView, { description: 'Sends the endpoint a `webhook.test` event.' })
  sendTestWebhookEvent(
    @IdArg('endpointId', 'The endpoint.') endpointId: string,
    @WebhookAdmin() { orgId, webhooks }: WebhookAdmin,
  ): Promise<WebhookDeliveryView> {
    return webhooks.deliveries.sendTest(orgId, endpointId);
  }
}
