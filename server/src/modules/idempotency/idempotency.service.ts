import type { DataSource, EntityManager } from 'typeorm';
import { AppError, badInput } from '../../platform/errors.js';
import { argsHash } from './canonical-args.js';
import type { StoredResult } from './stored-result.js';

/** One call of a mutation that may carry an idempotency key. */
export interface KeyedCall {
  orgId: string;
  /** Who calls: `user:<id>`, `token:<id>` or `portal:<id>`. A key is only ever one caller's. */
  caller: string;
  /** The mutation's name. */
  operation: string;
  /** The key, or null when none was given (the call then runs as it would without this service). */
  key: string | null;
  /** The call's arguments other than the key: a key used again must come with the same ones. */
  args: unknown;
}

/** How long a key is remembered. */
export const KEY_LIFETIME_HOURS = 24;
/**
 * How long a key held IN_PROGRESS by `around` stays held without word from its holder, which renews it
 * a few times per lease while its work runs. A holder that died (a crash, a deploy) stops renewing, and
 * once the lease lapses a retry with the same key and arguments runs the work again rather than being
 * told "retry shortly" for 24 hours.
 */
export const DEFAULT_LEASE_MS = 120_000;
export const MAX_KEY_LENGTH = 255;

/** Idempotency keys of one call, matched on the table's unique key. */
const WHERE_KEY = `org_id = $1 AND caller = $2 AND operation = $3 AND key = $4`;
const keyParams = (c: KeyedCall) => [c.orgId, c.caller, c.operation, c.key];

/**
 * Stripe's Idempotency-Key for Settle's mutations: the first call with a key does the work and keeps
 * what it returned; a call with the same key and arguments gets that back without doing anything again;
 * the same key with other arguments is refused (IDEMPOTENCY_KEY_REUSED). A call that fails keeps no key,
 * so it can be retried with the same one. Keys are per org, caller and mutation, for 24 hours.
 */
