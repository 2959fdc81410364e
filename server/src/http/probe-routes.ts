import { timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Container } from '../app/container.js';
import { logger } from '../platform/logger.js';
import { closeIfAnsweredUnread } from './body-limit.js';
import type { SettleHttpServer } from './http-server.js';

export type ReadinessProbe = () => Promise<{ ok: boolean }>;

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Headers a reverse proxy adds for the client it forwards (Express reads the first; nginx sets the last). */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Whether a caller may read /metrics: from this host, or with the configured bearer token. A request a
 * reverse proxy on this host forwards comes from loopback too, on behalf of anyone: one that carries a
 * forwarding header is not taken for a local scraper.
 */
export function mayReadMetrics(
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
  token?: string,
): boolean {
  const forwarded = FORWARDING_HEADERS.some((h) => headers[h] !== undefined);
  if (LOOPBACK.has(remoteAddress ?? '') && !forwarded) return true;
  return token !== undefined && sameSecret(headers.authorization ?? '', `Bearer ${token}`);
}

/**
 * One check at a time: callers asking while a check runs get its answer. The probes are served to anyone,
 * and each check reads the database (/readyz scans the job queue): a flood of them from one client held
 * every connection of the pool, and signed-in requests waited seconds behind it.
 */
function oneAtATime<T>(check: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () =>
    (running ??= check().finally(() => {
      running = null;
    }));
}

/**
 * /healthz: the process answers and reaches its database. /readyz: work is moving (see app/readiness.ts).
 * Both run one check at a time however many callers ask. /metrics: Prometheus text, for a scraper on the
 * same host (loopback, not through a proxy) or one that sends `Authorization: Bearer $SETTLE_METRICS_TOKEN`;
 * anyone else gets 403 (queue names and depths stay private).
 */
export function mountProbes(app: express.Express, container: Container, readiness?: ReadinessProbe): void {
  const token = container.config.metricsToken;
  const reachDatabase = oneAtATime(() => container.db.query('SELECT 1'));
  const ready = oneAtATime(readiness ?? (async () => ({ ok: true })));
  app.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req.socket.remoteAddress, req.headers, token)) {
      res
        .status(403)
        .type('text')
        .send('Metrics are served to loopback or with the SETTLE_METRICS_TOKEN bearer token.\n');
      return;
    }
    res.type(container.metrics.contentType).send(await container.metrics.text());
  });
  app.get('/healthz', async (_req, res) => {
    await reachDatabase();
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await ready();
    res.status(report.ok ? 200 : 503).json(report);
  });
}

/** What a `worker` process serves over HTTP: the probes and metrics only (no GraphQL, webhooks or apps). */
export function createProbeServer(container: Container, readiness?: ReadinessProbe): SettleHttpServer {
  const app = express();
  app.disable('x-powered-by');
  mountProbes(app, container, readiness);
  app.use((_req, res) => {
    res.status(404).json({ error: 'This is a Settle worker: it answers /healthz, /readyz and /metrics only.' });
  });
  const server = http.createServer((req, res) => {
    closeIfAnsweredUnread(req, res); // nothing here reads a body: one sent is not drained
    app(req, res);
  });
  return {
    server,
    listen: (port, host) => listenOn(server, port, host),
    close: async () => {
      await closeServer(server);
      logger.debug('probe server closed');
    },
  };
}

/** Listens on `port` (0: any free one) and answers the port it got. */
export const listenOn = (server: http.Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Stops accepting and waits for open connections to end (no-op when not listening). */
export const closeServer = async (server: http.Server): Promise<void> => {
  if (server.listening) await new Promise<void>((r) => server.close(() => r()));
};
