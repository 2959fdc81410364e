import type { DataSource } from 'typeorm';
import { hashToken } from '../crypto.js';
import { AppError } from '../errors.js';
import { logger } from '../logger.js';
import { addressBlock } from './address-block.js';
import type { RateFamily, RateRules } from './rate-limits.js';

/** Refused for now: the GraphQL layer answers HTTP 429 with `Retry-After: retryAfter`. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfter: number,
    message = `Too many attempts. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
  ) {
    super('RATE_LIMITED', message);
  }
}

type Bucket = { key: string; limit: number; window: number };

const PRUNE_EVERY = 500;

/**
 * Fixed-window counters in PostgreSQL (table rate_limit_hits), so the limits hold across every Settle
 * process on the database. One check is one UPSERT for all of its buckets: a bucket's window starts at
 * its first hit and lasts the rule's seconds; every attempt counts, allowed or not, so hammering
 * during a refusal does not help. Bucket keys hash the target (emails are not kept in clear here).
 */
export class RateLimiter {
  private checks = 0;

  constructor(
    private readonly db: DataSource,
    private readonly rules: RateRules,
    private readonly enabled = true,
  ) {}

  /** Counts one attempt of `family` by `ip` on `target`; throws RateLimitedError past any limit. */
  async check(family: RateFamily, who: { ip?: string | null; target?: string | null }): Promise<void> {
    if (!this.enabled) return;
    const buckets = this.bucketsOf(family, who);
    if (!buckets.length) return;
    const rows = await this.hit(buckets);
    let retryAfter = 0;
    for (const row of rows) {
      const b = buckets.find((x) => x.key === row.bucket)!;
      if (row.hits > b.limit) retryAfter = Math.max(retryAfter, row.retry_after);
    }
    if (retryAfter) {
      logger.warn({ family, ip: who.ip, retryAfter }, 'rate limit reached');
      throw new RateLimitedError(retryAfter);
    }
  }

  /**
   * For families counted after the fact (`loginFailures`: only a wrong password counts): the seconds until
   * `family`'s buckets of `who` take hits again, 0 while none is full. Counts nothing.
   */
  async retryAfter(family: RateFamily, who: { ip?: string | null; target?: string | null }): Promise<number> {
    if (!this.enabled) return 0;
    const buckets = this.bucketsOf(family, who);
    if (!buckets.length) return 0;
    const rows: Array<{ bucket: string; hits: number; retry_after: number }> = await this.db.query(
      `SELECT bucket, hits, greatest(1, ceil(extract(epoch FROM window_ends_at - now())))::int AS retry_after
         FROM rate_limit_hits WHERE bucket = ANY($1::text[]) AND window_ends_at > now()`,
      [buckets.map((b) => b.key)],
    );
    let retryAfter = 0;
    for (const row of rows) {
      const b = buckets.find((x) => x.key === row.bucket)!;
      if (row.hits >= b.limit) retryAfter = Math.max(retryAfter, row.retry_after);
    }
    return retryAfter;
  }

  /** Empties `family`'s buckets of `who` (a person proved who they are another way: their count starts again). */
  async forget(family: RateFamily, who: { ip?: string | null; target?: string | null }): Promise<void> {
    const buckets = this.bucketsOf(family, who);
    if (buckets.length)
      await this.db.query(`DELETE FROM rate_limit_hits WHERE bucket = ANY($1::text[])`, [buckets.map((b) => b.key)]);
  }

  /** Counts one hit of `family` by `who` and refuses nothing (the other half of `retryAfter`). */
  async count(family: RateFamily, who: { ip?: string | null; target?: string | null }): Promise<void> {
    if (!this.enabled) return;
    const buckets = this.bucketsOf(family, who);
    if (buckets.length) await this.hit(buckets);
  }

  private bucketsOf(family: RateFamily, who: { ip?: string | null; target?: string | null }): Bucket[] {
    const rules = this.rules[family];
    const buckets: Bucket[] = [];
    // An IPv6 caller counts by its /64, which it may send from all of (address-block.ts).
    if (rules.ip && who.ip)
      buckets.push({
        key: `${family}:ip:${addressBlock(who.ip)}`,
        limit: rules.ip.limit,
        window: rules.ip.windowSeconds,
      });
    if (rules.target && who.target)
      buckets.push({
        key: `${family}:target:${hashToken(who.target.trim().toLowerCase())}`,
        limit: rules.target.limit,
        window: rules.target.windowSeconds,
      });
    return buckets.sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order for concurrent multi-bucket checks
  }

  /** One UPSERT for all the buckets: each counts one more hit in its window (a new window once it ended). */
  private async hit(buckets: Bucket[]): Promise<Array<{ bucket: string; hits: number; retry_after: number }>> {
    const rows: Array<{ bucket: string; hits: number; retry_after: number }> = await this.db.query(
      `INSERT INTO rate_limit_hits AS r (bucket, hits, window_ends_at)
       SELECT b, 1, now() + make_interval(secs => w) FROM unnest($1::text[], $2::int[]) AS t(b, w)
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN r.window_ends_at > now() THEN r.hits + 1 ELSE 1 END,
         window_ends_at = CASE WHEN r.window_ends_at > now() THEN r.window_ends_at ELSE EXCLUDED.window_ends_at END
       RETURNING bucket, hits, greatest(1, ceil(extract(epoch FROM r.window_ends_at - now())))::int AS retry_after`,
      [buckets.map((b) => b.key), buckets.map((b) => b.window)],
    );
    if (++this.checks % PRUNE_EVERY === 0) this.prune();
    return rows;
  }

  /** Expired counters are dead weight; any process clears them now and then. */
  private prune(): void {
    void this.db
      .query(`DELETE FROM rate_limit_hits WHERE window_ends_at < now() - interval '1 hour'`)
      .catch(() => undefined);
  }
}
