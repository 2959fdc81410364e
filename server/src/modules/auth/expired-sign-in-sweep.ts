import type { DataSource } from 'typeorm';

/** How long a sign-in row is kept once it expired (for a support question about a link: "it had expired"). */
export const KEEP_EXPIRED_DAYS = 7;

/**
 * What the sweep deletes: sessions, portal sign-in links and staff password reset links. A link used is
 * kept as long as one expired: its lifetime is minutes (MAGIC_LINK_MINUTES, PASSWORD_RESET_MINUTES), so
 * it expires soon after its use, and goes with the others 7 days later.
 */
const TABLES = ['sessions', 'magic_links', 'password_resets'] as const;

/**
 * Deletes sign-in rows expired for more than KEEP_EXPIRED_DAYS (the hourly `auth.sweep-expired`, as
 * idempotency keys are swept), `batch` rows per statement so no statement holds many locks or runs
 * long; returns how many of each table went. Nothing references these rows.
 */
export async function sweepExpiredSignIns(
  db: DataSource,
  batch = 5000,
): Promise<Record<(typeof TABLES)[number], number>> {
  const deleted = { sessions: 0, magic_links: 0, password_resets: 0 };
  for (const table of TABLES) {
    for (;;) {
      const [, n]: [unknown, number] = await db.query(
        `DELETE FROM ${table} WHERE id IN
           (SELECT id FROM ${table} WHERE expires_at < now() - make_interval(days => $2) LIMIT $1)`,
        [batch, KEEP_EXPIRED_DAYS],
      );
      deleted[table] += n;
      if (n < batch) break;
    }
  }
  return deleted;
}
