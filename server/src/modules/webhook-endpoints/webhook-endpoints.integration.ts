import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { Clock } from '../../platform/clock.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { WebhookDeliverer } from './webhook-deliverer.service.js';
import { WebhookDeliveriesService } from './webhook-deliveries.service.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { recordWebhookEvents } from './webhook-event-sources.js';
import { WebhookOutbox } from './webhook-outbox.js';
import './webhook.jobs.js';
import { registerWebhookMetrics } from './webhook-metrics.js';

export interface WebhookEndpointsModule {
  endpoints: WebhookEndpointService;
  deliveries: WebhookDeliveriesService;
  outbox: WebhookOutbox;
  deliverer: WebhookDeliverer;
}

const services = moduleServices<WebhookEndpointsModule>('webhook-endpoints');

/** The webhook services of a running Settle (resolvers, tests and the bench reach them here). */
export const webhooksOf = (c: Container): WebhookEndpointsModule => services.of(c);

/**
 * Outbound webhooks: domain events become webhook events in their own transaction, and a job per
 * (endpoint, object) delivers them in order. One endpoint takes at most a quarter of the worker's slots,
 * so a slow one delays nobody else.
 */
export function webhookEndpointsIntegration(c: Container): ModuleParts {
  // The container's clock as it is at each call: tests swap in a ManualClock after setup.
  const clock: Clock = { now: () => c.clock.now() };
  const endpoints = new WebhookEndpointService(c.db, c.secrets, c.audit);
  const outbox = new WebhookOutbox(clock);
  const deliverer = new WebhookDeliverer(c.db, c.secrets, clock, c.email, {
    perEndpoint: Math.max(2, Math.floor(c.config.workerConcurrency / 4)),
    publicUrl: c.config.publicUrl,
  });
  services.set(c, {
    endpoints,
    deliveries: new WebhookDeliveriesService(c.db, clock, endpoints),
    outbox,
    deliverer,
  });
  recordWebhookEvents(c.events, (tx, events) => outbox.record(tx, events));
  const tasks: TypedTasks = {
    'webhook-endpoints.deliver': async ({ endpointId, objectId }) => {
      await deliverer.drain(endpointId, objectId);
    },
  };
  registerWebhookMetrics(c);
  return { tasks };
}
