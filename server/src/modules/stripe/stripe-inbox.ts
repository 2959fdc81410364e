import type { DataSource, EntityManager } from 'typeorm';
import { enqueue, jobWaiting, type JobName } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { aliveSql, LIVENESS_GRACE_MS } from '../../platform/jobs/worker-liveness.js';
import { pgPoolOf, type PgPool } from '../../platform/database/pg-pool.js';

export const DRAIN_TASK = 'stripe.drain-events' satisfies JobName;

/**
 * Stores a verified event (or one the sweep found) in the inbox. One statement; the unique
 * (org, event id) makes duplicates and replays insert nothing. Returns true when it was new.
 */
export async function ingestEvent(
  db: DataSource,
  orgId: string,
  evt: InboxRow['evt'],
  rawJson: string,
  via: 'WEBHOOK' | 'SWEEP',
  scope: EventScope | null = null,
): Promise<boolean> {
  const [fresh] = await insertInbox(pgPoolOf(db), [{ orgId, evt, rawJson, scope }], via);
  return fresh!;
}

/**
 * Stores the events one org's sweep read (a page of events.list) that the inbox does not hold yet.
 * Nearly all are there already (the webhook brought them): one read finds which, and the rest go in with
 * one statement (a duplicate racing in meanwhile inserts nothing). Returns how many were new.
 */
export async function ingestEvents(
  db: DataSource,
  orgId: string,
  evts: Array<InboxRow['evt']>,
  via: 'WEBHOOK' | 'SWEEP',
  scope: EventScope | null = null,
): Promise<number> {
  if (!evts.length) return 0;
  const pool = pgPoolOf(db);
  const known = await pool.query({
    text: `SELECT event_id FROM stripe_event_inbox WHERE org_id = $1 AND event_id = ANY($2::text[])`,
    values: [orgId, evts.map((e) => e.id)],
  });
  const held = new Set(known.rows.map((r) => r.event_id as string));
  const rows = evts.filter((e) => !held.has(e.id)).map((evt) => ({ orgId, evt, rawJson: JSON.stringify(evt), scope }));
  if (!rows.length) return 0;
  return (await insertInbox(pool, rows, via)).filter(Boolean).length;
}

/** The Stripe account + mode whose signing secret (or API key) vouched for an event. */
export interface EventScope {
  accountId: string;
  livemode: boolean;
}

