import type { DataSource, EntityManager } from 'typeorm';
import { enqueue, type JobName } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import type { StripeApi } from './stripe-client.js';
import { WEBHOOK_EVENTS } from './stripe-webhook-events.js';
import { StripeConnection, scopeOf } from './stripe-connection.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { ingestEvents, type DrainScheduler } from './stripe-inbox.js';

export const SWEEP_TASK = 'stripe.sweep-org' satisfies JobName;
/** Re-read a little before the cursor: several events share a second, and the inbox dedupes. */
const CURSOR_OVERLAP_S = 60;
/** Stripe's test mode allows 25 requests/s; the sweep stays well under it. */
const MIN_REQUEST_GAP_MS = 100;
const MAX_PAGES = 50;
/** An org with nothing open is read every this many intervals (30 minutes at the default 5). */
const IDLE_READ_INTERVALS = 6;

/** Where a sweep that stopped at its page bound reads on: the same window, past the last event it read. */
export interface SweepResume {
  /** The window's lower bound (unix seconds). */
  since: number;
  /** The last (oldest) event read: Stripe's `starting_after`. */
  after: string;
  /** The newest event's `created` read so far: the cursor once the window is read. */
  newest: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The self-healing sweep: reads the org's Stripe events since the stored cursor (events.list) and feeds
 * any the webhook missed into the same inbox, so a dropped delivery heals within one interval for orgs
 * with Stripe-linked invoices still SENT or PARTIALLY_PAID (or pending sessions). Other orgs are read
 * every IDLE_READ_INTERVALS intervals: a paid invoice can still be disputed, or its refund fail days later.
 * The cursor only moves on a read, so no event is passed over.
 */
export class StripeSweep {
  /** Endpoints of Settle's own this process has subscribed to WEBHOOK_EVENTS (a release may add events). */
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly db: DataSource,
    private readonly connections: StripeConnectionService,
    private readonly scheduler: DrainScheduler,
    private readonly intervalMs: number,
    private readonly maxPages = MAX_PAGES,
  ) {}

  /**
   * Reads the org's events since its cursor, newest first (Stripe's order), at most `maxPages` pages. A
   * window with more than that is not passed over: the cursor stays and the older rest is read by the
   * next run from where this one stopped (`resume`, which the sweep job carries), the cursor moving only
   * once the whole window has been read.
   */
  async sweepOrg(
    orgId: string,
    resume?: SweepResume,
  ): Promise<{ ingested: number; pages: number; resume?: SweepResume }> {
    const conn = await this.connections.find(orgId);
    if (!conn) return { ingested: 0, pages: 0 };
    const [open] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = $1 AND i.status IN ('SENT','PARTIALLY_PAID')
          AND (EXISTS (SELECT 1 FROM stripe_invoice_links l WHERE l.invoice_id = i.id)
            OR EXISTS (SELECT 1 FROM stripe_checkout_sessions s WHERE s.invoice_id = i.id))) AS open`,
      [orgId],
    )) as Array<{ open: boolean }>;
    const readAgo = conn.eventsReadAt ? Date.now() - conn.eventsReadAt.getTime() : Infinity;
    if (!resume && !open!.open && readAgo < this.intervalMs * IDLE_READ_INTERVALS) {
      await this.db.getRepository(StripeConnection).update({ orgId }, { sweptAt: new Date() });
      return { ingested: 0, pages: 0 };
    }
    const provider = this.connections.provider(conn);
    await this.keepSubscribed(orgId, conn.webhookEndpointId, provider);
    const since =
      resume?.since ?? Math.max(0, (conn.eventsCursor ?? Math.floor(Date.now() / 1000) - 3600) - CURSOR_OVERLAP_S);
    let ingested = 0;
    let pages = 0;
    let newest = Math.max(conn.eventsCursor ?? 0, resume?.newest ?? 0);
    const readAt = new Date();
    let startingAfter: string | undefined = resume?.after;
    let more = false;
    for (; pages < this.maxPages; pages++) {
      if (pages) await sleep(MIN_REQUEST_GAP_MS);
      const page = await provider.listEvents({ since, types: WEBHOOK_EVENTS as string[], startingAfter });
      ingested += await ingestEvents(this.db, orgId, page.data, 'SWEEP', scopeOf(conn));
      for (const evt of page.data) newest = Math.max(newest, evt.created);
      more = page.hasMore && page.data.length > 0;
      if (!more) break;
      startingAfter = page.data[page.data.length - 1]!.id;
    }
    if (more) {
      // Older events of the window are still unread: the cursor waits for them.
      await this.db.getRepository(StripeConnection).update({ orgId }, { sweptAt: readAt });
      logger.warn({ orgId, pages, ingested }, 'stripe sweep window larger than one run; the next run reads on');
      if (ingested) this.scheduler.kick();
      return { ingested, pages, resume: { since, after: startingAfter!, newest } };
    }
    pages++;
    await this.db
      .getRepository(StripeConnection)
      .update(
        { orgId },
        { eventsCursor: newest || Math.floor(readAt.getTime() / 1000), sweptAt: readAt, eventsReadAt: readAt },
      );
    if (ingested) {
      logger.info({ orgId, ingested }, 'stripe sweep found events the webhook missed');
      this.scheduler.kick();
    }
    return { ingested, pages };
  }

  /**
   * An endpoint Settle registered before a release subscribed to more events (refund.updated came later)
   * would never receive them: once per process, Settle sets its own endpoint's events to today's list. An
   * endpoint the admin pasted is theirs to edit. A failure is logged and tried again at the next sweep.
   */
  private async keepSubscribed(orgId: string, endpointId: string | null, provider: StripeApi): Promise<void> {
    if (!endpointId || this.subscribed.has(endpointId)) return;
    try {
      await provider.subscribeWebhookEndpoint(endpointId);
      this.subscribed.add(endpointId);
    } catch (err) {
      logger.warn({ orgId, endpointId, err: (err as Error).message }, 'could not update the Stripe webhook events');
    }
  }

  /** Schedules the next sweep of an org (one pending per org), in `tx` when given; `resume` reads on at once. */
  async scheduleNext(
    orgId: string,
    delayMs = this.intervalMs,
    tx: EntityManager = this.db.manager,
    resume?: SweepResume,
  ): Promise<void> {
    await enqueue(tx, SWEEP_TASK, resume ? { orgId, resume } : { orgId }, {
      jobKey: `stripe-sweep:${orgId}`,
      runAt: new Date(Date.now() + (resume ? 0 : delayMs)),
      maxAttempts: 3,
    });
  }

  /** Cron tick: make sure every connected org has a sweep coming. */
  async tick(): Promise<void> {
    const due = (await this.db.query(
      `SELECT org_id FROM stripe_connections WHERE swept_at IS NULL OR swept_at < now() - ($1 || ' milliseconds')::interval`,
      [String(this.intervalMs)],
    )) as Array<{ org_id: string }>;
    for (const r of due) await this.scheduleNext(r.org_id, 0);
  }
}
