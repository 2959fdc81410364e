import type { DataSource } from 'typeorm';
import { lookupPoolOf, pgPoolOf, type PgPool } from '../src/platform/database/pg-pool.js';

/** Counts the SQL statements a data source runs while `fn` runs (test support, not a test file). */
export async function countStatements(
  db: DataSource,
  fn: () => Promise<unknown>,
): Promise<{ n: number; sql: string[] }> {
  const logger = db.logger as { logQuery: (q: string, p?: unknown[], r?: unknown) => unknown };
  const original = logger.logQuery;
  const sql: string[] = [];
  logger.logQuery = function (query, params, runner) {
    sql.push(query);
    return original.call(this, query, params, runner);
  };
  // Hot paths run prepared statements on the pools themselves (pg-pool.ts), past TypeORM's logger.
  const pools = [pgPoolOf(db), lookupPoolOf(db)];
  const queries = pools.map((pool) => pool.query);
  pools.forEach((pool, i) => {
    pool.query = function (this: PgPool, q, params) {
      sql.push(typeof q === 'string' ? q : q.text);
      return queries[i]!.call(this, q, params);
    } as PgPool['query'];
  });
  try {
    await fn();
  } finally {
    logger.logQuery = original;
    pools.forEach((pool, i) => (pool.query = queries[i]!));
  }
  return { n: sql.length, sql };
}
