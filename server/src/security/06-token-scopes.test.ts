import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSettle, type TestSettle } from '../../test/harness.js';
import { ok } from '../../test/api.js';
import { everyPrincipal, type TestPrincipal } from '../../test/principals.js';
import { minimalOperation } from '../../test/minimal-operation.js';
import { decide } from '../graphql/access-policy.js';
import { ACCESS } from '../graphql/resolvers.js';

/**
 * Security suite, point 6: API tokens carry scopes and the same role checks as users. Every mutation and
 * query of the live schema is called as every role (OWNER, ADMIN, BILLING, TECHNICIAN, portal), every
 * token scope (read, billing, admin) and anonymously, with minimal arguments. FORBIDDEN must be the
 * answer exactly where the access table (the rows each module declares, graphql/resolvers.ts) says; any other answer (success,
 * BAD_USER_INPUT, NOT_FOUND, CONFLICT…) means the guard let the call through.
 */
let s: TestSettle;
let schema: GraphQLSchema;
let principals: Awaited<ReturnType<typeof everyPrincipal>>;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  schema = buildClientSchema(ok(await s.gql(getIntrospectionQuery())) as never);
  principals = await everyPrincipal(s);
});
afterAll(async () => s?.close());

/** Calls that end the caller's session: made last, each with a fresh session. */
const ENDS_SESSION = new Set(['logout', 'logoutEverywhere']);

/** The list of admin-only actions: a billing user and a billing token are refused every one. */
const ADMIN_ONLY = [
  'setStripeWebhookSecret',
  'rotateStripeWebhookToken',
  'registerStripeWebhook',
  'updateOrganizationSettings',
  'updatePaymentSettings',
  'disconnectQuickBooks',
  'updateQuickBooksMapping',
  'createUser',
  'createApiToken',
  'revokeApiToken',
  'connectStripe',
  'disconnectStripe',
  'testStripeConnection',
  'linkStripeCustomer',
  'setClientStripeSendVia',
  'replayStripeWebhookEvent',
];

async function answer(p: TestPrincipal, operation: string, fresh: boolean): Promise<string> {
  const res = await s.gql(operation, {}, fresh ? await p.fresh() : p.token);
  // logoutEverywhere ended the person's other sessions too: sign them in again for the calls after it.
  if (fresh) p.token = await p.fresh();
  if (res.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED'))
    throw new Error(`${operation}: ${JSON.stringify(res.errors)}`);
  return res.errors?.[0]?.extensions?.code ?? 'OK';
}

async function runMatrix(typeName: 'Query' | 'Mutation'): Promise<string[]> {
  const op = typeName === 'Query' ? 'query' : 'mutation';
  const fields = Object.values((typeName === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields());
  const ordered = [
    ...fields.filter((f) => !ENDS_SESSION.has(f.name)),
    ...fields.filter((f) => ENDS_SESSION.has(f.name)),
  ];
  const wrong: string[] = [];
  for (const field of ordered) {
    const operation = minimalOperation(op, field);
    const access = ACCESS[typeName][field.name];
    const codes = await Promise.all(principals.all.map((p) => answer(p, operation, ENDS_SESSION.has(field.name))));
    principals.all.forEach((p, n) => {
      const expected = decide(access, p.caller, op);
      const code = codes[n]!;
      const fine =
        expected === 'forbidden'
          ? code === 'FORBIDDEN'
          : expected === 'unauthenticated'
            ? code === 'UNAUTHENTICATED'
            : code !== 'FORBIDDEN' && (access?.kind === 'public' || code !== 'UNAUTHENTICATED');
      if (!fine) wrong.push(`${field.name} as ${p.label}: expected ${expected}, got ${code}`);
    });
  }
  return wrong;
}

describe('the access table', () => {
  it('lists every root field of the schema, and nothing the schema does not have', () => {
    for (const typeName of ['Query', 'Mutation', 'Subscription'] as const) {
      const roots = {
        Query: schema.getQueryType(),
        Mutation: schema.getMutationType(),
        Subscription: schema.getSubscriptionType(),
      };
      const live = Object.keys(roots[typeName]!.getFields()).sort();
      expect(
        live.filter((f) => !ACCESS[typeName][f]),
        `${typeName} fields without an access row in their module`,
      ).toEqual([]);
      expect(
        Object.keys(ACCESS[typeName]).filter((f) => !live.includes(f)),
        `${typeName} entries with no field`,
      ).toEqual([]);
    }
  });

  it('keeps every admin-only action from billing users and billing tokens, and every mutation from read tokens', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const name of ADMIN_ONLY) {
      expect(mutations.includes(name), name).toBe(true);
      expect(decide(ACCESS.Mutation[name], { kind: 'user', role: 'BILLING' }, 'mutation'), name).toBe('forbidden');
      expect(decide(ACCESS.Mutation[name], { kind: 'token', scope: 'billing' }, 'mutation'), name).toBe('forbidden');
    }
    // Sign-in flows are open to anyone; every other mutation is closed to a read token.
    for (const name of mutations.filter((m) => ACCESS.Mutation[m]?.kind !== 'public')) {
      expect(decide(ACCESS.Mutation[name], { kind: 'token', scope: 'read' }, 'mutation'), name).toBe('forbidden');
    }
    // Starting a Stripe or QuickBooks connection is for an admin in person, never a token or billing staff.
    for (const query of [ACCESS.Query.stripeOAuthUrl, ACCESS.Query.quickBooksAuthorizeUrl]) {
      expect(decide(query, { kind: 'token', scope: 'admin' }, 'query')).toBe('forbidden');
      expect(decide(query, { kind: 'user', role: 'BILLING' }, 'query')).toBe('forbidden');
    }
  });
});

