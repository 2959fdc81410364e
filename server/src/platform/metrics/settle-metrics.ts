import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { logger } from '../logger.js';

/** Latency buckets in seconds: a webhook ack is ~1 ms, a heavy report a second or more. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** At most this many distinct GraphQL operation names are kept as labels; later ones count as "other". */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A value read from the database when Prometheus scrapes (queue depths, lags): one row per label set. */
export interface ScrapedGauge {
  name: string;
  help: string;
  labelNames?: string[];
  read():
    | Promise<Array<{ labels?: Record<string, string>; value: number }>>
    | Array<{ labels?: Record<string, string>; value: number }>;
}

/**
 * One process's metrics (`GET /metrics`, Prometheus text format). Each running Settle has its own
 * registry, so tests that start several in one process never share a counter. Modules add what only
 * they can measure with `gauge`. A provider webhook's ack time is the HTTP histogram's `webhook_<provider>`
 * route: the hot path pays for one observation, not two.
 */
export class SettleMetrics {
  readonly registry = new Registry();
  readonly http: Histogram<'method' | 'route' | 'status'>;
  readonly graphql: Histogram<'operation' | 'type' | 'outcome'>;
  /** Queries PostgreSQL answered alone, before Apollo (http/sql-answer-route.ts), by operation name. */
  readonly sqlAnswered: Counter<'operation'>;
  private readonly operations = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'settle_' });
    this.http = this.latency(
      'settle_http_request_duration_seconds',
      'HTTP requests by method, route family (graphql, webhook_stripe = Stripe webhook acks, app, probe…) and status code.',
      ['method', 'route', 'status'],
    );
    this.graphql = this.latency(
      'settle_graphql_operation_duration_seconds',
      'GraphQL operations over HTTP by operation name, type and outcome (ok or error).',
      ['operation', 'type', 'outcome'],
    );
    this.sqlAnswered = new Counter({
      name: 'settle_graphql_sql_answered_total',
      help: 'GraphQL queries answered by PostgreSQL alone, without resolvers or Apollo, by operation name (also counted in the operation histogram).',
      labelNames: ['operation'],
      registers: [this.registry],
    });
  }

  /** A latency histogram in seconds (BUCKETS) on this process's registry. */
  private latency<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: BUCKETS, registers: [this.registry] });
  }

  /** The label an operation is counted under: its name when it is a plain one, up to a bounded number of names. */
  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** A gauge read on each scrape (from the database, or a count the process keeps); a failing read is logged. */
  gauge(g: ScrapedGauge): void {
    new Gauge({
      name: g.name,
      help: g.help,
      labelNames: g.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const row of await g.read()) {
            if (row.labels) this.set(row.labels, row.value);
            else this.set(row.value);
          }
        } catch (err) {
          logger.warn({ err: (err as Error).message, metric: g.name }, 'metric could not be read');
        }
      },
    });
  }

  /** A gauge whose value one statement reads on each scrape (its one column: `value`). */
  sqlGauge(db: { query(sql: string): Promise<unknown> }, name: string, help: string, sql: string): void {
    this.gauge({
      name,
      help,
      read: async () => [{ value: Number(((await db.query(sql)) as Array<{ value: unknown }>)[0]?.value ?? 0) }],
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The route family a URL belongs to: a small fixed set, never the raw path (tokens live in paths). */
export function routeFamily(url: string): string {
  if (url.startsWith('/graphql')) return 'graphql';
  if (url.startsWith('/webhooks/')) return `webhook_${url.split('/')[2]?.replace(/\W/g, '') || 'other'}`;
  if (url === '/healthz' || url === '/readyz' || url === '/metrics') return 'probe';
  if (url.startsWith('/admin') || url.startsWith('/portal')) return 'app';
  return 'other';
}
