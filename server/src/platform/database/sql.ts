import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs an INSERT/UPDATE/DELETE … RETURNING and gives back its rows. (TypeORM's postgres driver answers
 * such statements with `[rows, affectedCount]` but a SELECT with plain rows.)
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const res: unknown = await db.query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number') return res[0] as T[];
  return res as T[];
}

/** Rows touched by an UPDATE/DELETE without RETURNING. */
export async function affected(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<number> {
  const res: unknown = await db.query(sql, params);
  return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
}
