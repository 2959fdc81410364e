import type { Container } from '../../app/container.js';

/** Outbound webhooks on each scrape: deliveries not yet accepted by their endpoint. */
export function registerWebhookMetrics(c: Container): void {
  c.metrics.gauge({
    name: 'settle_outbound_webhooks_pending',
    help: 'Outbound webhook deliveries waiting for their first attempt or a retry.',
    read: async () => {
      const [row] = (await c.db.query(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'PENDING'`,
      )) as Array<{ n: number }>;
      return [{ value: row?.n ?? 0 }];
    },
  });
}
