import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys of the mutations that create or move money (Stripe's Idempotency-Key): one row per
 * (org, caller, mutation, key), with a hash of the arguments it was first used with and what the first
 * call returned. The unique key is what makes two calls with one key do the work once: the second INSERT
 * waits for the first's transaction and then finds its row. Rows expire after 24 hours (expires_at is
 * indexed for the hourly sweep; an expired row is also taken over by the next call with its key).
 */
export class IdempotencyKeys1795300032000 implements MigrationInterface {
  name = 'IdempotencyKeys1795300032000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES organizations(id),
        caller text NOT NULL,
        operation text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        args_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('IN_PROGRESS','COMPLETED')),
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        UNIQUE (org_id, caller, operation, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
  }
}
