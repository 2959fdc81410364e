import type { DataSource } from 'typeorm';
import type { SettleMetrics } from '../metrics/settle-metrics.js';
import { jobLagSeconds } from './job-supervisor.js';

/**
 * The job queue as Prometheus sees it, read from graphile-worker's tables on each scrape (so every
 * process reports the same queue): jobs waiting by task, jobs whose last attempt failed by task (being
 * retried, or given up on once out of attempts), and how long the oldest due job has waited.
 */
export function registerJobMetrics(metrics: SettleMetrics, db: DataSource): void {
  const byTask = async (where: string) =>
    (
      (await db.query(
        `SELECT t.identifier AS task, count(*)::int AS n
           FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE ${where} GROUP BY 1`,
      )) as Array<{ task: string; n: number }>
    ).map((r) => ({ labels: { task: r.task }, value: r.n }));
  metrics.gauge({
    name: 'settle_job_queue_depth',
    help: 'Jobs waiting to run (due or scheduled, not yet out of attempts), by task.',
    labelNames: ['task'],
    read: () => byTask('j.attempts < j.max_attempts'),
  });
  metrics.gauge({
    name: 'settle_jobs_failing',
    help: 'Jobs whose last attempt failed, by task: being retried, or given up on once out of attempts.',
    labelNames: ['task'],
    read: () => byTask('j.last_error IS NOT NULL'),
  });
  metrics.gauge({
    name: 'settle_job_lag_seconds',
    help: 'How long the oldest due job has waited for a worker.',
    read: async () => [{ value: await jobLagSeconds(db) }],
  });
}
