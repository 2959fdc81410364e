import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { expectNoChange, rawGql } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';

/**
 * Security suite, point 9: the subscription websocket and cookie-carried GraphQL POSTs accept browser
 * pages of PUBLIC_URL's origin and of SETTLE_ALLOWED_ORIGINS only; clients that send no Origin (tools
 * with a bearer token) are unaffected; a websocket frame is capped like an HTTP body (2 MB).
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
const ALLOWED = 'https://billing.example.test';
beforeAll(async () => {
  s = await startTestSettle({
    worker: false,
    env: { SETTLE_ALLOWED_ORIGINS: `${ALLOWED}/, https://other.example.test` },
  });
  A = await createOrgWithOwner(s, 'Origin Org');
});
afterAll(async () => s?.close());

const wsUrl = () => `${s.url.replace('http', 'ws')}/graphql`;
const cookie = () => `settle_session=${encodeURIComponent(A.token)}`;

/** Opens a graphql-ws socket; resolves with the upgrade's outcome (101 or the refusal's HTTP status). */
function upgrade(headers: Record<string, string>, origin?: string): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws', { headers, ...(origin ? { origin } : {}) });
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
  });
}

/** Signs in over graphql-ws (connection_init) and runs one operation; resolves with its first message. */
function run(socket: WebSocket, query: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (msg.type === 'connection_ack')
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      if (msg.type === 'next' || msg.type === 'error') resolve(msg as never);
    });
    socket.on('close', (code) => resolve({ type: 'closed', code }));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  });
}

describe('websocket origin', () => {
  it('refuses the upgrade from a foreign page with 403, even with a valid session cookie', async () => {
    const foreign = await upgrade({ cookie: cookie() }, 'https://evil.example');
    expect(foreign.status).toBe(403);
    const nullOrigin = await upgrade({ cookie: cookie() }, 'null');
    expect(nullOrigin.status).toBe(403);
  });

  it("accepts Settle's own pages, the configured origins and clients without an Origin", async () => {
    for (const origin of [new URL(s.url).origin, ALLOWED, 'https://other.example.test', undefined]) {
      const r = await upgrade({ cookie: cookie() }, origin);
      expect(r.status, String(origin)).toBe(101);
      const answer = await run(r.socket!, '{ me { kind } }');
      expect(answer, String(origin)).toMatchObject({ type: 'next', payload: { data: { me: { kind: 'USER' } } } });
      r.socket!.close();
    }
  });

  it('closes a socket that sends a frame larger than the HTTP body limit (2 MB)', async () => {
    const r = await upgrade({ authorization: `Bearer ${A.apiToken}` });
    const closed = new Promise<number>((resolve) => r.socket!.once('close', (code) => resolve(code)));
    r.socket!.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(3 * 1024 * 1024) } }));
    expect(await closed).toBe(1009); // message too big
  });
});

describe('what one socket may do', () => {
  /** Signs in and sends `ids` subscribe messages; resolves with each id's first answer once all have one or 2 s passed. */
  function subscribeMany(
    socket: WebSocket,
    token: string,
    ids: string[],
    query: string,
  ): Promise<Map<string, { type: string; payload?: unknown }>> {
    const answers = new Map<string, { type: string; payload?: unknown }>();
    return new Promise((resolve) => {
      const done = () => resolve(answers);
      const timer = setTimeout(done, 2_000);
      socket.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as { id?: string; type: string; payload?: unknown };
        if (msg.type === 'connection_ack')
          for (const id of ids) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
        if (msg.id && !answers.has(msg.id)) answers.set(msg.id, msg);
        if (answers.size === ids.length) {
          clearTimeout(timer);
          done();
        }
      });
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    });
  }

  it('holds at most 100 live operations: the 101st subscription is refused, the socket stays open', async () => {
    const r = await upgrade({});
    const ids = Array.from({ length: 150 }, (_, i) => String(i));
    const answers = await subscribeMany(r.socket!, A.apiToken, ids, 'subscription { invoiceUpdated { invoiceId } }');
    const refused = [...answers.values()].filter((m) => m.type === 'error');
    // before: all 150 (and 2,000 more) listened; the first 100 are live and silent (no invoice changed)
    expect(refused).toHaveLength(50);
    expect(JSON.stringify(refused[0]!.payload)).toMatch(/already runs 100 operations/);
    expect(r.socket!.readyState).toBe(WebSocket.OPEN);
    r.socket!.close();
  });

  it('holds at most 16 live sockets per caller: the 17th is closed with 4429; one closed frees its slot', async () => {
    /** A signed-in socket: the code it was closed with, or 0 once acknowledged. */
    const connect = async (token: string) => {
      const r = await upgrade({});
      const outcome = await new Promise<number>((resolve) => {
        r.socket!.once('close', (code) => resolve(code));
        r.socket!.on('message', (raw) => {
          if ((JSON.parse(String(raw)) as { type: string }).type === 'connection_ack') resolve(0);
        });
        r.socket!.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      });
      return { socket: r.socket!, outcome };
    };
    const held: Array<Awaited<ReturnType<typeof connect>>> = [];
    for (let i = 0; i < 16; i++) held.push(await connect(A.apiToken));
    expect(held.map((h) => h.outcome)).toEqual(Array(16).fill(0));
    expect((await connect(A.apiToken)).outcome).toBe(4429);
    // Another caller is not held back by this one.
    const other = await s.container.auth.createApiToken(
      A.org.id,
      { ...SYSTEM_ACTOR, id: A.owner.id },
      'ws other',
      'read',
    );
    const theirs = await connect(other.token);
    expect(theirs.outcome).toBe(0);
    theirs.socket.close();
    const freed = new Promise((resolve) => held[0]!.socket.once('close', resolve));
    held[0]!.socket.close();
    await freed;
    await new Promise((r) => setTimeout(r, 100));
    const again = await connect(A.apiToken);
    expect(again.outcome).toBe(0);
    for (const h of [...held.slice(1), again]) h.socket.close();
  });

  it('runs no mutation for a read-scoped token, over the socket as over HTTP', async () => {
    const read = await s.container.auth.createApiToken(
      A.org.id,
      { ...SYSTEM_ACTOR, id: A.owner.id },
      'ws read',
      'read',
    );
    const r = await upgrade({});
    const answers = await expectNoChange(s, () =>
      subscribeMany(
        r.socket!,
        read.token,
        ['1'],
        'mutation { createClient(input: {name: "Via socket", billingEmail: "w@s.test", currency: "USD"}) { id } }',
      ),
    );
    expect(JSON.stringify(answers.get('1'))).toMatch(/FORBIDDEN/);
    r.socket!.close();
  });
});

