import type { Container } from '../../app/container.js';

/** QuickBooks sync health on each scrape: changes waiting to be sent, and failures waiting for a person. */
export function registerQuickBooksMetrics(c: Container): void {
  c.metrics.gauge({
    name: 'settle_quickbooks_operations_pending',
    help: 'Changes queued for QuickBooks and not yet sent (including those waiting to retry).',
    read: async () => {
      const [row] = (await c.db.query(
        `SELECT count(*)::int AS n FROM qbo_operations WHERE status = 'PENDING'`,
      )) as Array<{ n: number }>;
      return [{ value: row?.n ?? 0 }];
    },
  });
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
