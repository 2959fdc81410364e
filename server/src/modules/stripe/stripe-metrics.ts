import type { Container } from '../../app/container.js';

/** The Stripe inbox on each scrape: events received and not yet applied, and how long the oldest waited. */
export function registerStripeMetrics(c: Container): void {
  c.metrics.sqlGauge(
    c.db,
    'settle_stripe_inbox_depth',
    'Stripe events acknowledged and not yet applied (pending or being applied).',
    `SELECT count(*)::int AS value FROM stripe_event_inbox WHERE status IN ('PENDING', 'PROCESSING')`,
  );
  c.metrics.sqlGauge(
    c.db,
    'settle_stripe_processing_lag_seconds',
    'How long the oldest pending Stripe event has waited since it was acknowledged (0 when none waits).',
    `SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0)::float8 AS value
       FROM stripe_event_inbox WHERE status = 'PENDING'`,
  );
}
