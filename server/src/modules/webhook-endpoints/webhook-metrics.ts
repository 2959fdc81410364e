import type { Container } from '../../app/container.js';

/** Outbound webhooks on each scrape: deliveries not yet accepted by their endpoint. */
export function registerWebhookMetrics(c: Container): void {
  c.metrics.sqlGauge(
    c.db,
    'settle_outbound_webhooks_pending',
    'Outbound webhook deliveries waiting for their first attempt or a retry.',
    `SELECT count(*)::int AS value FROM webhook_deliveries WHERE status = 'PENDING'`,
  );
}
