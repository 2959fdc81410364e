import { EventEmitter } from 'node:events';
import pg from 'pg';
import {
  parseCronItems,
  run,
  type ParsedCronItem,
  type Runner,
  type WorkerEvents,
  type WorkerPool,
} from 'graphile-worker';
import { logger } from '../logger.js';
import { BEAT_MS, WorkerLiveness } from './worker-liveness.js';
import { taskListOf, type TaskRegistry, workerLogger } from './job-queue.js';
import { resilientPool } from './resilient-pool.js';

/** How long a runner being replaced may finish its jobs before they are failed back to the queue. */
const STOP_GRACE_MS = 5_000;
/** A runner that lived this long was healthy: the next restart starts the backoff again. */
const STABLE_MS = 30_000;

export interface JobSupervisorOptions {
  concurrency: number;
  pollInterval: number;
  /** Maintenance tick: heartbeat, dead-worker reaping, recoveries. */
  tickMs?: number;
  /**
   * Whether the registry's cron schedules fire (default: they do). Off, the worker runs queued jobs only:
   * tests turn them off so no tick on the wall clock charges, sweeps or bills their data behind their back.
   */
  schedules?: boolean;
}

/**
 * Runs graphile-worker and keeps it running. graphile-worker never replaces a worker that exited (one
 * that could not release its job after a connection loss commits seppuku), so without this a pool
 * shrinks to nothing while HTTP keeps answering. Whenever a worker of the current runner stops, or the
 * runner itself ends, the runner is replaced (backoff 250 ms doubling to 10 s, logged at error).
 * Every tick this process beats, unlocks the jobs of workers that are gone and runs the registry's
 * recoveries (e.g. Stripe inbox claims of dead workers), and once before the first runner starts.
 */
export class JobSupervisor {
  readonly liveness: WorkerLiveness;
  private readonly pool: pg.Pool;
  private runner: Runner | null = null;
  private workerPool: WorkerPool | null = null;
  private generation = 0;
  private live = 0;
  private startedAt = 0;
  private failures = 0;
  private stopping = false;
  private restarting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** Restarts since start (exposed for /readyz and the fault tests). */
  restarts = 0;
  /** The schedules handed to graphile-worker's cron (none when started with `schedules: false`). */
  readonly scheduled: ParsedCronItem[];

  constructor(
    connectionString: string,
    private readonly registry: TaskRegistry,
    private readonly opts: JobSupervisorOptions,
  ) {
    // Workers share this pool; it outlives runner restarts and always has an error handler.
    this.pool = resilientPool(connectionString, opts.concurrency + 4, 'settle-jobs');
    this.liveness = new WorkerLiveness(this.pool);
    // Parsed either way: a bad schedule fails the start, with its schedules on or off.
    const parsed = parseCronItems(registry.cron);
    this.scheduled = opts.schedules === false ? [] : parsed;
  }

  get configured(): number {
    return this.opts.concurrency;
  }

  /** Workers of the current runner that are running (configured count when healthy). */
  get workers(): number {
    return this.live;
  }

