import type { DataSource } from 'typeorm';
import type Stripe from 'stripe';
import { logger } from '../../platform/logger.js';
import { returning } from '../../platform/database/sql.js';
import type { DrainScheduler } from './stripe-inbox.js';
import type { StripeEffects } from './stripe-event-effects.js';

const MAX_ATTEMPTS = 8;
const BATCH = 100;

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
 * Drains one org's inbox: claims pending events (SKIP LOCKED, oldest `created` first), applies each in
 * its own transaction, and records done / retry-later / failed per event.
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
      for (const row of batch) await this.processOne(orgId, row);
      total += batch.length;
    }
  }

  private async processOne(orgId: string, row: ClaimedEvent): Promise<void> {
    try {
      const outcome = await this.effects.apply(orgId, row.payload);
      await this.db.query(`UPDATE stripe_event_inbox SET status = 'DONE', outcome = $2, error = NULL, processed_at = now() WHERE id = $1`, [row.id, outcome]);
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      const final = row.attempts >= MAX_ATTEMPTS;
      logger.warn({ orgId, eventId: row.event_id, type: row.type, attempts: row.attempts, err: message, final }, 'stripe event processing failed');
      const runAt = new Date(Date.now() + retryDelayMs(row.attempts));
      await this.db.transaction(async (tx) => {
        await tx.query(`UPDATE stripe_event_inbox SET status = $2, error = $3, next_attempt_at = $4 WHERE id = $1`, [row.id, final ? 'FAILED' : 'PENDING', message.slice(0, 2000), runAt]);
        if (!final) await this.scheduler.kickLater(tx, orgId, runAt);
      });
    }
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
