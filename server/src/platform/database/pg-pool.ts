import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The pg pool under TypeORM: hot read and write paths skip TypeORM's per-query overhead. */
export interface PgPool {
  query(
    q: string | { name?: string; text: string; values?: unknown[] },
    params?: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export function pgPoolOf(db: DataSource): PgPool {
  return (db.driver as unknown as { master: PgPool }).master;
}

const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

/**
 * Runs `text` as a named prepared statement: each pooled connection parses and plans it once, later
 * calls send only the parameters. The name is a hash of the text, so two texts never share a name.
 * Past MAX_NAMED_STATEMENTS distinct texts (filters combine into many), the rest run unnamed rather
 * than fill every connection's statement cache.
 */
export async function preparedRows(
  db: DataSource,
  text: string,
  values: unknown[],
): Promise<Array<Record<string, unknown>>> {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  return (await pgPoolOf(db).query(name ? { name, text, values } : { text, values })).rows;
}
