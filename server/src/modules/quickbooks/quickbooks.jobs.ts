import type { JobName } from '../../platform/jobs/job-queue.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Runs one queued QuickBooks operation (queue `quickbooks:<orgId>`: one company at a time). */
      'quickbooks.operation': { operationId: string };
      'quickbooks.webhook': { eventId: string };
      /** Reads one QuickBooks Payment again and records what Settle lacks of it (a retry, a draft now sent). */
      'quickbooks.apply-payment': { orgId: string; qbPaymentId: string };
      /** Change-data-capture poll that heals missed webhooks. */
      'quickbooks.cdc-poll': Record<string, never>;
      'quickbooks.connect-demo': Record<string, never>;
    }
  }
}

/** Reads one QuickBooks Payment again (quickbooks-inbound.service.ts reapply). */
export const APPLY_PAYMENT_TASK = 'quickbooks.apply-payment' satisfies JobName;

/** Names of the previous release, still run for jobs it queued (see TaskRegistry.formerNames). */
export const QUICKBOOKS_FORMER_JOB_NAMES: Record<string, JobName> = {
  'quickbooks.cdcPoll': 'quickbooks.cdc-poll',
  'quickbooks.connectDemo': 'quickbooks.connect-demo',
};
