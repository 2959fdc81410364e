import type { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { providerActor } from '../../platform/actor.js';
import { logger } from '../../platform/logger.js';
import { returning } from '../../platform/database/sql.js';
import type { DrainScheduler } from './stripe-inbox.js';
import type { StripeEffects } from './stripe-event-effects.js';
import type { PaymentProvider } from './stripe-client.js';
import { MONEY_EVENTS, type PreparedMoney } from './stripe-money-effects.js';

const MAX_ATTEMPTS = 8;
const BATCH = 100;
/** Stripe API calls in flight at once while preparing one batch. */
const PREFETCH = 8;

interface ClaimedEvent {
  id: string;
  event_id: string;
  type: string;
  attempts: number;
  payload: Stripe.Event;
}

/** Backoff between attempts of one event: 1 s, 4 s, 16 s … capped at 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(600_000, 1000 * 4 ** Math.max(0, attempts - 1));

/**
 * Drains one org's inbox: claims pending events (SKIP LOCKED, oldest `created` first), applies them in
 * order (runs of money events share a transaction), and records done / retry-later / failed per event.
 */
export class StripeEventProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly effects: StripeEffects,
    private readonly scheduler: DrainScheduler,
  ) {}

  async drain(orgId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await returning<ClaimedEvent>(
        this.db,
        `UPDATE stripe_event_inbox SET status = 'PROCESSING', attempts = attempts + 1, next_attempt_at = now()
          WHERE id IN (SELECT id FROM stripe_event_inbox
                        WHERE org_id = $1 AND status = 'PENDING' AND next_attempt_at <= now()
                        ORDER BY stripe_created, event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, event_id, type, attempts, payload`,
        [orgId, BATCH],
      );
      if (!batch.length) return total;
      batch.sort((a, b) => a.payload.created - b.payload.created || (a.event_id < b.event_id ? -1 : 1));
      // One API client for the whole batch (reading the connection and opening its key once).
      let provider: Promise<PaymentProvider | null> | undefined;
      const providerOnce = () => (provider ??= this.effects.providerFor(orgId));
      for (let i = 0; i < batch.length;) {
        let j = i;
        while (j < batch.length && MONEY_EVENTS.has(batch[j]!.type)) j++;
        if (j > i) {
          await this.applyMoneyRun(orgId, batch.slice(i, j), providerOnce);
          i = j;
        } else {
          await this.processOne(orgId, batch[i]!, () => this.effects.apply(orgId, batch[i]!.payload));
          i++;
        }
      }
      total += batch.length;
    }
  }

  /**
   * Consecutive money events (in `created` order): what they need from Stripe is fetched first, a few
   * at a time and outside any transaction; then they are applied in ONE transaction that also marks them
   * done, so a batch costs one commit instead of one per event. If that transaction fails (one bad
   * event, a deadlock with a concurrent payment), each event is applied again on its own.
   */
  private async applyMoneyRun(orgId: string, rows: ClaimedEvent[], provider: () => Promise<PaymentProvider | null>): Promise<void> {
    const prepared = new Map<string, PreparedMoney>();
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(PREFETCH, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        try {
          prepared.set(row.id, await this.effects.money.prepare(orgId, row.payload, provider));
        } catch (err) {
          await this.failed(orgId, row, err);
        }
      }
    }));
    const ready = rows.filter((r) => prepared.has(r.id));
    if (!ready.length) return;
    const applyOne = (tx: EntityManager, row: ClaimedEvent) => this.effects.money.applyIn(tx, orgId, providerActor('stripe', row.event_id), row.payload, prepared.get(row.id)!);
    try {
      await this.db.transaction(async (tx) => {
        const outcomes: string[] = [];
        for (const row of ready) outcomes.push(await applyOne(tx, row));
        await tx.query(
          `UPDATE stripe_event_inbox AS i SET status = 'DONE', outcome = u.outcome, error = NULL, processed_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE i.id = u.id`,
          [ready.map((r) => r.id), outcomes],
        );
      });
      return;
    } catch (err) {
      if (ready.length === 1) return this.failed(orgId, ready[0]!, err);
      logger.debug({ orgId, events: ready.length, err: (err as Error).message }, 'stripe batch failed; applying its events one by one');
    }
    for (const row of ready) await this.processOne(orgId, row, () => this.db.transaction((tx) => applyOne(tx, row)));
  }

  private async processOne(orgId: string, row: ClaimedEvent, apply: () => Promise<string>): Promise<void> {
    try {
      const outcome = await apply();
      await this.db.query(`UPDATE stripe_event_inbox SET status = 'DONE', outcome = $2, error = NULL, processed_at = clock_timestamp() WHERE id = $1`, [row.id, outcome]);
    } catch (err) {
      await this.failed(orgId, row, err);
    }
  }

  /** Retry later with backoff, or FAILED after the last attempt. */
  private async failed(orgId: string, row: ClaimedEvent, err: unknown): Promise<void> {
    const message = (err as Error).message ?? String(err);
    const final = row.attempts >= MAX_ATTEMPTS;
    logger.warn({ orgId, eventId: row.event_id, type: row.type, attempts: row.attempts, err: message, final }, 'stripe event processing failed');
    const runAt = new Date(Date.now() + retryDelayMs(row.attempts));
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE stripe_event_inbox SET status = $2, error = $3, next_attempt_at = $4 WHERE id = $1`, [row.id, final ? 'FAILED' : 'PENDING', message.slice(0, 2000), runAt]);
      if (!final) await this.scheduler.kickLater(tx, orgId, runAt);
    });
  }

  /** Inspector "replay": the event goes back to PENDING (effects are idempotent) and is drained now. */
  async replay(orgId: string, inboxId: string): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      this.db,
      `UPDATE stripe_event_inbox SET status = 'PENDING', attempts = 0, error = NULL, next_attempt_at = now() WHERE org_id = $1 AND id = $2 AND status <> 'PROCESSING' RETURNING id`,
      [orgId, inboxId],
    );
    if (rows.length) this.scheduler.kick(orgId);
    return rows.length > 0;
  }
}
