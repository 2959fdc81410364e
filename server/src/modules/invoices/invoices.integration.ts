import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import './invoices.jobs.js';
import { InvoiceOverdueSweep } from './invoice-overdue-sweep.js';
import { todayUtc } from './invoice-status.js';
import { invoicesSqlAnswer } from './invoice-sql-answer.js';

/** What the invoices module runs: the sweep that announces invoices as they become overdue; `invoices` read by PostgreSQL alone. */
export function registerInvoices(c: Container): ModuleParts {
  const sweep = new InvoiceOverdueSweep(c.db, c.events);
  const tasks: TypedTasks = {
    'invoices.overdue-sweep': async () => {
      // The container's clock, not the job's start time: tests and the sandbox move it.
      const announced = await sweep.announce(todayUtc(c.clock.now()));
      if (announced) logger.info({ announced }, 'invoices became overdue');
    },
  };
  const cron = c.config.overdueCron;
  return {
    tasks,
    sqlAnswers: [invoicesSqlAnswer(c.db)],
    schedules: cron ? [{ task: 'invoices.overdue-sweep', match: cron, identifier: 'invoices-overdue-sweep' }] : [],
  };
}
