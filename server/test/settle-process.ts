import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { startSettle } from '../src/app/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { installProcessSafety } from '../src/platform/process-safety.js';

/**
 * Settle as a separate process on SETTLE_CHILD_DATABASE_URL, for fault tests that kill it with kill -9 or
 * run several (its role from SETTLE_ROLE, `all` by default).
 * Prints one JSON line `{"ready":true,"url":…}` once it listens.
 */
installProcessSafety(); // as `pnpm start` does
const url = process.env.SETTLE_CHILD_DATABASE_URL!;
const config = {
  ...loadConfig(process.env),
  port: 0,
  host: '127.0.0.1',
  databaseUrl: url,
  dataDir: path.join(os.tmpdir(), 'settle-test-data'),
  secretKey: '5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1',
  seedDemo: false,
  smtpUrl: undefined,
};
const settle = await startSettle(config, url, { workerPollMs: 50 });
process.stdout.write(`${JSON.stringify({ ready: true, url: settle.url, pid: process.pid })}\n`);
process.on('SIGTERM', () => void settle.stop().then(() => process.exit(0)));
