import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSettle, type TestSettle } from '../../test/harness.js';
import { startWorker, type JobSupervisor } from '../platform/jobs/job-supervisor.js';

// Issue #18 points 4 and 5: a job (and its serial queue) locked by a worker killed with kill -9 is taken
// back on start instead of after graphile-worker's 4-hour lock; a pool that loses a worker refills; and
// /readyz says when work is not moving.
let s: TestSettle;
const extra: JobSupervisor[] = [];
beforeAll(async () => {
  s = await startTestSettle({ worker: true });
});
afterAll(async () => {
  for (const sup of extra) await sup.stop();
  await s?.close();
});
const db = () => s.container.db;

/** A job in a serial queue (as QuickBooks operations are), locked with its queue by `worker` `agoS` seconds ago. */
async function lockedJob(worker: string, agoS: number): Promise<string> {
  return db().transaction(async (tx) => {
    const [job] = (await tx.query(
      `SELECT (graphile_worker.add_job('stripe.inbox-recover', '{}'::json, queue_name => 'qbo:dead-worker-test')).id`,
    )) as Array<{ id: string }>;
    await tx.query(
      `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - make_interval(secs => $2), attempts = 1 WHERE id = $3`,
      [worker, agoS, job!.id],
    );
    await tx.query(
      `UPDATE graphile_worker._private_job_queues SET locked_by = $1, locked_at = now() - make_interval(secs => $2) WHERE queue_name = 'qbo:dead-worker-test'`,
      [worker, agoS],
    );
    return job!.id;
  });
}
const jobExists = async (id: string) =>
  (
    (await db().query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE id = $1`, [id])) as Array<{
      n: number;
    }>
  )[0]!.n > 0;

describe('dead workers', () => {
  it('takes back on start the job and queue locked by a worker killed with kill -9', async () => {
    await s.worker!.stop();
    const id = await lockedJob('worker-killed-9', 60);
    const t0 = Date.now();
    const sup = await startWorker(s.container.databaseUrl, s.modules.tasks, { pollInterval: 50, schedules: false });
    extra.push(sup);
    await eventually(async () => !(await jobExists(id)), "the dead worker's job to run", 30_000);
    console.log(`dead worker's job done ${Date.now() - t0} ms after the restart`);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('leaves the job of a worker that is alive (beating) locked', async () => {
    const sup = extra[0]!;
    const id = await lockedJob('worker-still-alive', 60);
    for (let i = 0; i < 3; i++) {
      await db()
        .query(`INSERT INTO settle_worker_heartbeats (worker_id, process_id) VALUES ('worker-still-alive', 'test')
         ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`);
      await sup.tick();
    }
    const [row] = (await db().query(`SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1`, [
      id,
    ])) as Array<{ locked_by: string }>;
    expect(row!.locked_by).toBe('worker-still-alive');
    await db().query(`DELETE FROM settle_worker_heartbeats WHERE worker_id = 'worker-still-alive'`);
    await sup.tick();
    await eventually(async () => !(await jobExists(id)), 'the job once its worker stopped beating', 15_000);
  });

  it('refills the pool when a worker exits', async () => {
    const sup = extra[0]!;
    expect(sup.workers).toBe(sup.configured);
    const pool = (sup as unknown as { workerPool: { _workers: Array<{ release: () => void }> } }).workerPool;
    pool._workers[0]!.release(); // as graphile-worker does when a worker cannot release its job
    await eventually(async () => sup.restarts >= 1 && sup.workers === sup.configured, 'the pool to refill', 15_000);
    expect(sup.workers).toBe(sup.configured);
  });
});

describe('/readyz', () => {
  let r: TestSettle;
  beforeAll(async () => {
    r = await startTestSettle({ worker: true });
  });
  afterAll(async () => r?.close());

  it('is green when work moves and red when the oldest due job is too old', async () => {
    const ok = await eventually(async () => {
      const res = await fetch(`${r.url}/readyz`);
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null;
    }, '/readyz green');
    expect(ok).toMatchObject({ ok: true, workers: 8, configuredWorkers: 8, listener: true, jobLagSeconds: 0 });
    // A job no worker here can run, due two minutes ago: work is not moving.
    await r.container.db.query(
      `SELECT graphile_worker.add_job('task-nobody-runs', '{}'::json, run_at => now() - interval '2 minutes')`,
    );
    const red = await fetch(`${r.url}/readyz`);
    expect(red.status).toBe(503);
    const body = (await red.json()) as { ok: boolean; jobLagSeconds: number; problems: string[] };
    expect(body.ok).toBe(false);
    expect(body.jobLagSeconds).toBeGreaterThanOrEqual(120);
    expect(body.problems.join(' ')).toContain('oldest due job');
    // Fewer workers than configured is red too.
    const sup = r.worker!;
    await r.container.db.query(
      `DELETE FROM graphile_worker._private_jobs WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'task-nobody-runs')`,
    );
    (sup as unknown as { live: number }).live--;
    const short = await fetch(`${r.url}/readyz`);
    expect(short.status).toBe(503);
    expect(((await short.json()) as { problems: string[] }).problems.join(' ')).toContain('7 of 8 job workers running');
    (sup as unknown as { live: number }).live++;
    expect((await fetch(`${r.url}/readyz`)).status).toBe(200);
  });
});
