import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSettle, type RunningSettle } from '../../app/bootstrap.js';
import { createOrgWithOwner, freePort, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { LISTENER_APPLICATION_NAME } from './invoice-events.js';
import { clientCreatedEndpoint } from '../../modules/webhook-endpoints/webhook-loopback.test-support.js';
import { startReceiver } from '../../modules/webhook-endpoints/webhook-test-kit.js';

/**
 * An API process hears of other processes' changes on its LISTEN connection only: a token revoked or a
 * user disabled through another process, a rotated webhook secret, an invoice paid. A connection that
 * dies without a word (a NAT or firewall dropping an idle flow, a failover behind a virtual address)
 * gives no error and no end, so the process went on serving its cached callers as if nothing had changed
 * (a revoked token kept working on it), its subscribers heard of no change, and /readyz said ready.
 * A worker's webhook wake-up listener likewise left every outbound delivery to the minute's sweep.
 */
let s: TestSettle;
let other: RunningSettle;
let worker: RunningSettle;
let proxy: net.Server;
const WAKEUPS_APPLICATION_NAME = 'settle-webhook-wakeups';
/** The proxied flows of the listening connections, by application_name. */
const listeners: Array<{ app: string; frozen: boolean }> = [];
const freeze = (app: string) => listeners.filter((l) => l.app === app).forEach((l) => (l.frozen = true));

/** A TCP proxy to PostgreSQL that can go silent on the listener's connections (and only on them). */
async function startProxy(target: URL): Promise<number> {
  proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    const flow = { app: '', frozen: false };
    let first = true;
    client.on('data', (chunk) => {
      const app = [LISTENER_APPLICATION_NAME, WAKEUPS_APPLICATION_NAME].find((a) => chunk.includes(a));
      if (first && app) listeners.push(Object.assign(flow, { app }));
      first = false;
      if (!flow.frozen) server.write(chunk);
    });
    server.on('data', (chunk) => {
      if (!flow.frozen) client.write(chunk);
    });
    const close = () => {
      client.destroy();
      server.destroy();
    };
    // A silent connection stays open: neither end hears of the other closing.
    client.on('close', () => !flow.frozen && close());
    server.on('close', () => !flow.frozen && close());
    client.on('error', () => undefined);
    server.on('error', () => undefined);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return (proxy.address() as net.AddressInfo).port;
}

beforeAll(async () => {
  // The webhook receiver listens on 127.0.0.1: the operator lets webhooks reach loopback.
  s = await startTestSettle({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  const db = new URL(s.container.databaseUrl);
  const proxied = new URL(db);
  proxied.host = `127.0.0.1:${await startProxy(db)}`;
  const port = await freePort();
  other = await startSettle(
    { ...s.container.config, port, publicUrl: `http://127.0.0.1:${port}`, runWorker: false, listenerCheckMs: 200 },
    proxied.toString(),
  );
  // The only worker: outbound webhooks go out through it alone.
  const workerPort = await freePort();
  worker = await startSettle(
    {
      ...s.container.config,
      port: workerPort,
      publicUrl: `http://127.0.0.1:${workerPort}`,
      runWorker: true,
      listenerCheckMs: 200,
    },
    proxied.toString(),
    { schedules: false },
  );
});
afterAll(async () => {
  await worker?.stop();
  await other?.stop();
  await s?.close();
  proxy?.close();
});

const ME = `{me{kind}}`;
const ask = async (token: string) =>
  (await (
    await fetch(`${other.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ME }),
    })
  ).json()) as { data: unknown; errors?: Array<{ extensions: { code: string } }> };

describe('an API process whose LISTEN connection goes silent', () => {
  it('notices, listens again, and no longer serves a token revoked through another process', async () => {
    const A = await createOrgWithOwner(s, 'Silent listener');
    expect((await ask(A.apiToken)).errors).toBeUndefined(); // cached on the other process
    expect(listeners.some((l) => l.app === LISTENER_APPLICATION_NAME)).toBe(true);
    freeze(LISTENER_APPLICATION_NAME);
    const [token] = await s.container.apiTokens.list(A.org.id);
    await s.container.apiTokens.revoke(A.org.id, SYSTEM_ACTOR, token!.id);
    const started = Date.now();
    let code: string | undefined;
    while (Date.now() - started < 5_000 && code !== 'UNAUTHENTICATED') {
      code = (await ask(A.apiToken)).errors?.[0]?.extensions.code;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(code).toBe('UNAUTHENTICATED');
    // It listens again on a new connection (the silent one is given up).
    await expect.poll(async () => (await fetch(`${other.url}/readyz`)).status, { timeout: 5_000 }).toBe(200);
  });
});

describe('a worker whose webhook wake-up listener goes silent', () => {
  it("notices and listens again: a change is delivered in seconds, not at the next minute's sweep", async () => {
    const receiver = await startReceiver();
    try {
      const { newClient } = await clientCreatedEndpoint(s, receiver.url);
      expect(listeners.some((l) => l.app === WAKEUPS_APPLICATION_NAME)).toBe(true);
      freeze(WAKEUPS_APPLICATION_NAME);
      const client = await newClient('Woken Co');
      await expect
        .poll(() => receiver.events().some((e) => e.data.object.id === client.id), { timeout: 10_000 })
        .toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
