import type { TestSettle } from './harness.js';

/**
 * Runs the jobs of task `identifier` that are queued now, as the worker would, through `run` (what the
 * task does with its payload): jobs no worker has taken are taken off the queue and run here, and those
 * a running worker took are waited for.
 */
export async function runQueuedJobsNow<Payload>(
  s: TestSettle,
  identifier: string,
  run: (payload: Payload) => Promise<unknown>,
): Promise<void> {
  const db = s.container.db;
  const [taken] = (await db.query(
    `DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks t
      WHERE t.id = j.task_id AND t.identifier = $1 AND j.locked_at IS NULL
      RETURNING j.payload`,
    [identifier],
  )) as [Array<{ payload: Payload }>, number];
  for (const { payload } of taken) await run(payload);
  for (let waited = 0; waited < 10_000; waited += 20) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1`, [
      identifier,
    ])) as Array<{ n: number }>;
    if (!n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${identifier} jobs are still queued`);
}