interface InboxRow {
  orgId: string;
  evt: { id: string; type: string; created: number; data?: { object?: unknown } };
  rawJson: string;
  scope: EventScope | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Settle invoice an event names (metadata Settle set on the session, payment intent or invoice, or
 * the session's client_reference_id), read from the already parsed event: no extra work on the ack path.
 */
export function invoiceIdOf(evt: InboxRow['evt']): string | null {
  const obj = evt.data?.object as
    { metadata?: Record<string, string> | null; client_reference_id?: string | null } | undefined;
  const id = obj?.metadata?.settle_invoice_id ?? obj?.client_reference_id ?? null;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

/**
 * Verified webhook events into the inbox with group commit: an event arriving while a write is in
 * flight waits for it and goes with the others that arrived meanwhile, as one multi-row INSERT and one
 * commit. Alone it is written at once, so a quiet endpoint waits for nothing; under load a commit (and
 * its WAL flush) serves many acks. One write in flight measured best here: every round trip to
 * PostgreSQL costs a wake-up on both sides, so fewer, fuller batches beat more, emptier ones. Each
 * caller learns whether its event was new; a batch that fails is written row by row, so one bad event
 * never fails the others.
 */
export class InboxWriter {
  private queue: Array<InboxRow & { resolve: (fresh: boolean) => void; reject: (err: unknown) => void }> = [];
  private inFlight = 0;
  constructor(
    private readonly pool: PgPool,
    private readonly maxInFlight = 1,
    private readonly maxBatch = 200,
  ) {}

  /** Stores the event; true when it was new (false: a duplicate of one already stored). */
  write(orgId: string, evt: InboxRow['evt'], rawJson: string, scope: EventScope | null = null): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ orgId, evt, rawJson, scope, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: typeof this.queue): Promise<void> {
    try {
      const fresh = await insertInbox(this.pool, batch);
      batch.forEach((row, n) => row.resolve(fresh[n]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(batch.map((row) => insertInbox(this.pool, [row]).then(([f]) => row.resolve(f!), row.reject)));
    }
  }
}

/**
 * One INSERT … ON CONFLICT DO NOTHING for the rows (named, so each pooled connection plans each batch
 * size once). Per row: whether it was new. Of two rows of one event in a batch, the first is the new one.
 * A row alone (every ack when requests come one at a time) learns it from the row count: no RETURNING,
 * so PostgreSQL describes and sends no rows and the driver parses none.
 */
async function insertInbox(pool: PgPool, rows: InboxRow[], via: 'WEBHOOK' | 'SWEEP' = 'WEBHOOK'): Promise<boolean[]> {
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    values.push(
      r.orgId,
      r.evt.id,
      r.evt.type,
      r.evt.created,
      r.rawJson,
      invoiceIdOf(r.evt),
      r.scope?.accountId ?? null,
      r.scope?.livemode ?? null,
    );
    const n = values.length;
    return `($${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::json, $${n - 2}::uuid, '${via}', $${n - 1}::text, $${n}::boolean)`;
  });
  const alone = rows.length === 1;
  const res = await pool.query({
    name: rows.length <= 64 ? `settle-stripe-inbox-insert4-${via}-${rows.length}` : undefined,
    text: `INSERT INTO stripe_event_inbox (org_id, event_id, type, stripe_created, payload, invoice_id, via, account_id, livemode) VALUES ${tuples.join(', ')}
           ON CONFLICT (org_id, event_id) DO NOTHING${alone ? '' : ' RETURNING org_id, event_id'}`,
    values,
  });
  if (alone) return [res.rowCount === 1];
  const inserted = new Set(res.rows.map((r) => `${r.org_id as string}:${r.event_id as string}`));
  return rows.map((r) => inserted.delete(`${r.orgId}:${r.evt.id}`));
}

/**
 * Asks the worker to drain the inbox. The webhook answers before this runs, so acknowledging costs its
 * INSERT only; kicks arriving within 25 ms share one statement and one job (one job key for the whole
 * inbox: the drain takes every org's due events). Adding the job is a commit with a NOTIFY that the
 * acks' commits queue behind, so it is only added when the one this scheduler added last has started
 * (or is gone): a job that has not started yet will drain every event committed before it starts, so
 * a kick meanwhile needs only a read to know there is nothing to add. Under steady traffic that is one
 * job per drain instead of one per 25 ms. If the process dies in between, the recovery cron finds the
 * pending rows and kicks again.
 */
export class DrainScheduler {
  private wanted = false;
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;
  /** The drain job this scheduler added last (null: none yet, or it may have started). */
  private waitingJob: string | null = null;
  constructor(
    private readonly db: DataSource,
    private readonly batchMs = 25,
  ) {}

  kick(): void {
    this.wanted = true;
    if (!this.flushing) this.timer ??= setTimeout(() => void this.flush(), this.batchMs);
  }

  /** One statement at a time: kicks arriving meanwhile wait for the next one. */
  private async flush(): Promise<void> {
    this.timer = null;
    if (!this.wanted) return;
    this.wanted = false;
    this.flushing = true;
    try {
      if (this.waitingJob && (await jobWaiting(this.db.manager, this.waitingJob))) return;
      this.waitingJob = null;
      this.waitingJob = await enqueue(this.db.manager, DRAIN_TASK, {}, { jobKey: 'stripe-drain', maxAttempts: 25 });
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not enqueue the Stripe inbox drain; the recovery cron will');
    } finally {
      this.flushing = false;
      if (this.wanted) this.timer ??= setTimeout(() => void this.flush(), this.batchMs);
    }
  }

  /** A drain when an event's retry falls due (one job per second of retries, never postponed by a later one). */
  async kickLater(tx: EntityManager, runAt: Date): Promise<void> {
    await enqueue(
      tx,
      DRAIN_TASK,
      {},
      { jobKey: `stripe-drain-at:${Math.ceil(runAt.getTime() / 1000)}`, runAt, maxAttempts: 25 },
    );
  }
}

/**
 * Claims whose owner is gone go back to PENDING (their attempt not counted: the crash was not the
 * event's fault); if any row is due, a drain. An owner is a graphile worker id with a heartbeat
 * (settle_worker_heartbeats): a claim is dead within seconds of its worker's last beat, so a restart
 * after kill -9 heals at once instead of after 5 minutes. Claims without an owner (a drain run outside
 * the job worker) keep the old rule: still PROCESSING 5 minutes after being claimed. With `dueForMs`,
 * only PENDING rows due at least that long (and recovered ones) call for a drain.
 */
export async function recoverInbox(
  db: DataSource,
  scheduler: DrainScheduler,
  opts: { dueForMs?: number } = {},
): Promise<boolean> {
  const grace = `make_interval(secs => ${LIVENESS_GRACE_MS / 1000})`;
  const recovered = (await db.query(
    `UPDATE stripe_event_inbox i SET status = 'PENDING', claimed_by = NULL, attempts = greatest(attempts - 1, 0), next_attempt_at = now()
      WHERE status = 'PROCESSING'
        AND (claimed_by IS NULL AND next_attempt_at < now() - interval '5 minutes'
             OR claimed_by IS NOT NULL AND next_attempt_at < now() - ${grace} AND NOT ${aliveSql('i.claimed_by')})
      RETURNING claimed_by`,
  )) as [Array<{ claimed_by: string | null }>, number];
  if (recovered[1])
    logger.warn({ events: recovered[1] }, 'stripe events claimed by a worker that is gone were handed back');
  // The frequent caller only kicks for rows left due a while (a kick lost in a crash), not for rows
  // whose drain is simply on its way.
  const [row] = (await db.query(
    `SELECT EXISTS (SELECT 1 FROM stripe_event_inbox WHERE status = 'PENDING' AND next_attempt_at <= now() - make_interval(secs => $1)) AS due`,
    [(opts.dueForMs ?? 0) / 1000],
  )) as Array<{ due: boolean }>;
  const due = recovered[1] > 0 || row!.due;
  if (due) scheduler.kick();
  return due;
}

/**
 * Whether an event naming this invoice is acknowledged but not yet applied (PENDING or PROCESSING):
 * its money may be on the way, so a new Checkout session now could charge the payer twice.
 */
export async function paymentBeingConfirmed(
  db: Pick<DataSource, 'query'>,
  orgId: string,
  invoiceId: string,
): Promise<boolean> {
  const [row] = (await db.query(
    `SELECT EXISTS (SELECT 1 FROM stripe_event_inbox WHERE org_id = $1 AND invoice_id = $2 AND status IN ('PENDING', 'PROCESSING') AND invoice_id IS NOT NULL) AS open`,
    [orgId, invoiceId],
  )) as Array<{ open: boolean }>;
  return row!.open;
}
