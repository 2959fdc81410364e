import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSettle, type RunningSettle } from '../../app/bootstrap.js';
import { createOrgWithOwner, freePort, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { LISTENER_APPLICATION_NAME } from './invoice-events.js';

/**
 * An API process hears of other processes' changes on its LISTEN connection only: a token revoked or a
 * user disabled through another process, a rotated webhook secret, an invoice paid. A connection that
 * dies without a word (a NAT or firewall dropping an idle flow, a failover behind a virtual address)
 * gives no error and no end, so the process went on serving its cached callers as if nothing had changed
 * (a revoked token kept working on it), its subscribers heard of no change, and /readyz said ready.
 */
let s: TestSettle;
let other: RunningSettle;
let proxy: net.Server;
/** The proxied sockets of the listener's connections (client side, server side). */
const listeners: Array<{ frozen: boolean }> = [];

/** A TCP proxy to PostgreSQL that can go silent on the listener's connections (and only on them). */
async function startProxy(target: URL): Promise<number> {
  proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    const flow = { frozen: false };
    let first = true;
    client.on('data', (chunk) => {
      if (first && chunk.includes(LISTENER_APPLICATION_NAME)) listeners.push(flow);
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
  s = await startTestSettle({ worker: false });
  const db = new URL(s.container.databaseUrl);
  const proxied = new URL(db);
  proxied.host = `127.0.0.1:${await startProxy(db)}`;
  const port = await freePort();
  other = await startSettle(
    { ...s.container.config, port, publicUrl: `http://127.0.0.1:${port}`, runWorker: false },
    proxied.toString(),
    { listenerCheckMs: 200 },
  );
});
afterAll(async () => {
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
    expect(listeners.length).toBeGreaterThan(0);
    for (const l of listeners) l.frozen = true;
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
