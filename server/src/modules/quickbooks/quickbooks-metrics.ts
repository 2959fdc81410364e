import type { Container } from '../../app/container.js';

/** QuickBooks sync health on each scrape: changes waiting to be sent, and failures waiting for a person. */
export function registerQuickBooksMetrics(c: Container): void {
  c.metrics.sqlGauge(
    c.db,
    'settle_quickbooks_operations_pending',
    'Changes queued for QuickBooks and not yet sent (including those waiting to retry).',
    `SELECT count(*)::int AS value FROM qbo_operations WHERE status = 'PENDING'`,
  );
  c.metrics.gauge({
    name: 'settle_quickbooks_sync_failures',
    help: 'QuickBooks exceptions open (a change that failed for good, a conflict, a mismatch), by kind.',
    labelNames: ['kind'],
    read: async () =>
      (
        (await c.db.query(
          `SELECT kind, count(*)::int AS n FROM qbo_exceptions WHERE resolved_at IS NULL GROUP BY kind`,
        )) as Array<{ kind: string; n: number }>
      ).map((r) => ({ labels: { kind: r.kind }, value: r.n })),
  });
}
