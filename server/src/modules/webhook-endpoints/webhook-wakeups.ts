import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../platform/clock.js';
import { ReconnectingListener } from '../../platform/events/reconnecting-listener.js';
import { logger } from '../../platform/logger.js';
import './webhook.jobs.js';

const CHANNEL = 'settle_webhook_wakeups';
/**
 * An endpoint's job is queued at most once per this many milliseconds per process (wake-ups meanwhile
 * queue it once more when the time is up): a busy org's every commit does not upsert the same job row.
 */
const THROTTLE_MS = 25;
/** How often a worker also looks for due deliveries no wake-up announced (a failed upsert, a gap). */
const SWEEP_MS = 60_000;

/**
 * Queues an endpoint's delivery job: one job key and queue per endpoint, so one drain at a time sends its
 * objects' events, in order. With `runAt` null (woken by new deliveries) a waiting job is pulled forward to
 * now; a retry time (`preserveRunAt`) never pushes back a job that is already due sooner. A job already
 * running gets a new one behind it. One key per statement: add_jobs locks several keys' rows in no set
 * order, and two such calls can deadlock.
 */
export async function queueDeliveryJob(
  db: EntityManager,
  endpointId: string,
  runAt: Date | null = null,
  preserveRunAt = false,
): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job('webhook-endpoints.deliver', json_build_object('endpointId', $1::text),
       queue_name => 'whk:' || $1, run_at => $2::timestamptz, max_attempts => 25, job_key => 'whk:' || $1,
       job_key_mode => CASE WHEN $3 THEN 'preserve_run_at' ELSE 'replace' END)`,
    [endpointId, runAt, preserveRunAt],
  );
}

/**
 * Announces, at commit, that these endpoints have deliveries to send. The business transaction only
 * NOTIFYs: queuing the endpoint's job there would make every change of an org wait on its endpoints'
 * job rows (and deadlock two changes that take them in another order).
 */
export async function wakeEndpoints(tx: EntityManager, endpointIds: string[]): Promise<void> {
  const unique = [...new Set(endpointIds)];
  if (unique.length) await tx.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [CHANNEL, unique]);
}

/**
 * What turns wake-ups into delivery jobs, in each worker process: one LISTEN connection (reconnecting with
 * backoff) and each woken endpoint's job queued (or pulled forward) outside any business transaction, at
 * most once per THROTTLE_MS. On every (re)connect and every minute it also queues the endpoints
 * that have due deliveries, so a wake-up missed while nobody listened is only late, never lost; a
 * connection gone silent is found by its `SELECT 1` checks and replaced.
 */
export class WebhookWakeups {
  private readonly connection: ReconnectingListener;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** When each endpoint's job was last queued here, and the timers of those waiting to be queued again. */
  private readonly lastQueued = new Map<string, number>();
  private readonly waiting = new Map<string, NodeJS.Timeout>();

  constructor(
    connectionString: string,
    private readonly db: DataSource,
    private readonly clock: Clock,
    /** How often the LISTEN connection is asked whether it still answers (checkListening). */
    checkMs = 10_000,
  ) {
    this.connection = new ReconnectingListener(connectionString, {
      applicationName: 'settle-webhook-wakeups',
      channels: [CHANNEL],
      checkMs,
      name: 'webhook wake-up listener',
      onNotification: (msg) => {
        if (msg.channel === CHANNEL && msg.payload) this.wake(msg.payload);
      },
      // Whatever was committed while nobody listened (or before this worker started).
      onListening: () => this.sweep(),
    });
  }

  async start(): Promise<void> {
    await this.connection.start();
    this.sweepTimer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    const stopped = this.connection.stop();
    for (const t of this.waiting.values()) clearTimeout(t);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await stopped;
    await Promise.all([...this.waiting.keys()].map((id) => this.queue(id)));
    this.waiting.clear();
  }

  /** Queues the job of every endpoint with a delivery due now. */
  async sweep(): Promise<void> {
    try {
      const rows = (await this.db.query(
        `SELECT DISTINCT endpoint_id AS id FROM webhook_deliveries
          WHERE status = 'PENDING' AND (next_retry_at IS NULL OR next_retry_at <= $1)`,
        [this.clock.now()],
      )) as Array<{ id: string }>;
      for (const r of rows) await this.queue(r.id);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not look for due webhook deliveries');
    }
  }

  private wake(endpointId: string): void {
    if (this.waiting.has(endpointId)) return;
    const wait = (this.lastQueued.get(endpointId) ?? 0) + THROTTLE_MS - Date.now();
    if (wait <= 0) return void this.queue(endpointId);
    this.waiting.set(
      endpointId,
      setTimeout(() => {
        this.waiting.delete(endpointId);
        void this.queue(endpointId);
      }, wait),
    );
  }

  private async queue(endpointId: string): Promise<void> {
    this.lastQueued.set(endpointId, Date.now());
    try {
      await queueDeliveryJob(this.db.manager, endpointId);
    } catch (err) {
      // The minute's sweep queues it.
      logger.warn({ err: (err as Error).message, endpointId }, 'could not queue webhook deliveries');
    }
  }
}
