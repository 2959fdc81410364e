import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Payments list newest received first (`payments(orderBy: RECEIVED_NEWEST)`, the admin Payments page
 * and its CSV): ordered by received_on, created_at and id, all descending, within one org, and paged by a
 * row comparison over the same columns. payments_org_idx (org_id, created_at DESC) serves only the
 * recorded order, so an org with a long history sorted all of its rows (or all in the date range) for
 * every page; this index reads a page, and a range of received dates, as one index range.
 */
export class PaymentsReceivedOrder1795300085000 implements MigrationInterface {
  name = 'PaymentsReceivedOrder1795300085000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX payments_received_idx ON payments (org_id, received_on DESC, created_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payments_received_idx`);
  }
}