describe('cookie-carried GraphQL POSTs (CSRF)', () => {
  const CREATE = `mutation{createClient(input:{name:"CSRF victim",billingEmail:"x@csrf.test",currency:"USD"}){id}}`;

  it('refuses a mutation that rides on the session cookie from a foreign origin, and writes nothing', async () => {
    await expectNoChange(s, async () => {
      const res = await rawGql(s, CREATE, {}, { cookie: cookie(), origin: 'https://evil.example' });
      expect(res.status).toBe(403);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
    });
    // a simple (text/plain) form post from a foreign page is refused the same way
    const simple = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie: cookie(), origin: 'https://evil.example' },
      body: JSON.stringify({ query: CREATE }),
    });
    expect(simple.status).toBe(403);
  });

  // Reads PostgreSQL answers alone (http/sql-answer-route.ts) are answered before Apollo, never before
  // these checks: a foreign page gets neither the list nor the dashboard, nor a simple (text/plain) post.
  it('refuses the reads answered before Apollo to a foreign origin, and a simple post from any page', async () => {
    for (const query of [`{ invoices(first: 5) { nodes { id total } } }`, `{ dashboard { overdue { id } } }`]) {
      const res = await rawGql(s, query, {}, { cookie: cookie(), origin: 'https://evil.example' });
      expect(res.status, query).toBe(403);
      expect(JSON.stringify(await res.json())).not.toMatch(/"data"/);
      const simple = await fetch(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie: cookie(), origin: new URL(s.url).origin },
        body: JSON.stringify({ query }),
      });
      expect(simple.status, query).toBe(400); // Apollo's CSRF prevention: a simple request carries no answer
      expect(await simple.text()).not.toMatch(/"data"/);
    }
  });

  it('runs no mutation over GET, with the cookie and no Origin (a link or an <img>) or with a preflight header', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${s.url}/graphql?query=${encodeURIComponent(CREATE)}`, { headers: { cookie: cookie(), ...headers } });
    await expectNoChange(s, async () => {
      expect((await get({})).status).toBe(400); // a simple cross-site GET: refused as a possible CSRF
      expect((await get({ 'apollo-require-preflight': 'true' })).status).toBe(405); // GET only reads
      expect((await get({ 'apollo-require-preflight': 'true', origin: 'https://evil.example' })).status).toBe(403);
    });
  });

  it('lets the same request through from our own origin, an allowed origin, or with a bearer token', async () => {
    const own = await rawGql(s, `{ me { kind } }`, {}, { cookie: cookie(), origin: new URL(s.url).origin });
    expect(((await own.json()) as { data: { me: { kind: string } } }).data.me.kind).toBe('USER');
    const allowed = await rawGql(s, `{ me { kind } }`, {}, { cookie: cookie(), origin: ALLOWED });
    expect(allowed.status).toBe(200);
    const bearer = await rawGql(
      s,
      `{ me { kind } }`,
      {},
      { authorization: `Bearer ${A.apiToken}`, origin: 'https://evil.example' },
    );
    expect(((await bearer.json()) as { data: { me: { kind: string } } }).data.me.kind).toBe('TOKEN');
  });
});
