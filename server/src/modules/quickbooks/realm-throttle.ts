import type { DataSource } from 'typeorm';
import { logger } from '../../platform/logger.js';

/** When set (benchmark), every request's start time is appended here. */
export const requestLog: { enabled: boolean; starts: number[] } = { enabled: false, starts: [] };

/**
 * Per-realm pacing: requests to one company start at least 1/rate seconds apart, so Settle stays under
 * Intuit's limit (sandbox 10/s, production 500/min per company) instead of learning it from 429s. The
 * limit is Intuit's per company, whichever process asks, so the slots are taken in PostgreSQL (one row
 * per realm in rate_limit_hits, its `window_ends_at` the next free slot): paced in each process's memory,
 * two workers sent twice the rate, and the excess came back as 429s that spent the operations' attempts.
 * If the database cannot be asked, this process paces on its own.
 */
export class RealmPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(private readonly db: DataSource | null) {}

  async wait(realmId: string, perSecond: number): Promise<void> {
    if (perSecond > 0) {
      const ms = await this.slot(realmId, 1000 / perSecond);
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    }
    if (requestLog.enabled) requestLog.starts.push(Date.now());
  }

  /** Claims the realm's next slot; resolves to how long until it. */
  private async slot(realmId: string, gapMs: number): Promise<number> {
    if (this.db)
      try {
        const [row] = (await this.db.query(
          `INSERT INTO rate_limit_hits AS r (bucket, hits, window_ends_at)
           VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2))
           ON CONFLICT (bucket) DO UPDATE
             SET window_ends_at = greatest(r.window_ends_at, clock_timestamp()) + make_interval(secs => $2)
           RETURNING extract(epoch FROM r.window_ends_at - clock_timestamp()) * 1000 - $2 * 1000 AS wait_ms`,
          [`quickbooks-pace:${realmId}`, gapMs / 1000],
        )) as Array<{ wait_ms: string | number }>;
        return Number(row!.wait_ms);
      } catch (err) {
        logger.warn({ err: (err as Error).message, realmId }, 'quickbooks pacing fell back to this process');
      }
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(realmId) ?? 0);
    this.nextSlot.set(realmId, slot + gapMs);
    return slot - now;
  }
}
