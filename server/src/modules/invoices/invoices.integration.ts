import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import './invoices.jobs.js';
import { InvoiceOverdueSweep } from './invoice-overdue-sweep.js';
import type { EntityManager } from 'typeorm';
import type { Email } from '../email/email.entity.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceStatus } from './invoice-status.js';
import { invoicesSqlAnswer } from './invoice-sql-answer.js';

/** What the invoices module runs: the sweep that announces invoices as they become overdue; `invoices` read by PostgreSQL alone. */
export function registerInvoices(c: Container): ModuleParts {
  const sweep = new InvoiceOverdueSweep(c.db, c.events);
  // Queued at send, sent by the email job up to 8 attempts later: the invoice is asked again then.
  c.email.deliveryChecks.add({ kind: 'invoice', whyNotSend: whyNotSendInvoiceEmail });
  const tasks: TypedTasks = {
    'invoices.overdue-sweep': async () => {
      // The container's clock, not the job's start time: tests and the sandbox move it.
      const announced = await sweep.announce(c.clock.now());
      if (announced) logger.info({ announced }, 'invoices became overdue');
    },
  };
  const cron = c.config.overdueCron;
  return {
    tasks,
    sqlAnswers: [invoicesSqlAnswer(c.db, () => c.clock.now())],
    schedules: cron ? [{ task: 'invoices.overdue-sweep', match: cron, identifier: 'invoices-overdue-sweep' }] : [],
  };
}

/**
 * An invoice email about to leave for an invoice voided since it was queued is not sent: it would ask the
 * client to pay what they no longer owe (its amount and pay link are those of the send).
 */
async function whyNotSendInvoiceEmail(tx: EntityManager, mail: Email): Promise<string | null> {
  if (!mail.relatedId) return null;
  const invoice = await tx.findOneBy(Invoice, { orgId: mail.orgId, id: mail.relatedId });
  if (!invoice) return 'The invoice no longer exists';
  return invoice.status === InvoiceStatus.VOID ? `Invoice ${invoice.number} was voided before this email left` : null;
}
