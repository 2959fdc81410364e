import type { Container } from '../../app/container.js';

/** The Stripe inbox on each scrape: events received and not yet applied, and how long the oldest waited. */
export function registerStripeMetrics(c: Container): void {
  c.metrics.gauge({
    name: 'settle_stripe_inbox_depth',
    help: 'Stripe events acknowledged and not yet applied (pending or being applied).',
    read: async () => {
      const [row] = (await c.db.query(
        `SELECT count(*)::int AS n FROM stripe_event_inbox WHERE status IN ('PENDING', 'PROCESSING')`,
      )) as Array<{ n: number }>;
      return [{ value: row?.n ?? 0 }];
    },
  });
  c.metrics.gauge({
    name: 'settle_stripe_processing_lag_seconds',
    help: 'How long the oldest pending Stripe event has waited since it was acknowledged (0 when none waits).',
    read: async () => {
      const [row] = (await c.db.query(
        `SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0)::float8 AS lag
           FROM stripe_event_inbox WHERE status = 'PENDING'`,
      )) as Array<{ lag: number }>;
      return [{ value: row?.lag ?? 0 }];
    },
  });
}
