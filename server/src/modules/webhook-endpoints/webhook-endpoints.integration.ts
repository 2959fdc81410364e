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
import { WebhookWakeups } from './webhook-wakeups.js';
import { WebhookAddressPolicy } from './webhook-url-policy.js';
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
 * Outbound webhooks: domain events become webhook events in their own transaction, which wakes the
 * endpoints at commit; a worker queues one job per endpoint, which delivers them, each object's in order, 16 requests at a time, in one worker slot: a slow
 * endpoint delays nobody else.
 */
export function webhookEndpointsIntegration(c: Container): ModuleParts {
  // The container's clock as it is at each call: tests swap in a ManualClock after setup.
  const clock: Clock = { now: () => c.clock.now() };
  // Private networks endpoints may reach are the operator's decision, the same for every org.
  const addresses = new WebhookAddressPolicy(c.config.webhookPrivateNetworks);
  const endpoints = new WebhookEndpointService(c.db, c.secrets, c.audit, addresses);
  const outbox = new WebhookOutbox(clock);
  const deliverer = new WebhookDeliverer(c.db, c.secrets, clock, c.email, {
    parallel: 16,
    publicUrl: c.config.publicUrl,
    addresses,
  });
  services.set(c, {
    endpoints,
    deliveries: new WebhookDeliveriesService(c.db, clock, endpoints),
    outbox,
    deliverer,
  });
  recordWebhookEvents(c.events, (tx, events) => outbox.record(tx, events));
  const tasks: TypedTasks = {
    'webhook-endpoints.deliver': async ({ endpointId }) => {
      await deliverer.drain(endpointId);
    },
  };
  registerWebhookMetrics(c);
  // Worker processes turn commit-time wake-ups into delivery jobs; an api process only announces them.
  const wakeups = c.config.runWorker ? new WebhookWakeups(c.databaseUrl, c.db, clock, c.config.listenerCheckMs) : null;
  return { tasks, start: async () => wakeups?.start(), stop: async () => wakeups?.stop() };
}
