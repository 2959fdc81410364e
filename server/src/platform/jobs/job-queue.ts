import type { EntityManager } from 'typeorm';
import { Logger, runMigrations, type CronItem, type Task, type TaskList } from 'graphile-worker';
import { logger } from '../logger.js';

export interface EnqueueOptions {
  /** Jobs with the same key replace each other while pending: no duplicate work for one thing. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
}

/**
 * Every job name with its payload, declared once by the module that runs it in its `<module>.jobs.ts`
 * (graphile-worker's own typing, merged into `GraphileWorker.Tasks`). Names are `<module>.<kebab-case>`.
 */
export type JobName = keyof GraphileWorker.Tasks;
export type JobPayload<K extends JobName> = GraphileWorker.Tasks[K];

/**
 * Background work runs on graphile-worker, a PostgreSQL job queue. Jobs are added with SQL inside the
 * caller's transaction, so a job exists exactly when the change that needs it was committed.
 */
export async function enqueue<K extends JobName>(
  tx: EntityManager,
  task: K,
  payload: JobPayload<K>,
  opts: EnqueueOptions = {},
): Promise<string> {
  const [job] = (await tx.query(
    `SELECT (graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5, job_key => $6, priority => $7)).id`,
    [
      task,
      JSON.stringify(payload),
      opts.queueName ?? null,
      opts.runAt ?? null,
      opts.maxAttempts ?? 10,
      opts.jobKey ?? null,
      opts.priority ?? 0,
    ],
  )) as Array<{ id: string }>;
  return job!.id;
}

/**
 * Whether a job is still waiting to start: not taken by a worker, due, with attempts left. A read, so
 * asking is far cheaper than adding the job again (which writes, notifies and flushes a commit).
 */
export async function jobWaiting(db: EntityManager, jobId: string): Promise<boolean> {
  const [row] = (await db.query(
    `SELECT EXISTS (SELECT 1 FROM graphile_worker.jobs WHERE id = $1 AND locked_at IS NULL AND run_at <= now() AND attempts < max_attempts) AS waiting`,
    [jobId],
  )) as Array<{ waiting: boolean }>;
  return row!.waiting;
}

/** Of these job keys, those whose job is still queued (waiting, running or to be retried). */
export async function jobKeysQueued(db: EntityManager, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = (await db.query(
    `SELECT key FROM graphile_worker.jobs WHERE key = ANY($1::text[]) AND attempts < max_attempts`,
    [keys],
  )) as Array<{ key: string }>;
  return new Set(rows.map((r) => r.key));
}

/** Many jobs of one task in one statement (a batch writer's emails, say); same semantics as enqueue. */
export async function enqueueMany<K extends JobName>(
  tx: EntityManager,
  task: K,
  jobs: Array<{ payload: JobPayload<K>; jobKey?: string }>,
  opts: { maxAttempts?: number } = {},
): Promise<void> {
  if (!jobs.length) return;
  await tx.query(
    `SELECT graphile_worker.add_job($1, j.payload, max_attempts => $4, job_key => j.job_key) FROM unnest($2::json[], $3::text[]) AS j(payload, job_key)`,
    [task, jobs.map((j) => JSON.stringify(j.payload)), jobs.map((j) => j.jobKey ?? null), opts.maxAttempts ?? 10],
  );
}

// graphile-worker's own chatter goes to pino at debug, so a normal start stays readable.
export const workerLogger = new Logger((scope) => (level, message, meta) => {
  const line = { scope, meta };
  if (level === 'error') logger.error(line, `worker: ${message}`);
  else if (level === 'warning') logger.warn(line, `worker: ${message}`);
  else logger.debug(line, `worker: ${message}`);
});

/** Installs or upgrades the graphile_worker schema (idempotent). */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: workerLogger });
}

/** A typed task for each declared job name. */
export type TypedTasks = { [K in JobName]?: Task<K> };

/** Modules register their tasks and schedules here; main.ts and the tests start one worker over all. */
export interface TaskRegistry {
  tasks: TypedTasks;
  /**
   * Names jobs had before the `<module>.<kebab-case>` naming (old name → current name): jobs queued
   * under an old name by the previous release still run. Drop an entry one release after its rename.
   */
  formerNames: Record<string, JobName>;
  cron: CronItem[];
  /**
   * Run by the job supervisor on start and every few seconds, after the locks of dead workers are
   * released: modules take back what dead workers held (e.g. Stripe inbox claims).
   */
  recoveries: Array<() => Promise<unknown>>;
}

export function createTaskRegistry(): TaskRegistry {
  return { tasks: {}, formerNames: {}, cron: [], recoveries: [] };
}

/** `formerNames` entries for jobs whose old name follows from the current one by one rule (`former`). */
export function formerJobNames(current: JobName[], former: (name: JobName) => string): Record<string, JobName> {
  return Object.fromEntries(current.map((name) => [former(name), name]));
}

/** What the worker runs: every task under its name, and again under each former name. */
export function taskListOf(registry: TaskRegistry): TaskList {
  const list: TaskList = { ...registry.tasks };
  for (const [former, current] of Object.entries(registry.formerNames)) {
    const task = registry.tasks[current];
    if (task) list[former] = task as Task<any>;
  }
  return list;
}
