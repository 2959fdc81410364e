import { ADMIN } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { WebhookDelivery, WebhookEndpoint, WebhookEventRow } from './webhook.entities.js';
import { webhookEndpointsIntegration } from './webhook-endpoints.integration.js';
import { WebhookEndpointsResolver } from './webhook-endpoints.resolver.js';
import { WebhookEndpoints1795300031000 } from './migrations/0028-webhook-endpoints.migration.js';
import { PrivateWebhookTargetsAreTheOperators1795300045000 } from './migrations/0042-private-webhook-targets-are-the-operators.migration.js';
import { viewNodeSource } from '../../graphql/node.js';
import { WebhookEndpointView } from './webhook.types.js';
import { endpointView } from './webhook-endpoint.service.js';
import { deliveryView } from './webhook-deliveries.service.js';

/** Outbound webhooks: admins register endpoints; Settle's changes are POSTed to them, signed, in order. */
export const webhookEndpointsModule: SettleModule = {
  name: 'webhook-endpoints',
  entities: [WebhookEndpoint, WebhookEventRow, WebhookDelivery],
  migrations: [WebhookEndpoints1795300031000, PrivateWebhookTargetsAreTheOperators1795300045000],
  resolvers: [WebhookEndpointsResolver],
  nodes: [
    viewNodeSource(WebhookEndpoint, (e) => Object.assign(new WebhookEndpointView(), endpointView(e)), {
      access: ADMIN,
    }),
    viewNodeSource(WebhookDelivery, deliveryView, { access: ADMIN }),
  ],
  access: {
    Query: { webhookEndpoints: ADMIN, webhookDeliveries: ADMIN },
    Mutation: {
      createWebhookEndpoint: ADMIN,
      updateWebhookEndpoint: ADMIN,
      disableWebhookEndpoint: ADMIN,
      enableWebhookEndpoint: ADMIN,
      deleteWebhookEndpoint: ADMIN,
      rotateWebhookSecret: ADMIN,
      resendWebhookDelivery: ADMIN,
      replayWebhookEvents: ADMIN,
      sendTestWebhookEvent: ADMIN,
    },
  },
  setup: webhookEndpointsIntegration,
};
