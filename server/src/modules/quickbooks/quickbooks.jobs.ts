import type { JobName } from '../../platform/jobs/job-queue.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Runs one queued QuickBooks operation (queue `quickbooks:<orgId>`: one company at a time). */
      'quickbooks.operation': { operationId: string };
      'quickbooks.webhook': { eventId: string };
      /** Change-data-capture poll that heals missed webhooks. */
      'quickbooks.cdc-poll': Record<string, never>;
      'quickbooks.connect-demo': Record<string, never>;
    }
  }
}

/** Names of the previous release, still run for jobs it queued (see TaskRegistry.formerNames). */
export const QUICKBOOKS_FORMER_JOB_NAMES: Record<string, JobName> = {
  'quickbooks.cdcPoll': 'quickbooks.cdc-poll',
  'quickbooks.connectDemo': 'quickbooks.connect-demo',
};
