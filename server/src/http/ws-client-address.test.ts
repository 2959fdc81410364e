import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';

/**
 * Operations sent over the subscription websocket are rate-limited per client address like HTTP ones:
 * behind a reverse proxy on this host every socket comes from loopback, so the address is the one the
 * proxy forwards (X-Forwarded-For), or one caller's requests would use up everyone's allowance.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
beforeAll(async () => {
  s = await startTestSettle({ worker: false, env: { SETTLE_RATE_MAGIC_LINK_IP: '1/900' } });
  A = await createOrgWithOwner(s, 'Proxied Org');
});
afterAll(async () => s?.close());

/** One operation over a fresh graphql-ws socket that a proxy forwarded for `client`; its first answer. */
function viaProxy(client: string, query: string): Promise<{ payload?: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${s.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { 'x-forwarded-for': client },
    });
    socket.once('error', reject);
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (msg.type === 'connection_ack')
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      if (msg.type === 'next' || msg.type === 'error') {
        socket.close();
        resolve(msg);
      }
    });
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${A.apiToken}` } })),
    );
  });
}

const ask = (email: string) => `mutation { requestMagicLink(email: "${email}") }`;

describe('rate limits over the websocket', () => {
  it('count per forwarded client address, not per the proxy', async () => {
    expect(await viaProxy('203.0.113.1', ask('a@client.test'))).toMatchObject({
      payload: { data: { requestMagicLink: true } },
    });
    // Another client behind the same proxy keeps its own allowance.
    expect(await viaProxy('203.0.113.2', ask('b@client.test'))).toMatchObject({
      payload: { data: { requestMagicLink: true } },
    });
    // The first client's second request is over its allowance of one.
    const again = (await viaProxy('203.0.113.1', ask('c@client.test'))) as {
      payload: { errors?: Array<{ extensions: { code: string } }> };
    };
    expect(again.payload.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
  });
});
