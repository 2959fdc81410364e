import type { TestSettle } from '../../../test/harness.js';

/**
 * Sends the reset links `requestPasswordReset` queued (its `auth.password-reset` jobs) now, as the worker
 * would: jobs no worker has taken are run here, and those a running worker took are waited for.
 */
export async function sendQueuedPasswordResets(s: TestSettle): Promise<void> {
  const db = s.container.db;
  const [taken] = (await db.query(
    `DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND t.identifier = 'auth.password-reset' AND j.locked_at IS NULL
      RETURNING j.payload`,
  )) as [Array<{ payload: { email: string } }>, number];
  for (const { payload } of taken) await s.container.auth.staffPasswords.requestReset(payload.email);
  for (let waited = 0; waited < 10_000; waited += 20) {
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'auth.password-reset'`,
    )) as Array<{ n: number }>;
    if (!n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('auth.password-reset jobs are still queued');
}
