import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether webhooks may reach private, loopback or link-local addresses is the operator's decision
 * (SETTLE_WEBHOOK_PRIVATE_NETWORKS), no longer an organization's: any org admin could turn the
 * `allow_private_webhook_urls` switch on and read internal services back through the delivery log.
 * The switch goes. Endpoints of orgs that had it on stay as they are; their deliveries to a private
 * address now fail with the reason in the log (and are retried, as the operator may allow it).
 */
export class PrivateWebhookTargetsAreTheOperators1795300045000 implements MigrationInterface {
  name = 'PrivateWebhookTargetsAreTheOperators1795300045000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN allow_private_webhook_urls`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN allow_private_webhook_urls boolean NOT NULL DEFAULT false`);
  }
}
