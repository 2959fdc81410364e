import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { BILLING } from '../../graphql/access-policy.js';
import { reconciliationCsvRoute } from './reconciliation.routes.js';
import { ReconciliationSchedule } from './reconciliation-schedule.js';
import { ReconciliationService } from './reconciliation.service.js';

export interface ReconciliationModule {
  service: ReconciliationService;
  schedule: ReconciliationSchedule;
}

const services = moduleServices<ReconciliationModule>('reconciliation');

/** The reconciliation services of a running Settle (resolvers, routes and tests reach them here). */
export const reconciliationOf = (c: Container): ReconciliationService => services.of(c).service;
export const reconciliationScheduleOf = (c: Container): ReconciliationSchedule => services.of(c).schedule;

/** Who may read runs (GraphQL and the CSV route alike). */
export const READ_RECONCILIATION = BILLING;

export function registerReconciliation(c: Container): ModuleParts {
  const service = new ReconciliationService(c);
  const schedule = new ReconciliationSchedule(c, service);
  services.set(c, { service, schedule });
  const tasks: TypedTasks = {
    'reconciliation.nightly': async () => {
      await schedule.nightly();
    },
    'reconciliation.run-org': async ({ orgId, from, to }, helpers) => {
      await schedule.runOrgJob(orgId, { from, to }, helpers.job);
    },
    'reconciliation.recheck': async ({ orgId, runId, attempt }) => schedule.recheck(orgId, runId, attempt),
  };
  const cron = c.config.reconciliation.cron;
  return {
    tasks,
    schedules: cron ? [{ task: 'reconciliation.nightly', match: cron, identifier: 'reconciliation-nightly' }] : [],
    routes: [reconciliationCsvRoute(c, service, READ_RECONCILIATION)],
  };
}
