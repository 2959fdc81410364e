import type { EntityManager } from 'typeorm';
import { enqueue, formerJobNames } from '../../platform/jobs/job-queue.js';

type InvoiceJob = { orgId: string; invoiceId: string };

declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Processes the Stripe event inbox (one pending per run time). */
      'stripe.drain-events': Record<string, never>;
      'stripe.send-invoice': InvoiceJob;
      /** Voids, expires or re-prices what Stripe holds for an invoice that changed. */
      'stripe.invoice-changed': InvoiceJob;
      'stripe.catalog-sync': { orgId: string; serviceId: string };
      /** Reads the events the webhook may have missed for one org (`resume`: on from where the last run stopped). */
      'stripe.sweep-org': { orgId: string; resume?: { since: number; after: string; newest: number } };
      'stripe.sweep-tick': Record<string, never>;
      'stripe.inbox-recover': Record<string, never>;
      /** Reads one paid payout from Stripe and records it as `payout.paid` would (a missed webhook). */
      'stripe.record-payout': { orgId: string; payoutId: string };
    }
  }
}

/**
 * Names of the previous release, still run for jobs it queued (see TaskRegistry.formerNames): it joined
 * the module and the job with a hyphen, `stripe-drain-events` for `stripe.drain-events`.
 */
export const STRIPE_FORMER_JOB_NAMES = formerJobNames(
  [
    'stripe.drain-events',
    'stripe.send-invoice',
    'stripe.invoice-changed',
    'stripe.catalog-sync',
    'stripe.sweep-org',
    'stripe.sweep-tick',
    'stripe.inbox-recover',
  ],
  (name) => name.replace('.', '-'),
);

/** The key of an invoice's pending Stripe follow-up (reconciliation looks for it while its fix waits). */
export const invoiceChangedJobKey = (invoiceId: string) => `stripe-changed:${invoiceId}`;

/** Queues the Stripe follow-up of an invoice change (one pending per invoice). */
export function queueInvoiceChanged(tx: EntityManager, orgId: string, invoiceId: string): Promise<string> {
  return enqueue(tx, 'stripe.invoice-changed', { orgId, invoiceId }, { jobKey: invoiceChangedJobKey(invoiceId) });
}

/** The key of a payout's pending read from Stripe (reconciliation looks for it while its fix waits). */
export const recordPayoutJobKey = (payoutId: string) => `stripe-record-payout:${payoutId}`;

/** Queues the read of one paid payout from Stripe, recorded as `payout.paid` would be (one pending per payout). */
export function queueRecordPayout(tx: EntityManager, orgId: string, payoutId: string): Promise<string> {
  return enqueue(tx, 'stripe.record-payout', { orgId, payoutId }, { jobKey: recordPayoutJobKey(payoutId) });
}

/** Queues the sync of one service's product and prices to Stripe (one pending per service). */
export function queueCatalogSync(tx: EntityManager, orgId: string, serviceId: string): Promise<string> {
  return enqueue(tx, 'stripe.catalog-sync', { orgId, serviceId }, { jobKey: `stripe-catalog:${serviceId}` });
}
