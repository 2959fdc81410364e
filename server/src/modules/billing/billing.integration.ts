import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { orgToday } from '../organizations/org-today.js';
import { billFromUnarchive } from './billing-settings.service.js';
import { createBillingServices } from './billing.services.js';
import './billing.jobs.js';

/**
 * The billing run is a sweep, not a timer per client: every few minutes it bills what is due at the
 * container's clock, so missed minutes (a restart, a worker down) are caught up by the next sweep.
 */
export function billingIntegration(c: Container): ModuleParts {
  const billing = createBillingServices(c);
  c.events.on('client.updated', async ({ orgId, client, before }, tx) => {
    if (before.archivedAt && !client.archivedAt)
      await billFromUnarchive(tx, orgId, client.id, await orgToday(tx, orgId, c.clock.now()));
  });
  const tasks: TypedTasks = {
    'billing.run-due': async () => {
      await billing.runner.runDue();
    },
  };
  return {
    tasks,
    schedules: [{ task: 'billing.run-due', match: '*/5 * * * *', identifier: 'billing-run-due' }],
  };
}
