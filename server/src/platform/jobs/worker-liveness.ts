import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { logger } from '../logger.js';

/** A worker (or process) whose last beat is older than this is gone. Beats come every BEAT_MS. */
export const LIVENESS_GRACE_MS = 10_000;
export const BEAT_MS = 2_000;

/**
 * SQL predicate: worker id `col` has beaten within the grace period. Used wherever "the owner of this
 * claim is still alive" is asked (graphile job locks, Stripe inbox claims).
 */
export const aliveSql = (col: string) =>
  `EXISTS (SELECT 1 FROM settle_worker_heartbeats h WHERE h.worker_id = ${col} AND h.beat_at > now() - make_interval(secs => ${LIVENESS_GRACE_MS / 1000}))`;

/**
 * Tells the living from the dead. This process and each of its graphile workers beat into
 * `settle_worker_heartbeats`; a job lock held by an id without a recent beat (a process killed with
 * kill -9, a worker that exited after a connection loss) is released with graphile-worker's
 * `force_unlock_workers` instead of waiting out its 4-hour lock. Ids are random per worker, so a beat
 * can never vouch for a worker of another process.
 */
export class WorkerLiveness {
  readonly processId = `proc-${randomUUID()}`;
  private readonly workers = new Set<string>();

  constructor(private readonly pool: pg.Pool) {}

  workerStarted(id: string): void {
    this.workers.add(id);
  }

  workerStopped(id: string): void {
    this.workers.delete(id);
  }

  /** One statement: this process's ids beat, ids it no longer runs are removed, long-dead rows pruned. */
  async beat(): Promise<void> {
    const ids = [this.processId, ...this.workers];
    await this.pool.query(
      `WITH up AS (
         INSERT INTO settle_worker_heartbeats (worker_id, process_id, beat_at) SELECT unnest($1::text[]), $2, now()
         ON CONFLICT (worker_id) DO UPDATE SET beat_at = now() RETURNING 1)
       DELETE FROM settle_worker_heartbeats
        WHERE (process_id = $2 AND worker_id <> ALL($1::text[])) OR beat_at < now() - interval '1 day'`,
      [ids, this.processId],
    );
  }

  /**
   * Unlocks jobs and queues held by workers with no recent beat. The lock must also be older than the
   * grace period, so a worker that took a job before its first beat is never mistaken for a dead one.
   * Returns the worker ids released.
   */
  async reapDeadWorkers(): Promise<string[]> {
    const grace = `make_interval(secs => ${LIVENESS_GRACE_MS / 1000})`;
    const { rows } = await this.pool.query<{ locked_by: string }>(
      `SELECT DISTINCT locked_by FROM (
         SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
         UNION ALL
         SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL) l
        WHERE l.locked_at < now() - ${grace} AND NOT ${aliveSql('l.locked_by')}`,
    );
    const dead = rows.map((r) => r.locked_by);
    if (dead.length) {
      await this.pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [dead]);
      logger.warn({ workers: dead }, 'released the jobs of job workers that are gone');
    }
    return dead;
  }
}
