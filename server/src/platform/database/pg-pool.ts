import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { logger } from '../logger.js';

/** The pg pool under TypeORM: hot read and write paths skip TypeORM's per-query overhead. */
export interface PgPool {
  query(
    q: string | { name?: string; text: string; values?: unknown[] },
    params?: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;
}

export function pgPoolOf(db: DataSource): PgPool {
  return masterOf(db);
}

const masterOf = (db: DataSource) => (db.driver as unknown as { master: pg.Pool & { options: pg.PoolConfig } }).master;

/**
 * The planner settings of the lookup pool's sessions. PostgreSQL prefers a bitmap heap scan for an index
 * lookup it expects a few rows from, and does not cost what that scan repeats each time it is rescanned
 * (it builds a new bitmap and asks the kernel for the relation's size). A statement that builds an answer
 * runs such lookups as subplans once per row of its page (each invoice's lines, fifty times a page of 50),
 * where a plain index scan costs a fifth less of the whole statement's time (960 instead of 1,183 µs of
 * PostgreSQL CPU per page, bench database, in turns). Only statements made of keyed lookups run there.
 */
export const LOOKUP_SETTINGS = '-c enable_bitmapscan=off';

const lookupPools = new WeakMap<DataSource, pg.Pool>();

/** The pool of sessions planned for keyed lookups (LOOKUP_SETTINGS), opened on first use, as large as the data source's. */
export function lookupPoolOf(db: DataSource): PgPool {
  let pool = lookupPools.get(db);
  if (!pool) {
    pool = new pg.Pool({
      ...masterOf(db).options,
      application_name: 'settle lookups',
      options: LOOKUP_SETTINGS,
      allowExitOnIdle: true,
    });
    pool.on('error', (err: Error) => logger.warn({ err: err.message }, 'idle PostgreSQL connection lost'));
    surviveConnectionLoss(pool);
    lookupPools.set(db, pool);
  }
  return pool;
}

/** Closes the lookup pool of `db`, if it has one (with the data source). */
export async function endLookupPool(db: DataSource): Promise<void> {
  const pool = lookupPools.get(db);
  lookupPools.delete(db);
  await pool?.end();
}

const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

/**
 * Runs `text` as a named prepared statement: each pooled connection parses and plans it once, later
 * calls send only the parameters. The name is a hash of the text, so two texts never share a name.
 * Past MAX_NAMED_STATEMENTS distinct texts (filters combine into many), the rest run unnamed rather
 * than fill every connection's statement cache. `lookups`: on the lookup pool (lookupPoolOf).
 */
export async function preparedRows(
  db: DataSource,
  text: string,
  values: unknown[],
  opts: { lookups?: boolean } = {},
): Promise<Array<Record<string, unknown>>> {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  const pool = opts.lookups ? lookupPoolOf(db) : pgPoolOf(db);
  return (await pool.query(name ? { name, text, values } : { text, values })).rows;
}

/**
 * pg emits `error` on a checked-out client that loses its connection between queries (57P01 when an
 * admin terminates it, a server restart); the pool only listens while the client is idle, so without a
 * handler here that event would crash the process. The error is logged; the client's next query fails
 * and the pool replaces it.
 */
export function surviveConnectionLoss(pool: pg.Pool): void {
  const handled = new WeakSet<pg.PoolClient>();
  const handle = (client: pg.PoolClient) => {
    if (handled.has(client)) return;
    handled.add(client);
    client.on('error', (err: Error) => logger.warn({ err: err.message }, 'PostgreSQL connection lost'));
  };
  pool.on('connect', handle);
  for (const client of (pool as unknown as { _clients: pg.PoolClient[] })._clients ?? []) handle(client);
}
