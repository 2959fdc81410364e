import type { EntityManager } from 'typeorm';
import { enqueue } from '../../platform/jobs/job-queue.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** The nightly run: one run of the previous period for every org with an integration connected. */
      'reconciliation.nightly': Record<string, never>;
      /** One org's scheduled run (and the admins' email when it finds something). */
      'reconciliation.run-org': { orgId: string; from: string; to: string };
      /** After a fix: compares the run's period again and marks what agrees now FIXED. */
      'reconciliation.recheck': { orgId: string; runId: string; attempt: number };
    }
  }
}

/** Fixes go through queued QuickBooks operations, so the first re-check waits a little and retries. */
export const RECHECK_DELAYS_MS = [5_000, 15_000, 60_000, 300_000];
/** Re-checks of one run at most: past the delays, every 5 minutes while a fix's QuickBooks operation is queued (2 hours). */
export const MAX_RECHECKS = 27;

export function queueRecheck(tx: EntityManager, orgId: string, runId: string, attempt: number): Promise<string> {
  const delay = RECHECK_DELAYS_MS[Math.min(attempt, RECHECK_DELAYS_MS.length) - 1]!;
  return enqueue(
    tx,
    'reconciliation.recheck',
    { orgId, runId, attempt },
    { jobKey: `reconciliation-recheck:${runId}`, runAt: new Date(Date.now() + delay) },
  );
}