describe('every mutation × every role and scope', () => {
  it('answers FORBIDDEN exactly where the table says', async () => {
    expect(await runMatrix('Mutation')).toEqual([]);
  }, 180_000);

  it('refuses the admin-only mutations to a billing user and a billing token through the API', async () => {
    const fields = schema.getMutationType()!.getFields();
    for (const label of ['BILLING', 'token:billing', 'token:read']) {
      for (const name of ADMIN_ONLY)
        expect(
          `${name}: ${await answer(principals.byLabel(label), minimalOperation('mutation', fields[name]!), false)}`,
        ).toBe(`${name}: FORBIDDEN`);
    }
  }, 60_000);
});

describe('every query × every role and scope', () => {
  it('answers FORBIDDEN exactly where the table says', async () => {
    expect(await runMatrix('Query')).toEqual([]);
  }, 120_000);
});

describe('token scopes', () => {
  it('default to READ, show in the list and in me, and a read token reads but writes nothing', async () => {
    const owner = principals.byLabel('OWNER');
    const created = ok(
      await s.gql(`mutation{createApiToken(name:"default"){token apiToken{id scope}}}`, {}, owner.token),
    ).createApiToken;
    expect(created.apiToken.scope).toBe('READ');
    const listed = ok(await s.gql(`{apiTokens{id scope}}`, {}, owner.token)).apiTokens;
    expect(listed.find((t: { id: string }) => t.id === created.apiToken.id).scope).toBe('READ');
    expect(ok(await s.gql(`{me{kind tokenScope}}`, {}, created.token)).me).toEqual({
      kind: 'TOKEN',
      tokenScope: 'READ',
    });
    expect(
      ok(await s.gql(`{invoices(first:5){totalCount}}`, {}, created.token)).invoices.totalCount,
    ).toBeGreaterThanOrEqual(0);
    const before = ok(await s.gql(`{clients{nodes{id}}}`, {}, owner.token)).clients.nodes.length;
    const refused = await s.gql(
      `mutation{createClient(input:{name:"By a read token",billingEmail:"x@y.test",currency:"USD"}){id}}`,
      {},
      created.token,
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(ok(await s.gql(`{clients{nodes{id}}}`, {}, owner.token)).clients.nodes.length).toBe(before);
    const admin = ok(
      await s.gql(`mutation{createApiToken(name:"adm", scope: ADMIN){apiToken{scope}}}`, {}, owner.token),
    ).createApiToken;
    expect(admin.apiToken.scope).toBe('ADMIN');
  });

  it('lets an admin token change settings, and a billing token do billing work', async () => {
    const adminToken = principals.byLabel('token:admin').token;
    expect(
      ok(await s.gql(`mutation{updateOrganizationSettings(input:{}){id}}`, {}, adminToken)).updateOrganizationSettings
        .id,
    ).toBe(principals.org.org.id);
    const billingToken = principals.byLabel('token:billing').token;
    const client = ok(
      await s.gql(
        `mutation{createClient(input:{name:"By a billing token",billingEmail:"x@y.test",currency:"USD"}){id}}`,
        {},
        billingToken,
      ),
    ).createClient;
    expect(client.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('were billing before scopes existed: the migration backfills old tokens as billing and defaults new rows to read', async () => {
    const [col] = await s.container.db.query(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'api_tokens' AND column_name = 'scope'`,
    );
    expect(col.column_default).toContain('read');
    const migration = await import('../modules/auth/migrations/0008-access-scopes.migration.js');
    const statements: string[] = [];
    await new migration.AccessScopes1795300010000().up({
      query: async (q: string) => void statements.push(q),
    } as never);
    expect(statements[0]).toMatch(/ADD COLUMN scope text NOT NULL DEFAULT 'billing'/);
    expect(statements[1]).toMatch(/SET DEFAULT 'read'/);
  });
});
