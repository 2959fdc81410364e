import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters, shared by every Settle process on the database: one row per bucket (rule + who),
 * counting hits until `window_ends_at`. UNLOGGED: counters are worth nothing after a crash, and skipping
 * the WAL keeps the one UPSERT per check cheap.
 */
export class HttpHardening1795300011000 implements MigrationInterface {
  name = 'HttpHardening1795300011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        bucket text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits`);
  }
}
