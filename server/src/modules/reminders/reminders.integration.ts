import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import './reminders.jobs.js';
import { ReminderPolicyService } from './reminder-policy.service.js';
import { ReminderSweep } from './reminder-sweep.js';

export interface RemindersModule {
  policies: ReminderPolicyService;
  sweep: ReminderSweep;
}

const services = moduleServices<RemindersModule>('reminders');

/** The reminder services of a running Settle (resolvers and tests reach them here). */
export const remindersOf = (c: Container): RemindersModule => services.of(c);

export function registerReminders(c: Container): ModuleParts {
  const policies = new ReminderPolicyService(c.db, c.audit);
  const sweep = new ReminderSweep(c, policies);
  services.set(c, { policies, sweep });
  // Queued by the sweep, sent by the email job up to 8 attempts later: the invoice is asked again then.
  c.email.deliveryChecks.add({ kind: 'invoice-reminder', whyNotSend: (tx, mail) => sweep.whyNotSend(tx, mail) });
  const tasks: TypedTasks = {
    'reminders.sweep': async () => {
      // The container's clock, not the job's start time: tests and the sandbox move it.
      const r = await sweep.runDueReminders(c.clock.now());
      if (r.invoices || r.errors) logger.info(r, 'payment reminders sweep');
    },
  };
  const cron = c.config.reminders.cron;
  return {
    tasks,
    schedules: cron ? [{ task: 'reminders.sweep', match: cron, identifier: 'reminders-sweep' }] : [],
  };
}
