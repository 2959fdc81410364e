import http from 'node:http';
import express from 'express';
import type { Container } from '../app/container.js';
import { logger } from '../platform/logger.js';
import type { SettleHttpServer } from './http-server.js';

export type ReadinessProbe = () => Promise<{ ok: boolean }>;

/** /healthz: the process answers and reaches its database. /readyz: work is moving (see app/readiness.ts). */
export function mountProbes(app: express.Express, container: Container, readiness?: ReadinessProbe): void {
  app.get('/healthz', async (_req, res) => {
    await container.db.query('SELECT 1');
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const report = readiness ? await readiness() : { ok: true };
    res.status(report.ok ? 200 : 503).json(report);
  });
}

/** What a `worker` process serves over HTTP: the probes only (no GraphQL, webhooks or apps). */
export function createProbeServer(container: Container, readiness?: ReadinessProbe): SettleHttpServer {
  const app = express();
  app.disable('x-powered-by');
  mountProbes(app, container, readiness);
  app.use((_req, res) => {
    res.status(404).json({ error: 'This is a Settle worker: it answers /healthz and /readyz only.' });
  });
  const server = http.createServer(app);
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as import('node:net').AddressInfo).port));
      }),
    close: async () => {
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
      logger.debug('probe server closed');
    },
  };
}