  async start(): Promise<void> {
    await this.tick();
    await this.spawn();
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs ?? BEAT_MS);
    this.timer.unref();
    logger.info(
      {
        tasks: Object.keys(this.registry.tasks),
        schedules: this.scheduled.map((c) => c.task),
        concurrency: this.opts.concurrency,
      },
      'job worker started',
    );
  }

  /** Heartbeat, dead workers' jobs unlocked, recoveries. One at a time; a failure (database down) waits for the next tick. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      try {
        await this.liveness.beat();
        await this.liveness.reapDeadWorkers();
        for (const recover of this.registry.recoveries) await recover();
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'job maintenance tick failed; retrying on the next one');
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  private async spawn(): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.stopping;
    const events = new EventEmitter() as WorkerEvents;
    this.live = 0;
    events.on('pool:create', ({ workerPool }) => {
      if (generation === this.generation) this.workerPool = workerPool;
    });
    events.on('worker:create', ({ worker }) => {
      this.liveness.workerStarted(worker.workerId);
      if (generation === this.generation) this.live++;
    });
    events.on('worker:stop', ({ worker, error }) => {
      this.liveness.workerStopped(worker.workerId);
      if (generation !== this.generation) return;
      this.live--;
      if (current())
        this.restart(`job worker ${worker.workerId} exited${error ? `: ${(error as Error).message}` : ''}`);
    });
    const runner = await run({
      pgPool: this.pool,
      concurrency: this.opts.concurrency,
      pollInterval: this.opts.pollInterval,
      taskList: taskListOf(this.registry),
      parsedCronItems: this.scheduled,
      noHandleSignals: true,
      logger: workerLogger,
      events,
    });
    this.runner = runner;
    this.startedAt = Date.now();
    runner.promise.then(
      () => current() && this.restart('job runner stopped'),
      (err: Error) => current() && this.restart(`job runner failed: ${err.message}`),
    );
  }

  /** Replaces the runner, retrying with backoff until a new one starts. */
  private restart(reason: string): void {
    if (this.restarting || this.stopping) return;
    this.restarts++;
    if (Date.now() - this.startedAt > STABLE_MS) this.failures = 0;
    this.restarting = (async () => {
      const old = { runner: this.runner, pool: this.workerPool };
      this.generation++; // events of the old runner no longer count
      this.live = 0;
      for (;;) {
        const delay = Math.min(10_000, 250 * 2 ** this.failures++);
        logger.error(
          { reason, inMs: delay, configured: this.opts.concurrency },
          'JOB WORKER POOL BROKEN: restarting the job runner',
        );
        await new Promise((r) => setTimeout(r, delay));
        if (this.stopping) return;
        if (old.runner) {
          await stopWithin(old.runner, old.pool, STOP_GRACE_MS);
          old.runner = null;
        }
        try {
          await this.spawn();
          logger.warn({ workers: this.live }, 'job runner restarted');
          return;
        } catch (err) {
          reason = `restart failed: ${(err as Error).message}`;
        }
      }
    })().finally(() => {
      this.restarting = null;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.restarting;
    await this.ticking;
    await this.runner?.stop().catch((err: Error) => logger.warn({ err: err.message }, 'job runner stop failed'));
    await this.pool.end().catch(() => undefined);
  }
}

/** Graceful stop, forceful after `ms` (jobs still running are failed back to the queue, retried later). */
async function stopWithin(runner: Runner, pool: WorkerPool | null, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = runner
    .stop()
    .catch((err: Error) => logger.warn({ err: err.message }, 'old job runner did not stop cleanly'));
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  const outcome = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') await pool?.forcefulShutdown('replaced by a new runner').catch(() => undefined);
}

/** Seconds the oldest due, unlocked job has waited (0 when none): the queue's lag. */
export async function jobLagSeconds(db: { query(sql: string): Promise<unknown> }): Promise<number> {
  const rows = (await db.query(
    `SELECT extract(epoch FROM now() - min(run_at))::float8 AS lag FROM graphile_worker._private_jobs
      WHERE locked_at IS NULL AND run_at <= now() AND attempts < max_attempts`,
  )) as Array<{ lag: number | null }>;
  return Math.max(0, Math.round(rows[0]?.lag ?? 0));
}

/** Starts the supervised job worker (main.ts, tests and benchmarks all go through here). */
export async function startWorker(
  connectionString: string,
  registry: TaskRegistry,
  opts: { concurrency?: number; pollInterval?: number; tickMs?: number; schedules?: boolean } = {},
): Promise<JobSupervisor> {
  const supervisor = new JobSupervisor(connectionString, registry, {
    concurrency: opts.concurrency ?? 8,
    pollInterval: opts.pollInterval ?? 1000,
    tickMs: opts.tickMs,
    schedules: opts.schedules,
  });
  await supervisor.start();
  return supervisor;
}
