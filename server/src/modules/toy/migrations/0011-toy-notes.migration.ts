import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ToyNotes1795300013000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE toy_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES organizations(id),
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      pinged_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE toy_notes`);
  }
}
