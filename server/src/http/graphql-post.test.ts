import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner } from '../../test/harness.js';
import { countStatements } from '../../test/sql-count.js';
import { wsClient } from '../../test/ws-client.js';

/**
 * POST /graphql before Express (graphql-post.ts): what it takes it answers as Express did, and what it
 * does not take (another charset or encoding, no length, a foreign cookie) Express answers as always.
 */
const s = settleForFile({ worker: false });
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
const LIST = `{ invoices(first: 5) { nodes { id } } }`;

beforeAll(async () => {
  A = await createOrgWithOwner(s, 'Fast path');
});

const answeredBySql = async () => (await s.container.metrics.sqlAnswered.get()).values.reduce((n, v) => n + v.value, 0);

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${A.apiToken}`, ...headers },
    body,
  });
}

describe('POST /graphql before Express', () => {
  it('answers a list from SQL with one statement, and anything else through Apollo once', async () => {
    await post(JSON.stringify({ query: LIST })); // the token is looked up once, then known
    const before = await answeredBySql();
    const list = await countStatements(s.container.db, async () => {
      const res = await post(JSON.stringify({ query: LIST }));
      expect(await res.json()).toEqual({ data: { invoices: { nodes: [] } } });
    });
    expect(await answeredBySql()).toBe(before + 1);
    expect(list.n).toBe(1);
    // A filter is declined by the SQL answer: the resolvers answer it.
    const filtered = await post(
      JSON.stringify({ query: `{ invoices(first: 5, filter: { status: [PAID] }) { nodes { id } } }` }),
    );
    expect(await filtered.json()).toEqual({ data: { invoices: { nodes: [] } } });
    expect(await answeredBySql()).toBe(before + 1);
    const withMark = await post(`\uFEFF${JSON.stringify({ query: LIST })}`); // a byte order mark, as Express took it
    expect(await withMark.json()).toEqual({ data: { invoices: { nodes: [] } } });
    const me = await post(JSON.stringify({ query: `{ me { kind } }` }));
    expect(((await me.json()) as { data: { me: { kind: string } } }).data.me.kind).toBeTruthy();
  });

  it('refuses what is not a JSON object or array as Express did, and writes nothing', async () => {
    for (const body of ['"just a string"', '{"query": ', '42']) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
  });

  it('refuses a bearer token that does not resolve with 401', async () => {
    const res = await post(JSON.stringify({ query: LIST }), { authorization: 'Bearer stl_not-a-token' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('leaves other charsets, compressed bodies and foreign cookies to Express', async () => {
    const latin1 = await post(JSON.stringify({ query: LIST }), { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
    const gzipped = await post(new Blob([gzipSync(JSON.stringify({ query: LIST }))]), { 'content-encoding': 'gzip' });
    expect(await gzipped.json()).toEqual({ data: { invoices: { nodes: [] } } });
    const foreign = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `settle_session=${A.token}`, origin: 'https://evil.test' },
      body: JSON.stringify({ query: LIST }),
    });
    expect(foreign.status).toBe(403);
  });

  it('runs at most 16 requests of one caller at once: the rest are answered 429 at once, other callers are not', async () => {
    const B = await createOrgWithOwner(s, 'Fast path neighbour');
    // Requests that wait: the invoices table is locked while one caller sends 40 at once, on both paths
    // (a list PostgreSQL answers alone, and one the resolvers answer).
    const heavy = [
      `{ invoices(first: 200) { nodes { id number } } }`,
      `{ invoices(first: 200, filter: {}) { nodes { id } } }`,
    ];
    const one = (query: string, token: string) => post(JSON.stringify({ query }), { authorization: `Bearer ${token}` });
    const lock = s.container.db.createQueryRunner();
    await lock.startTransaction();
    let answers: Response[];
    try {
      await lock.query(`LOCK TABLE invoices IN ACCESS EXCLUSIVE MODE`);
      const all = Promise.all(Array.from({ length: 40 }, (_, i) => one(heavy[i % 2]!, A.apiToken)));
      await new Promise((r) => setTimeout(r, 500));
      // Another caller is served meanwhile.
      expect((await one(`{ me { kind } }`, B.apiToken)).status).toBe(200);
      await lock.commitTransaction();
      answers = await all;
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
    }
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((c) => c === 200)).toHaveLength(16);
    expect(statuses.filter((c) => c === 429)).toHaveLength(24);
    const refused = answers.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(
      ((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions,
    ).toMatchObject({
      code: 'RATE_LIMITED',
    });
    // Every slot is given back once its request is answered.
    const after = await Promise.all(Array.from({ length: 16 }, (_, i) => one(heavy[i % 2]!, A.apiToken)));
    expect(after.map((r) => r.status)).toEqual(Array(16).fill(200));
  });

  it('counts queries sent over a websocket the same way', async () => {
    const client = wsClient(s.url, A.apiToken);
    const query = (): Promise<{ data?: unknown; errors?: Array<{ extensions?: { code?: string } }> }> =>
      new Promise((resolve, reject) => {
        let last: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } = {};
        client.subscribe(
          { query: `{ invoices(first: 10, filter: {}) { nodes { id } } }` },
          { next: (r) => (last = r as typeof last), error: reject, complete: () => resolve(last) },
        );
      });
    const lock = s.container.db.createQueryRunner();
    await lock.startTransaction();
    let answers: Array<Awaited<ReturnType<typeof query>>>;
    try {
      await new Promise((r) =>
        client.subscribe({ query: '{ me { kind } }' }, { next: r, error: r, complete: () => undefined }),
      );
      await lock.query(`LOCK TABLE invoices IN ACCESS EXCLUSIVE MODE`);
      const all = Promise.all(Array.from({ length: 40 }, query));
      await new Promise((r) => setTimeout(r, 500));
      await lock.commitTransaction();
      answers = await all;
    } finally {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
      await lock.release();
      await client.dispose();
    }
    expect(answers.filter((a) => a.data && !a.errors)).toHaveLength(16);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'RATE_LIMITED')).toHaveLength(24);
  });
});
