import { createServer, type Server } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStripeSdk } from './stripe-client.js';
import { sdkConfig } from './stripe-sdk-config.js';

const SOCKETS = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Stripe-shaped server that keeps idle sockets `keepAliveMs` (and says so in `Keep-Alive: timeout=N`). */
async function shortKeepAliveServer(
  keepAliveMs: number,
): Promise<{ server: Server; url: string; connections: () => number }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data: [], has_more: false, url: '/v1/customers' }));
    });
  });
  server.keepAliveTimeout = keepAliveMs;
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

let open: Server | undefined;
afterEach(async () => {
  const server = open;
  open = undefined;
  if (!server) return;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("Settle's keep-alive pool for the Stripe SDK", () => {
  it('never sends a burst on sockets a short keep-alive server closed while the worker was busy', async () => {
    const keepAliveMs = 2_000;
    const { server, url, connections } = await shortKeepAliveServer(keepAliveMs);
    open = server;
    const stripe = createStripeSdk('sk_test_sockets', { apiUrl: url, maxNetworkRetries: 0 });
    let attempts = 0;
    stripe.on('request', () => attempts++);
    const round = () => Promise.all(Array.from({ length: SOCKETS }, () => stripe.customers.list({ limit: 1 })));
    await round();
    await round();
    expect(connections()).toBe(SOCKETS); // the second round went out on the first round's sockets

    // The worker turns busy while its sockets sit idle, and stays busy past the moment the server drops
    // them (Node closes at keepAliveTimeout, some versions a second later). The burst due then runs in the
    // same turn as the timers that close the sockets, before the worker has read the server's closes: the
    // SDK's own pool sent it on closed sockets; Settle's closed them itself, 1 s before the announced timeout.
    const idleFrom = Date.now();
    const burst = new Promise<PromiseSettledResult<unknown>[]>((resolve) =>
      setTimeout(
        () => resolve(Promise.allSettled(Array.from({ length: SOCKETS }, () => stripe.customers.list({ limit: 1 })))),
        keepAliveMs + 1_300,
      ),
    );
    await sleep(keepAliveMs / 2 - 200);
    while (Date.now() < idleFrom + keepAliveMs + 1_500) {
      /* busy */
    }
    attempts = 0;
    const results = await burst;

    expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    // A request written on a socket the server had closed fails with ECONNRESET and is sent again.
    expect(attempts).toBe(SOCKETS);
  }, 15_000);

  it('talks to real Stripe over https with a keep-alive pool, and to an http emulator over http', () => {
    const keepsAlive = (agent: unknown) => (agent as { keepAlive?: boolean }).keepAlive;
    const real = sdkConfig(undefined);
    expect(real.host).toBeUndefined();
    expect(real.httpAgent).toBeInstanceOf(HttpsAgent);
    expect(keepsAlive(real.httpAgent)).toBe(true);
    const emu = sdkConfig('http://127.0.0.1:12111');
    expect(emu.httpAgent).not.toBeInstanceOf(HttpsAgent);
    expect(keepsAlive(emu.httpAgent)).toBe(true);
  });
});
