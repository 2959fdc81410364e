import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization's billing contact: the address a client's reply to an invoice, reminder or receipt
 * reaches (emails leave from Settle's own sender, which nobody at the business reads). Null until an admin
 * sets it, so existing orgs' emails are unchanged. Each outbox row keeps the reply-to it was queued with,
 * so a retry days later still answers to the address the email was written for.
 */
export class OrganizationBillingEmail1795300084000 implements MigrationInterface {
  name = 'OrganizationBillingEmail1795300084000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN billing_email text`);
    await q.query(`ALTER TABLE emails ADD COLUMN reply_to text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE emails DROP COLUMN reply_to`);
    await q.query(`ALTER TABLE organizations DROP COLUMN billing_email`);
  }
}
