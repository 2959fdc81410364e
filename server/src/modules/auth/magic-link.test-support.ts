import type { TestSettle } from '../../../test/harness.js';

/**
 * Sends the sign-in links `requestMagicLink` queued (its `auth.magic-link` jobs) now, as the worker
 * would: jobs no worker has taken are run here, and those a running worker took are waited for.
 */
export async function sendQueuedMagicLinks(s: TestSettle): Promise<void> {
  const db = s.container.db;
  const [taken] = (await db.query(
    `DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND t.identifier = 'auth.magic-link' AND j.locked_at IS NULL
      RETURNING j.payload`,
  )) as [Array<{ payload: { email: string; orgSlug: string | null } }>, number];
  for (const { payload } of taken) await s.container.auth.requestMagicLink(payload.email, payload.orgSlug ?? undefined);
  for (let waited = 0; waited < 10_000; waited += 20) {
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'auth.magic-link'`,
    )) as Array<{ n: number }>;
    if (!n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('auth.magic-link jobs are still queued');
}
