import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.js';
import { freePort } from '../../test/free-port.js';

/**
 * `pnpm start`'s entry (main.ts, with its sandbox emulators) stops on one SIGTERM: once, in order, and
 * promptly. Apollo's own signal handler used to stop it first and raise the signal again, so two
 * shutdowns ran and the one left waiting on Apollo never finished; the second signal's exit hid that.
 */
describe('main.ts shutdown', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('one SIGTERM: "shutting down" once, every step run, exit 0 within seconds', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-main-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const root = path.resolve(import.meta.dirname, '../..');
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(await freePort()),
        STRIPE_EMULATOR_PORT: String(await freePort()),
        QBO_EMULATOR_PORT: String(await freePort()),
        SETTLE_DATA_DIR: dataDir,
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(async () => void proc.kill('SIGKILL'));
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const started = Date.now();
    while (!out.includes('Settle is running')) {
      if (proc.exitCode !== null) throw new Error(`main.ts exited at start:\n${out}`);
      if (Date.now() - started > 90_000) throw new Error(`main.ts did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const signalled = Date.now();
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const messages = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; step?: string });
    expect(messages.filter((m) => m.msg === 'shutting down')).toHaveLength(1);
    expect(messages.filter((m) => m.msg === 'stopping').map((m) => m.step)).toEqual([
      'http',
      'worker',
      'listener',
      'modules',
      'database',
    ]);
  }, 120_000);
});
