import type { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { logger } from '../../platform/logger.js';
import { returning } from '../../platform/database/sql.js';
import type { DrainScheduler } from './stripe-inbox.js';
import type { StripeEffects } from './stripe-event-effects.js';
import { MONEY_EVENTS, type PreparedMoney } from './stripe-money-effects.js';
import { ClaimReads } from './stripe-claim-reads.js';
import { StripeRejection } from './stripe-confirmation.js';

const MAX_ATTEMPTS = 8;
/**
 * Events claimed at once: their money is applied in one transaction of a fixed number of statements, and
 * the Stripe objects they name are asked with one list call per org and kind (ClaimReads.prefetch), which
 * pays off once a claim holds several events of an org.
 */
export const CLAIM_SIZE = 500;
/** Events being prepared at once (each waits for its Stripe reads, bounded per org by ClaimReads). */
const PREFETCH = 32;
/**
 * Transactions a claim's money is committed in, side by side, each holding whole orgs (an org's events
 * stay in order in one transaction; orgs share no rows, so the lanes never wait on each other). One
 * transaction runs on one PostgreSQL backend, one core: two lanes let a 2-core database work on a
 * claim with both. Below LANE_MIN events a claim is committed in one transaction.
 */
const COMMIT_LANES = 2;
const LANE_MIN = 64;

interface ClaimedEvent {
  id: string;
  org_id: string;
  event_id: string;
  type: string;
  attempts: number;
  payload: Stripe.Event;
  /** Account + mode whose secret or key vouched for it (null: stored before accounts were recorded). */
  account_id: string | null;
  livemode: boolean | null;
}

/** Backoff between attempts of one event: 1 s, 4 s, 16 s … capped at 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(600_000, 1000 * 4 ** Math.max(0, attempts - 1));

/**
 * Drains the inbox: claims due events of every org (SKIP LOCKED, oldest `created` first), and applies
 * each org's events in order. Orgs whose claimed events all record money (the bulk of traffic) have them
 * applied together, in one transaction for the whole claim; an org with other events in between goes
 * event by event, its runs of money events still sharing a transaction. Each event ends done,
 * rejected (Stripe does not confirm it: never retried), retry-later or failed.
 */
export class StripeEventProcessor {
  constructor(
    private readonly db: DataSource,
    private readonly effects: StripeEffects,
    private readonly scheduler: DrainScheduler,
    /** Events claimed at once (CLAIM_SIZE; tests of backlogs that span claims use fewer). */
    public claimSize = CLAIM_SIZE,
  ) {}

  /**
   * Drains every org's due events, or only `orgId`'s. Returns how many were processed. Two claims are
   * in flight at once: while one is applied (PostgreSQL), the next is claimed and what it needs from
   * Stripe is fetched; claims are still applied one after the other, in order. If a claim cannot be
   * applied (the database connection lost mid-commit), the drain stops and hands back what it still
   * holds, so the job's retry takes those events again at once instead of after the recovery delay.
   */
  async drain(orgId?: string, owner?: string): Promise<number> {
    let total = 0;
    let applying: Promise<unknown> = Promise.resolve();
    for (;;) {
      const claimed = await this.claim(orgId ?? null, owner ?? null);
      if (!claimed.length) break;
      const batch = await this.setAsideForeign(claimed);
      total += claimed.length - batch.length;
      if (!batch.length) continue;
      const releasing = (err: unknown) => this.release(batch).then(() => Promise.reject(err));
      const byOrg = new Map<string, ClaimedEvent[]>();
      for (const row of batch) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row]);
      // The orgs' API clients, their connections read once for the whole claim (when an event needs one),
      // and every object the claim's events name read from Stripe once.
      let providers: ReturnType<typeof this.effects.providersFor> | undefined;
      const reads = new ClaimReads(
        async (org) => (await (providers ??= this.effects.providersFor([...byOrg.keys()]))).get(org) ?? null,
      );
      const moneyOnly = [...byOrg.values()].filter((rows) => rows.every((r) => MONEY_EVENTS.has(r.type)));
      let prepared: Awaited<ReturnType<typeof this.prepareMoney>>;
      try {
        prepared = await this.prepareMoney(moneyOnly.flat(), reads);
        await applying;
      } catch (err) {
        // This claim is not applied: the one before it failed (claims go in order), or recording a
        // failed fetch did. The commit before it finishes first, so nothing later overtakes it.
        await applying.catch(() => undefined);
        return releasing(err);
      }
      applying = (async () => {
        await this.commitMoney(prepared);
        for (const rows of byOrg.values()) {
          if (!moneyOnly.includes(rows)) await this.applyInOrder(rows, reads);
        }
      })().catch(releasing);
      // Its failure is thrown by the next `await applying`, not left unhandled.
      applying.catch(() => undefined);
      total += batch.length;
    }
    await applying;
    return total;
  }

  /**
   * Claimed events this drain will not apply go back to PENDING, due now and their attempt not counted.
   * Only rows still PROCESSING: one applied (or scheduled for retry) before the failure keeps its state.
   * Best effort: when the database is gone this fails too, and the recovery cron resets them later.
   */
  private async release(rows: ClaimedEvent[]): Promise<void> {
    try {
      await this.db.query(
        `UPDATE stripe_event_inbox SET status = 'PENDING', attempts = greatest(attempts - 1, 0), next_attempt_at = now() WHERE id = ANY($1::uuid[]) AND status = 'PROCESSING'`,
        [rows.map((r) => r.id)],
      );
    } catch (err) {
      logger.warn(
        { events: rows.length, err: (err as Error).message },
        'could not hand back claimed stripe events; the recovery cron will',
      );
    }
  }

  /**
   * Events of another Stripe account or mode than the org's connection now (in flight from the account
   * the org switched away from, verified with that account's retired secret) stay stored, marked done
   * with why, and book nothing: their ids mean nothing in the current account, and money taken in an
   * account Settle no longer uses is for a person to look at (the inspector shows the event, and the
   * org's admins are told of one that says money moved on an invoice), not to be booked on a payload's
   * word. Returns the events to apply.
   */
  private async setAsideForeign(rows: ClaimedEvent[]): Promise<ClaimedEvent[]> {
    if (!rows.some((r) => r.account_id !== null)) return rows;
    const conns = (await this.db.query(
      `SELECT org_id, account_id, mode FROM stripe_connections WHERE org_id = ANY($1::uuid[])`,
      [[...new Set(rows.map((r) => r.org_id))]],
    )) as Array<{ org_id: string; account_id: string; mode: string }>;
    const current = new Map(conns.map((c) => [c.org_id, c]));
    const foreign: Array<{ row: ClaimedEvent; outcome: string }> = [];
    const keep = rows.filter((r) => {
      const c = current.get(r.org_id);
      if (r.account_id === null || (c && c.account_id === r.account_id && (c.mode === 'live') === r.livemode))
        return true;
      const mode = (live: boolean | null) => (live ? 'live' : 'test');
      foreign.push({
        row: r,
        outcome: `not booked: event of Stripe account ${r.account_id} (${mode(r.livemode)}); Settle is connected to ${c ? `${c.account_id} (${c.mode})` : 'no Stripe account'}`,
      });
      return false;
    });
    if (foreign.length) {
      // Set aside, and money it says moved is told to the org's admins in the same transaction (once).
      await this.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE stripe_event_inbox AS i SET status = 'DONE', outcome = u.outcome, error = NULL, processed_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE i.id = u.id`,
          [foreign.map((f) => f.row.id), foreign.map((f) => f.outcome)],
        );
        for (const { row } of foreign) {
          const from = `${row.account_id} (${row.livemode ? 'live' : 'test'})`;
          await this.effects.foreignMoneyNotice(tx, row.org_id, row.payload, from);
        }
      });
      logger.warn(
        { events: foreign.length, orgs: [...new Set(foreign.map((f) => f.row.org_id))] },
        'stripe events of a previous account or mode stored, not booked',
      );
    }
    return keep;
  }

  /**
   * Due events, oldest `created` first (ties by event id), marked PROCESSING and owned by `owner` (the
   * graphile worker id: if that worker dies, recoverInbox hands them back within seconds).
   */
  private async claim(orgId: string | null, owner: string | null): Promise<ClaimedEvent[]> {
    const batch = await returning<ClaimedEvent>(
      this.db,
      `UPDATE stripe_event_inbox SET status = 'PROCESSING', attempts = attempts + 1, next_attempt_at = now(), claimed_by = $3
        WHERE id IN (SELECT id FROM stripe_event_inbox
                      WHERE status = 'PENDING' AND next_attempt_at <= now() AND ($1::uuid IS NULL OR org_id = $1)
                      ORDER BY stripe_created, event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, org_id, event_id, type, attempts, payload, account_id, livemode`,
      [orgId, this.claimSize, owner],
    );
    return batch.sort((a, b) => a.payload.created - b.payload.created || (a.event_id < b.event_id ? -1 : 1));
  }

  /** One org's events in order: runs of money events together, anything else on its own. */
  private async applyInOrder(rows: ClaimedEvent[], reads: ClaimReads): Promise<void> {
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j < rows.length && MONEY_EVENTS.has(rows[j]!.type)) j++;
      if (j > i) {
        await this.applyMoney(rows.slice(i, j), reads);
        i = j;
      } else {
        const row = rows[i++]!;
        await this.processOne(row, () => this.effects.apply(row.org_id, row.payload, reads.for(row.org_id)));
      }
    }
  }

  /** Runs of money events: fetched (prepareMoney), then committed together (commitMoney). */
  private async applyMoney(rows: ClaimedEvent[], reads: ClaimReads): Promise<void> {
    await this.commitMoney(await this.prepareMoney(rows, reads));
  }

  /**
   * What money events (in `created` order per org) need from Stripe, fetched concurrently (bounded per
   * org, each object once per claim) and outside any transaction. An event Stripe does not confirm is
   * rejected; one whose fetch fails is retried on its own schedule.
   */
  private async prepareMoney(
    rows: ClaimedEvent[],
    reads: ClaimReads,
  ): Promise<Array<{ row: ClaimedEvent; prepared: PreparedMoney }>> {
    const prepared = new Map<string, PreparedMoney>();
    this.effects.money.prefetch(
      rows.map((r) => ({ orgId: r.org_id, evt: r.payload })),
      reads,
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(PREFETCH, rows.length) }, async () => {
        while (next < rows.length) {
          const row = rows[next++]!;
          try {
            prepared.set(row.id, await this.effects.money.confirm(row.org_id, row.payload, reads.for(row.org_id)));
          } catch (err) {
            await (err instanceof StripeRejection ? this.rejected(row, err) : this.failed(row, err));
          }
        }
      }),
    );
    // How the confirmed hosted invoices were paid: their PaymentIntents listed per org, not read one by one.
    const confirmed = rows.filter((r) => prepared.has(r.id));
    this.effects.money.prefetchMethods(
      confirmed.map((r) => ({ orgId: r.org_id, prepared: prepared.get(r.id)! })),
      reads,
    );
    await Promise.all(
      confirmed.map(async (row) => {
        try {
          await this.effects.money.addMethods(prepared.get(row.id)!, reads.for(row.org_id));
        } catch (err) {
          prepared.delete(row.id);
          await this.failed(row, err);
        }
      }),
    );
    return rows.filter((r) => prepared.has(r.id)).map((row) => ({ row, prepared: prepared.get(row.id)! }));
  }

  /**
   * Prepared money events applied in ONE transaction that also marks them done, so a batch costs a
   * handful of statements instead of a dozen per event. An event that cannot be applied (bad input) is
   * retried on its own schedule without holding back the others; if the transaction itself fails (a
   * deadlock with a concurrent payment), each event is applied again alone.
   */
  private async commitMoney(items: Array<{ row: ClaimedEvent; prepared: PreparedMoney }>): Promise<void> {
    if (items.length < LANE_MIN) return this.commitLane(items);
    await Promise.all(byOrgLanes(items, COMMIT_LANES).map((lane) => this.commitLane(lane)));
  }

  /** One transaction of prepared money events (a claim's, or one lane of it), marked done with it. */
  private async commitLane(items: Array<{ row: ClaimedEvent; prepared: PreparedMoney }>): Promise<void> {
    if (!items.length) return;
    const ready = items.map((i) => i.row);
    const preparedOf = new Map(items.map((i) => [i.row.id, i.prepared]));
    const apply = (tx: EntityManager, some: ClaimedEvent[]) =>
      this.effects.money.applyBatch(
        tx,
        some.map((r) => ({
          orgId: r.org_id,
          evt: r.payload,
          prepared: preparedOf.get(r.id)!,
          scope: r.account_id === null ? null : { accountId: r.account_id, livemode: !!r.livemode },
        })),
      );
    let outcomes: Array<string | Error>;
    try {
      outcomes = await this.db.transaction(async (tx) => {
        const out = await apply(tx, ready);
        const done = ready.map((r, n) => ({ r, o: out[n]! })).filter((x) => typeof x.o === 'string');
        await tx.query(
          `UPDATE stripe_event_inbox AS i SET status = 'DONE', outcome = u.outcome, error = NULL, processed_at = clock_timestamp()
             FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE i.id = u.id`,
          [done.map((x) => x.r.id), done.map((x) => x.o as string)],
        );
        return out;
      });
    } catch (err) {
      if (ready.length === 1) return this.failed(ready[0]!, err);
      logger.debug(
        { events: ready.length, err: (err as Error).message },
        'stripe batch failed; applying its events one by one',
      );
      for (const row of ready) {
        await this.processOne(row, async () => {
          const [outcome] = await this.db.transaction((tx) => apply(tx, [row]));
          if (outcome instanceof Error) throw outcome;
          return outcome!;
        });
      }
      return;
    }
    for (const [n, outcome] of outcomes.entries()) if (outcome instanceof Error) await this.failed(ready[n]!, outcome);
  }

  private async processOne(row: ClaimedEvent, apply: () => Promise<string>): Promise<void> {
    try {
      const outcome = await apply();
      await this.db.query(
        `UPDATE stripe_event_inbox SET status = 'DONE', outcome = $2, error = NULL, processed_at = clock_timestamp() WHERE id = $1`,
        [row.id, outcome],
      );
    } catch (err) {
      await (err instanceof StripeRejection ? this.rejected(row, err) : this.failed(row, err));
    }
  }

  /**
   * Stripe does not confirm the event: it changed nothing and is kept, REJECTED with the reason, for the
   * inspector. Final: retrying cannot make Stripe confirm it (an admin may still replay it).
   */
  private async rejected(row: ClaimedEvent, err: StripeRejection): Promise<void> {
    logger.warn(
      { orgId: row.org_id, eventId: row.event_id, type: row.type, reason: err.message },
      'stripe event rejected: Stripe does not confirm it',
    );
    await this.db.query(
      `UPDATE stripe_event_inbox SET status = 'REJECTED', error = $2, outcome = NULL, processed_at = clock_timestamp() WHERE id = $1`,
      [row.id, err.message.slice(0, 2000)],
    );
  }

  /** Retry later with backoff, or FAILED after the last attempt. */
  private async failed(row: ClaimedEvent, err: unknown): Promise<void> {
    const orgId = row.org_id;
    const message = (err as Error).message ?? String(err);
    const final = row.attempts >= MAX_ATTEMPTS;
    logger.warn(
      { orgId, eventId: row.event_id, type: row.type, attempts: row.attempts, err: message, final },
      'stripe event processing failed',
    );
    const runAt = new Date(Date.now() + retryDelayMs(row.attempts));
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE stripe_event_inbox SET status = $2, error = $3, next_attempt_at = $4 WHERE id = $1`, [
        row.id,
        final ? 'FAILED' : 'PENDING',
        message.slice(0, 2000),
        runAt,
      ]);
      if (!final) await this.scheduler.kickLater(tx, runAt);
    });
  }

  /** Inspector "replay": the event goes back to PENDING (effects are idempotent) and is drained now. */
  async replay(orgId: string, inboxId: string): Promise<boolean> {
    const rows = await returning<{ id: string }>(
      this.db,
      `UPDATE stripe_event_inbox SET status = 'PENDING', attempts = 0, error = NULL, next_attempt_at = now() WHERE org_id = $1 AND id = $2 AND status <> 'PROCESSING' RETURNING id`,
      [orgId, inboxId],
    );
    if (rows.length) this.scheduler.kick();
    return rows.length > 0;
  }
}

/** Items split into `lanes` groups of whole orgs, each org in one group, the groups about the same size. */
export function byOrgLanes<T extends { row: { org_id: string } }>(items: T[], lanes: number): T[][] {
  const byOrg = new Map<string, T[]>();
  for (const item of items) byOrg.set(item.row.org_id, [...(byOrg.get(item.row.org_id) ?? []), item]);
  const groups: T[][] = Array.from({ length: lanes }, () => []);
  // Largest orgs first, each to the lightest lane so far.
  for (const rows of [...byOrg.values()].sort((a, b) => b.length - a.length)) {
    groups.reduce((min, g) => (g.length < min.length ? g : min)).push(...rows);
  }
  return groups.filter((g) => g.length);
}