export class IdempotencyService {
  constructor(
    private readonly db: DataSource,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  /**
   * For a mutation whose writes are one transaction: `work` runs in the transaction that reserves the
   * key, so the key and the writes commit (or roll back) together. A concurrent call with the same key
   * waits on the unique index until the first commits, then replays it (or, if it rolled back, runs).
   */
  async inTransaction<R>(
    call: KeyedCall,
    stored: StoredResult<R>,
    work: (tx: EntityManager) => Promise<R>,
  ): Promise<R> {
    if (call.key === null) return this.db.transaction(work);
    const hash = hashOf(call);
    const outcome = await this.db.transaction(async (tx): Promise<{ result: R } | { replay: unknown }> => {
      if (!(await reserve(tx, call, hash, KEY_LIFETIME_HOURS * 3_600_000))) {
        const earlier = await earlierCall(tx, call, hash);
        // Only a call made with `around` leaves no committed row behind after the wait; never this one's.
        if (!earlier) throw inUse(call);
        return { replay: earlier.result };
      }
      const result = await work(tx);
      await complete(tx, call, stored.save(result));
      return { result };
    });
    return 'result' in outcome ? outcome.result : stored.load(outcome.replay, this.db.manager, call.orgId);
  }

  /**
   * For a mutation that is not one transaction (several, or a provider's API between them): the key is
   * reserved first (IN_PROGRESS, committed at once, on a lease renewed while `work` runs), `work` runs,
   * then the key keeps its result; if `work` fails the key is deleted. A call with the same key meanwhile
   * is refused with IDEMPOTENCY_KEY_IN_USE ("retry shortly") rather than waiting for work of unknown
   * length; once a dead holder's lease lapses, the same call runs it again (such work is safe to run
   * again: its provider requests are keyed by the caller's key).
   */
  async around<R>(call: KeyedCall, stored: StoredResult<R>, work: () => Promise<R>): Promise<R> {
    if (call.key === null) return work();
    const hash = hashOf(call);
    const db = this.db.manager;
    // A key whose row vanished between the INSERT and the read (its first call failed) is tried again.
    for (let tries = 0; !(await reserve(db, call, hash, this.leaseMs)); tries++) {
      const earlier = await earlierCall(db, call, hash);
      if (earlier) return stored.load(earlier.result, db, call.orgId);
      if (tries >= 2) throw inUse(call);
    }
    const renew = setInterval(
      () =>
        void db
          .query(
            `UPDATE idempotency_keys SET expires_at = now() + make_interval(secs => $5)
              WHERE ${WHERE_KEY} AND status = 'IN_PROGRESS'`,
            [...keyParams(call), this.leaseMs / 1000],
          )
          .catch(() => undefined), // the next renewal tries again; a lease is several renewals long
      Math.max(10, Math.floor(this.leaseMs / 4)),
    );
    renew.unref();
    let result: R;
    try {
      result = await work();
    } catch (err) {
      clearInterval(renew);
      await db.query(`DELETE FROM idempotency_keys WHERE ${WHERE_KEY} AND status = 'IN_PROGRESS'`, keyParams(call));
      throw err;
    }
    clearInterval(renew);
    await complete(db, call, stored.save(result));
    return result;
  }

  /**
   * Whether a call with this key and these arguments already completed (a retry that will be answered
   * with the first call's result, doing nothing): what such a retry must not be charged for, such as a
   * rate limit checked before the work. False without a key.
   */
  async answered(call: KeyedCall): Promise<boolean> {
    if (call.key === null) return false;
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM idempotency_keys
        WHERE ${WHERE_KEY} AND args_hash = $5 AND status = 'COMPLETED' AND expires_at > now()`,
      [...keyParams(call), hashOf(call)],
    );
    return rows.length > 0;
  }

  /** Deletes expired keys (the hourly sweep), a batch at a time; returns how many. */
  async sweepExpired(batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, n]: [unknown, number] = await this.db.query(
        `DELETE FROM idempotency_keys WHERE id IN
           (SELECT id FROM idempotency_keys WHERE expires_at <= now()
               AND (status = 'COMPLETED' OR created_at <= now() - make_interval(hours => $2)) LIMIT $1)`,
        [batch, KEY_LIFETIME_HOURS],
      );
      total += n;
      if (n < batch) return total;
    }
  }
}

function hashOf(call: KeyedCall): string {
  const key = call.key ?? '';
  if (key.length < 1 || key.length > MAX_KEY_LENGTH)
    throw badInput('idempotencyKey', `An idempotency key is 1 to ${MAX_KEY_LENGTH} characters`);
  return argsHash(call.args, `${call.orgId} ${call.caller} ${call.operation} ${key}`);
}

/**
 * Reserves the key (IN_PROGRESS, for `holdMs`) unless a live row holds it; an expired row is taken over
 * in the same statement (the lazy half of expiry), and so is a row whose holder's lease lapsed, by a call
 * with its arguments (with others, the key stays theirs for its 24 hours). True: this call owns the key
 * now. While another transaction has inserted the key and not yet committed, PostgreSQL makes this wait.
 */
async function reserve(db: EntityManager, call: KeyedCall, hash: string, holdMs: number): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `INSERT INTO idempotency_keys (org_id, caller, operation, key, args_hash, status, expires_at)
     VALUES ($1, $2, $3, $4, $5, 'IN_PROGRESS', now() + make_interval(secs => $6))
     ON CONFLICT (org_id, caller, operation, key) DO UPDATE
       SET args_hash = EXCLUDED.args_hash, status = 'IN_PROGRESS', result = NULL,
           created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now()
         AND (idempotency_keys.status = 'COMPLETED' OR idempotency_keys.args_hash = EXCLUDED.args_hash
              OR idempotency_keys.created_at <= now() - make_interval(hours => $7))
     RETURNING id`,
    [...keyParams(call), hash, holdMs / 1000, KEY_LIFETIME_HOURS],
  );
  return rows.length > 0;
}

/**
 * The live row of the key (or one whose holder's lease lapsed, still bound to its arguments): its stored
 * result when it was used with these arguments and is done.
 */
async function earlierCall(db: EntityManager, call: KeyedCall, hash: string): Promise<{ result: unknown } | null> {
  const [row]: Array<{ args_hash: string; status: string; result: unknown }> = await db.query(
    `SELECT args_hash, status, result FROM idempotency_keys
      WHERE ${WHERE_KEY} AND (expires_at > now() OR (status = 'IN_PROGRESS' AND created_at > now() - make_interval(hours => $5)))`,
    [...keyParams(call), KEY_LIFETIME_HOURS],
  );
  if (!row) return null;
  if (row.args_hash !== hash)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency key "${call.key}" was already used for ${call.operation} with different arguments; send a new key for a different request`,
      'idempotencyKey',
    );
  if (row.status !== 'COMPLETED') throw inUse(call);
  return { result: row.result };
}

async function complete(db: EntityManager, call: KeyedCall, result: unknown): Promise<void> {
  await db.query(
    `UPDATE idempotency_keys SET status = 'COMPLETED', result = $5::jsonb,
            expires_at = created_at + make_interval(hours => $6)
      WHERE ${WHERE_KEY} AND status = 'IN_PROGRESS'`,
    [...keyParams(call), JSON.stringify(result), KEY_LIFETIME_HOURS],
  );
}

const inUse = (call: KeyedCall) =>
  new AppError(
    'IDEMPOTENCY_KEY_IN_USE',
    `A request with idempotency key "${call.key}" for ${call.operation} is still being processed; retry shortly`,
    'idempotencyKey',
  );
