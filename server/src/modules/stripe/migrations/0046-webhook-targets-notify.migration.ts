import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what a webhook URL verifies with (the connection's token, signing secret, account or
 * mode, and the retired secrets of accounts switched away from) NOTIFYs `settle_stripe_webhook_targets`,
 * from the database itself: each API process drops its cached webhook targets on it
 * (stripe-webhook-targets.ts) instead of re-reading every org's secrets every 30 seconds. Column lists
 * keep the sweep's cursor writes from clearing the caches.
 */
export class WebhookTargetsNotify1795300061000 implements MigrationInterface {
  name = 'WebhookTargetsNotify1795300061000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION settle_stripe_webhook_targets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('settle_stripe_webhook_targets', '');
        RETURN NULL;
      END $$`);
    const triggers: Array<[table: string, events: string]> = [
      [
        'stripe_connections',
        'INSERT OR UPDATE OF org_id, mode, account_id, webhook_token, webhook_secret_sealed OR DELETE',
      ],
      ['stripe_webhook_secrets', 'INSERT OR UPDATE OR DELETE'],
    ];
    for (const [table, events] of triggers)
      await q.query(
        `CREATE TRIGGER ${table}_webhook_targets_changed AFTER ${events} ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION settle_stripe_webhook_targets_changed()`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['stripe_connections', 'stripe_webhook_secrets'])
      await q.query(`DROP TRIGGER ${table}_webhook_targets_changed ON ${table}`);
    await q.query(`DROP FUNCTION settle_stripe_webhook_targets_changed()`);
  }
}
