import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements as countSql } from '../../test/sql-count.js';
import {
  getIntrospectionQuery,
  getNamedType,
  getOperationAST,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture, payByCheck } from '../../test/fixtures.js';
import { ok, rawGql } from '../../test/api.js';
import { sendQueuedMagicLinks } from '../modules/auth/magic-link.test-support.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { createSchema } from '../graphql/schema.js';
import { createSettlePubSub } from '../platform/events/invoice-events.js';
import { checkOperationLimits, DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../graphql/operation-limits.js';
import { readFileSync } from 'node:fs';
import { wsClient } from '../../test/ws-client.js';

/**
 * Security suite, point 11: GraphQL cost limits. Depth, aliases, root fields and an estimate of the
 * objects an operation may resolve are checked before anything runs, with a clear QUERY_TOO_COMPLEX
 * error; mutations that send mail, move money or check a password appear at most once per operation;
 * the same rules hold on the websocket; Invoice.timeline is one query per page.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let schema: GraphQLSchema;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'Cost Org');
  schema = await createSchema(createSettlePubSub());
});
afterAll(async () => s?.close());

const countStatements = (fn: () => Promise<unknown>) => countSql(s.container.db, fn);

const aliased = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

async function post(query: string, variables: Record<string, unknown> = {}, token = A.token) {
  const res = await rawGql(s, query, variables, { authorization: `Bearer ${token}` });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> },
  };
}

describe('cost limits over HTTP', () => {
  it('refuses 10,000 aliased `me` fields quickly, before any of them runs', async () => {
    const query = `{ ${aliased(10_000, 'me { kind }')} }`;
    ok(await s.gql(`{ me { kind } }`, {}, A.token)); // a first request warms the server up; it is not what is timed
    let answer!: Awaited<ReturnType<typeof post>>;
    const started = performance.now();
    const { n, sql } = await countStatements(async () => (answer = await post(query)));
    const ms = performance.now() - started;
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(answer.body.errors![0]!.message).toMatch(/too large: more than 5000 tokens/);
    // Only the caller's token lookup ran; not one `me`.
    expect(n, sql.join('\n')).toBeLessThanOrEqual(1);
    console.log(`10,000 aliased me: refused in ${ms.toFixed(0)} ms with ${n} SQL statement(s)`);
    expect(ms).toBeLessThan(1_000); // 14.7 s before the limits; the bound leaves room for a busy machine
  });

  it('refuses more than 20 root fields, and more than 30 aliases anywhere', async () => {
    const roots = await post(`{ ${aliased(21, 'me { kind }')} }`);
    expect(roots.status).toBe(400);
    expect(roots.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    ok(await s.gql(`{ ${aliased(20, 'me { kind }')} }`, {}, A.token));

    const aliases = await post(`{ me { ${aliased(31, 'kind')} } }`);
    expect(aliases.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(aliases.body.errors![0]!.message).toMatch(/more than 30 aliases/);
    ok(await s.gql(`{ me { ${aliased(30, 'kind')} } }`, {}, A.token));
  });

  it('refuses an operation whose estimated cost passes the limit, counting page sizes from variables', async () => {
    // 1,000 entries, each with its service's prices (about 10 each): 11,000 items
    const q = `query($n:Int!){timeEntries(first:$n){nodes{id service{code prices{unitAmount}}}}}`;
    const big = await post(q, { n: 1000 });
    expect(big.status).toBe(400);
    expect(big.body.data).toBeUndefined();
    expect(big.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(big.body.errors![0]!.message).toMatch(/at most 10000 are allowed/);
    ok(await s.gql(q, { n: 500 }, A.token));
  });

  it('lets a mail or money mutation appear once per operation, and refuses it twice without sending anything', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Mail target' });
    await s.container.auth.invitePortalUser(A.org.id, SYSTEM_ACTOR, {
      clientId: f.client.id,
      email: 'twice@client.test',
      name: 'P',
    });
    const emails = async () =>
      (await s.container.db.query(`SELECT count(*)::int AS n FROM emails WHERE to_address = 'twice@client.test'`))[0]
        .n as number;
    const before = await emails();
    const twice = await post(
      `mutation { a: requestMagicLink(email: "twice@client.test") b: requestMagicLink(email: "twice@client.test") }`,
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(twice.body.errors![0]!.message).toMatch(/requestMagicLink may appear only once/);
    const thousand = await post(`mutation { ${aliased(1000, 'requestMagicLink(email: "twice@client.test")')} }`);
    expect(thousand.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(await emails()).toBe(before);
    const money = await post(
      `mutation($i:ID!){ a: recordPayment(input:{invoiceId:$i, amount: 1, method: CASH}) { payment { id } }
        b: recordPayment(input:{invoiceId:$i, amount: 1, method: CASH}) { payment { id } } }`,
      { i: '00000000-0000-0000-0000-000000000001' },
    );
    expect(money.body.errors![0]!.message).toMatch(/recordPayment may appear only once/);
    // once is fine
    expect(
      ok(await s.gql(`mutation { requestMagicLink(email: "twice@client.test") }`, {}, A.token)).requestMagicLink,
    ).toBe(true);
    await sendQueuedMagicLinks(s); // its email leaves from the auth.magic-link job
    expect(await emails()).toBe(before + 1);
  });

  it('bounds bulk writes: 500 time entries a call, one bulk call an operation', async () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const APPROVE = `mutation($ids:[ID!]!){ approveTimeEntries(ids:$ids) { id } }`;
    const tooMany = await s.gql(APPROVE, { ids: ids(501) }, A.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const twice = await post(
      `mutation($ids:[ID!]!){ a: approveTimeEntries(ids:$ids) { id } b: approveTimeEntries(ids:$ids) { id } }`,
      { ids: ids(2) },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.errors![0]!.message).toMatch(/approveTimeEntries may appear only once/);
  });

  it('does not accept batched (array) requests, so a batch cannot multiply an operation', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${A.token}` },
      body: JSON.stringify([{ query: '{ me { kind } }' }, { query: '{ me { kind } }' }]),
    });
    expect(res.status).toBe(400);
  });
  it('counts aliases inside introspection too: 200 aliased `fields` under `types` are refused, anonymously', async () => {
    const inner = (i: number) => `f${i}: fields { type { ofType { fields { name } } } }`;
    const q = `{ __schema { types { ${Array.from({ length: 200 }, (_, i) => inner(i)).join(' ')} } } }`;
    const res = await rawGql(s, q); // before: 200 and a 7 MB answer built in about a second
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      data?: unknown;
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0]!.message).toMatch(/more than 30 aliases/);
  });

  it('refuses fragments that spread each other into millions of fields (a fragment bomb), quickly and not as a 500', async () => {
    for (const [on, leaf, root] of [
      ['Query', '__typename', '{ ...F0 }'],
      ['__Schema', 'queryType { name }', '{ __schema { ...F0 } }'],
    ]) {
      const n = 30; // 2^30 fields once spread, from a document of about 400 tokens
      const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on ${on} { ...F${i + 1} ...F${i + 1} }`);
      const started = performance.now();
      const res = await rawGql(s, `${root} ${frags.join(' ')} fragment F${n} on ${on} { ${leaf} }`);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(res.status, on).toBe(400); // before: 500 INTERNAL_SERVER_ERROR (introspection: also 500 ms of work at 2^16)
      expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(body.errors[0]!.message).toMatch(/more than 5000 fields once its fragments are spread/);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});

describe('cost limits on the websocket', () => {
  it('refuses an over-limit operation sent over graphql-ws', async () => {
    const client = wsClient(s.url, A.token);
    try {
      const answer = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `{ ${aliased(21, 'me { kind }')} }` },
          { next: resolve, error: resolve, complete: () => undefined },
        );
      });
      expect(JSON.stringify(answer)).toMatch(/top-level fields; at most 20/);
      const fine = await new Promise<{ data?: { me: { kind: string } } }>((resolve, reject) => {
        client.subscribe<{ me: { kind: string } }>(
          { query: `{ me { kind } }` },
          { next: resolve as never, error: reject, complete: () => undefined },
        );
      });
      expect(fine.data!.me.kind).toBe('USER');
    } finally {
      await client.dispose();
    }
  });
});

describe('the limits themselves', () => {
  const check = (query: string, limits: Partial<OperationLimits> = {}, variables: Record<string, unknown> = {}) => {
    const doc = parse(query);
    expect(validate(schema, doc)).toEqual([]);
    return (
      checkOperationLimits(schema, doc, getOperationAST(doc)!, variables, { ...DEFAULT_OPERATION_LIMITS, ...limits })
        ?.message ?? null
    );
  };

  it('measures depth through fragments', () => {
    const q = `fragment C on Client { name rates { unitAmount } } { dashboard { overdue { client { ...C } } } }`;
    expect(check(q, { maxDepth: 5 })).toBeNull();
    expect(check(q, { maxDepth: 4 })).toMatch(/5 levels deep; at most 4/);
  });

  it('counts a fragment each time it is spread', () => {
    const q = `fragment K on Me { x: kind y: kind } { me { ...K ...K ...K } }`;
    expect(check(q, { maxAliases: 6 })).toBeNull();
    expect(check(q, { maxAliases: 5 })).toMatch(/more than 5 aliases/);
  });

  it('lets the standard introspection query (codegen, GraphiQL) pass the default limits', () => {
    expect(check(getIntrospectionQuery())).toBeNull();
  });

  it('lets every operation the admin and portal apps send pass the default limits', () => {
    // Every document the apps send, as graphql-codegen lists them (the keys of its `Documents` map).
    const texts = ['admin', 'portal'].flatMap((app) => {
      const source = readFileSync(new URL(`../../../${app}/src/gql/gql.ts`, import.meta.url), 'utf8');
      return [...source.matchAll(/^ {4}("(?:[^"\\]|\\.)*"): typeof types\./gm)].map((m) => JSON.parse(m[1]!) as string);
    });
    expect(texts.length).toBeGreaterThan(50);
    const fragments = texts.filter((t) => t.trim().startsWith('fragment')).join('\n');
    for (const text of texts.filter((t) => !t.trim().startsWith('fragment'))) {
      const used = [...text.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]);
      const doc = parse(used.length ? `${text}\n${fragments}` : text, {
        maxTokens: DEFAULT_OPERATION_LIMITS.maxTokens,
      });
      const op = getOperationAST(doc);
      if (!op) continue;
      expect(checkOperationLimits(schema, doc, op, {}, DEFAULT_OPERATION_LIMITS), op.name?.value).toBeNull();
    }
  });
});

describe('Invoice.timeline is batched', () => {
  it('runs the same SQL statements for a page of 5 and of 25 invoices with their timelines', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Timelines' });
    for (let i = 0; i < 25; i++) {
      const draft = await s.container.invoices.createDraft(A.org.id, SYSTEM_ACTOR, {
        clientId: f.client.id,
        lines: [
          {
            kind: 'MANUAL' as never,
            description: `L${i}`,
            serviceId: null,
            quantity: '1',
            unitPrice: 1000,
            discount: 0,
            taxRateBps: 0,
          },
        ],
      });
      await s.container.invoices.send(A.org.id, SYSTEM_ACTOR, draft.id, { email: false });
    }
    const q = `query($n:Int!){invoices(first:$n){edges{node{number timeline{action actorLabel createdAt}}}}}`;
    const run = (n: number) =>
      countStatements(async () => {
        const page = ok(await s.gql(q, { n }, A.token)).invoices;
        expect(page.edges).toHaveLength(n);
        for (const e of page.edges as Array<{ node: { timeline: Array<{ action: string }> } }>) {
          // oldest first: created, then sent
          expect(e.node.timeline.length).toBeGreaterThanOrEqual(2);
          expect(e.node.timeline[0]!.action).toMatch(/created/);
        }
      });
    const five = await run(5);
    const many = await run(25);
    expect(many.n, many.sql.join('\n')).toBe(five.n);
    expect(five.sql.filter((q) => q.includes('audit_events'))).toHaveLength(1);
  });

  it('answers every Invoice field, two levels deep, with the same SQL statements for a page of 5 and of 25', async () => {
    // Some money on the invoices, so payments and their own fields have rows to resolve.
    const page = ok(await s.gql(`{invoices(first:25){edges{node{id balanceDue}}}}`, {}, A.token)).invoices;
    for (const e of (page.edges as Array<{ node: { id: string; balanceDue: number } }>).slice(0, 25))
      await payByCheck(s.container, A.org.id, e.node.id, 100);
    /** Every field without required arguments, objects expanded `levels` deep (leaves: their scalars). */
    const selection = (typeName: string, levels: number): string => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      return Object.values(type.getFields())
        .filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
        .map((f) => {
          const named = getNamedType(f.type);
          if (!isObjectType(named)) return f.name;
          return levels > 0 ? `${f.name} { ${selection(named.name, levels - 1)} }` : '';
        })
        .filter(Boolean)
        .join(' ');
    };
    const q = `query($n:Int!){invoices(first:$n){edges{node{ ${selection('Invoice', 2)} }}}}`;
    const run = (n: number) =>
      countStatements(async () => expect(ok(await s.gql(q, { n }, A.token)).invoices.edges).toHaveLength(n));
    await run(5); // warms per-process caches (connections, settings), which are not what is compared
    const five = await run(5);
    const many = await run(25);
    expect(many.n, many.sql.join('\n')).toBe(five.n);
  });
});
