import type { DataSource, EntityManager } from 'typeorm';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { returning } from '../../platform/database/sql.js';

export const DRAIN_TASK = 'stripe-drain-events';

/**
 * Stores a verified event (or one the sweep found) in the inbox. One statement; the unique
 * (org, event id) makes duplicates and replays insert nothing. Returns true when it was new.
 */
export async function ingestEvent(db: DataSource | EntityManager, orgId: string, evt: { id: string; type: string; created: number }, rawJson: string, via: 'WEBHOOK' | 'SWEEP'): Promise<boolean> {
  const rows = await returning<{ id: string }>(
    db,
    `INSERT INTO stripe_event_inbox (org_id, event_id, type, stripe_created, payload, via)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (org_id, event_id) DO NOTHING RETURNING id`,
    [orgId, evt.id, evt.type, evt.created, rawJson, via],
  );
  return rows.length > 0;
}

/**
 * Asks the worker to drain an org's inbox. The webhook answers before this runs, so acknowledging costs
 * one INSERT; many events arriving together share one job (job key per org). If the process dies in
 * between, the recovery cron finds the pending rows and enqueues the drain.
 */
export class DrainScheduler {
  private readonly inFlight = new Set<string>();
  constructor(private readonly db: DataSource) {}

  kick(orgId: string): void {
    if (this.inFlight.has(orgId)) return;
    this.inFlight.add(orgId);
    enqueue(this.db.manager, DRAIN_TASK, { orgId }, { jobKey: `stripe-drain:${orgId}`, maxAttempts: 25 })
      .catch((err: Error) => logger.warn({ orgId, err: err.message }, 'could not enqueue the Stripe inbox drain; the recovery cron will'))
      .finally(() => this.inFlight.delete(orgId));
  }

  async kickLater(tx: EntityManager, orgId: string, runAt: Date): Promise<void> {
    await enqueue(tx, DRAIN_TASK, { orgId }, { jobKey: `stripe-drain-retry:${orgId}`, runAt, maxAttempts: 25 });
  }
}

/** Rows stuck in PROCESSING (a crashed worker) go back to PENDING; orgs with due rows get a drain. */
export async function recoverInbox(db: DataSource, scheduler: DrainScheduler): Promise<number> {
  await db.query(`UPDATE stripe_event_inbox SET status = 'PENDING' WHERE status = 'PROCESSING' AND next_attempt_at < now() - interval '5 minutes'`);
  const orgs = (await db.query(`SELECT DISTINCT org_id FROM stripe_event_inbox WHERE status = 'PENDING' AND next_attempt_at <= now()`)) as Array<{ org_id: string }>;
  for (const o of orgs) scheduler.kick(o.org_id);
  return orgs.length;
}
