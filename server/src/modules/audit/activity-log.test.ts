import { describe, expect, it } from 'vitest';
import { portalSession, signedInUser, twoBilledOrgs } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { forFile, settleForFile } from '../../../test/for-file.js';
import type { TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

// Webhook endpoints on 127.0.0.1 may be registered (nothing is delivered: no worker).
const s = settleForFile({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
const orgs = forFile(() => twoBilledOrgs(s, ['Activity A', 'Activity B']), 'two orgs');

const CREATE = `mutation($i:CreateClientInput!){createClient(input:$i){id}}`;
const LOG = `query($at:ActorType,$ai:String,$et:String,$ei:ID,$ac:String,$o:DateRangeInput,$n:Int,$a:String){
  auditEvents(actorType:$at,actorId:$ai,entityType:$et,entityId:$ei,action:$ac,occurred:$o,first:$n,after:$a){
    nodes{id actorType actorId actorLabel source via action label entityType entityId createdAt}
    pageInfo{hasNextPage endCursor}}}`;

/** A GraphQL call as the admin app makes it: the session in the cookie, from Settle's own page. */
async function asApp(query: string, variables: Record<string, unknown>, session: string) {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `settle_session=${session}`, origin: s.url },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Awaited<ReturnType<TestSettle['gql']>>;
}

const client = (name: string) => ({ i: { name, billingEmail: 'ap@x.test', currency: 'USD' } });
const page = async (vars: Record<string, unknown>, token = orgs.a.token) =>
  ok(await s.gql(LOG, vars, token)).auditEvents;
const log = async (vars: Record<string, unknown>, token = orgs.a.token) => (await page(vars, token)).nodes;

describe('who did it, and through what', () => {
  it('labels a change made in the admin app as the admin app, and one made with a token as the API', async () => {
    const inApp = ok(await asApp(CREATE, client('Made in the app'), orgs.a.token)).createClient;
    const byToken = ok(await s.gql(CREATE, client('Made by a script'), orgs.a.apiToken)).createClient;
    const bySessionBearer = ok(await s.gql(CREATE, client('Session as bearer'), orgs.a.token)).createClient;
    const [app] = await log({ ei: inApp.id });
    expect(app).toMatchObject({ actorType: 'USER', actorId: orgs.a.owner.id, source: 'ADMIN', via: 'Admin app' });
    expect(app.actorLabel).toContain('Owner');
    expect(app).toMatchObject({ action: 'client.created', label: 'Created' });
    expect((await log({ ei: byToken.id }))[0]).toMatchObject({ actorType: 'TOKEN', source: 'API', via: 'API' });
    // A bearer header is a script's door even with a person's session in it.
    expect((await log({ ei: bySessionBearer.id }))[0]).toMatchObject({ actorType: 'USER', via: 'API' });
  });
});

describe('filters', () => {
  it('narrows by actor, object, action and date range, together', async () => {
    const c = ok(await asApp(CREATE, client('Filter me'), orgs.a.token)).createClient;
    await s.gql(`mutation($id:ID!){updateClient(id:$id,input:{name:"Filtered"}){id}}`, { id: c.id }, orgs.a.apiToken);
    const mine = await log({ ai: orgs.a.owner.id, n: 500 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e: { actorId: string }) => e.actorId === orgs.a.owner.id)).toBe(true);
    const tokens = await log({ at: 'TOKEN', n: 500 });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((e: { actorType: string }) => e.actorType === 'TOKEN')).toBe(true);
    expect((await log({ et: 'Client', ei: c.id })).map((e: { action: string }) => e.action)).toEqual([
      'client.updated',
      'client.created',
    ]);
    const updates = await log({ ac: 'client.updated', n: 500 });
    expect(updates.map((e: { entityId: string }) => e.entityId)).toContain(c.id);
    expect(updates.every((e: { action: string }) => e.action === 'client.updated')).toBe(true);
    expect(await log({ et: 'Client', ei: c.id, ac: 'client.updated', at: 'USER' })).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await log({ o: { from: tomorrow } })).toEqual([]);
    expect((await log({ ei: c.id, o: { from: '2020-01-01', to: tomorrow } })).length).toBe(2);
    expect(await log({ ei: c.id, o: { to: '2020-01-01' } })).toEqual([]);
  });

  it('pages newest first with cursors, each event once', async () => {
    for (const n of [1, 2, 3, 4, 5]) await s.gql(CREATE, client(`Page ${n}`), orgs.a.apiToken);
    const all = await log({ et: 'Client', n: 500 });
    const seen: string[] = [];
    for (let after: string | undefined, more = true; more;) {
      const p = await page({ et: 'Client', n: 2, a: after });
      expect(p.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...p.nodes.map((e: { id: string }) => e.id));
      [after, more] = [p.pageInfo.endCursor, p.pageInfo.hasNextPage];
    }
    expect(seen).toEqual(all.map((e: { id: string }) => e.id));
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((x, y) => y - x));
  });

  it('refuses wrong filters with BAD_USER_INPUT naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ n: 0 }, 'first'],
      [{ n: 501 }, 'first'],
      [{ a: 'abc' }, 'after'],
      [{ ei: 'not-an-id' }, 'entityId'],
      [{ et: 'Client; drop' }, 'entityType'],
      [{ ac: 'x y' }, 'action'],
      [{ o: { from: 'yesterday' } }, 'from'],
      [{ o: { to: '2026-13-45' } }, 'to'],
      [{ o: { from: '2026-11-02', to: '2026-11-01' } }, 'occurred.to'],
    ];
    for (const [vars, field] of cases) {
      const err = failure(await s.gql(LOG, vars, orgs.a.token));
      expect({ ...err, vars }).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(err.message.length).toBeGreaterThan(10);
    }
  });
});

describe('who may read it', () => {
  it('never shows another org’s rows, whatever the filter', async () => {
    const theirs = ok(await s.gql(CREATE, client('B only'), orgs.b.apiToken)).createClient;
    expect(await log({ ei: theirs.id })).toEqual([]);
    expect(await log({ ai: orgs.b.owner.id })).toEqual([]);
    const ids = new Set((await log({ n: 500 })).map((e: { entityId: string }) => e.entityId));
    for (const id of [theirs.id, orgs.fb.client.id, orgs.fb.ticket.id]) expect(ids.has(id)).toBe(false);
    expect(ids.has(orgs.fa.client.id)).toBe(true);
  });

  it('refuses technicians and portal users', async () => {
    const tech = await signedInUser(s, orgs.a.org.id, {
      email: `t-${Date.now()}@a.test`,
      name: 'T',
      role: 'TECHNICIAN',
    });
    expect(failure(await s.gql(LOG, {}, tech)).code).toBe('FORBIDDEN');
    const portal = await portalSession(s, orgs.a.org.id, orgs.fa.client.id);
    expect(failure(await s.gql(LOG, {}, portal)).code).toBe('FORBIDDEN');
    expect(failure(await s.gql(LOG, {})).code).toBe('UNAUTHENTICATED');
  });

  it('shows staff users, API tokens and webhook endpoints (admins’ lists) to admins only', async () => {
    const { a } = orgs;
    const admin = await signedInUser(s, a.org.id, { email: `ad-${Date.now()}@a.test`, name: 'Ad', role: 'ADMIN' });
    const billing = await signedInUser(s, a.org.id, { email: `bi-${Date.now()}@a.test`, name: 'Bi', role: 'BILLING' });
    const read = (await s.container.auth.createApiToken(a.org.id, { ...SYSTEM_ACTOR, id: a.owner.id }, 'r', 'read'))
      .token;
    const user = ok(
      await s.gql(
        `mutation($e:String!){createUser(input:{email:$e,name:"Added",role:BILLING,password:"correct horse battery"}){id}}`,
        { e: `added-${Date.now()}@a.test` },
        a.token,
      ),
    ).createUser;
    const token = ok(await s.gql(`mutation{createApiToken(name:"audited"){apiToken{id}}}`, {}, a.token)).createApiToken
      .apiToken;
    const endpoint = ok(
      await s.gql(
        `mutation{createWebhookEndpoint(input:{url:"http://127.0.0.1:9/hook?key=receiver-secret",events:[INVOICE_PAID]}){endpoint{id}}}`,
        {},
        admin,
      ),
    ).createWebhookEndpoint.endpoint;
    const adminOnly = [user.id, token.id, endpoint.id];
    const TRAIL = `query($ei:ID,$et:String){auditEvents(first:500,entityId:$ei,entityType:$et){nodes{entityId before after}}}`;
    const trail = async (caller: string, vars: Record<string, unknown> = {}) =>
      JSON.stringify(ok(await s.gql(TRAIL, vars, caller)).auditEvents.nodes);
    for (const caller of [a.token, admin]) {
      const all = await trail(caller);
      for (const id of adminOnly) expect(all).toContain(id);
      expect(all).toContain('receiver-secret');
    }
    // Billing staff and billing or read tokens: not in the log, nor when asked for by id or type.
    for (const caller of [billing, a.apiToken, read]) {
      const all = await trail(caller);
      for (const id of adminOnly) expect(all).not.toContain(id);
      expect(all).not.toContain('receiver-secret');
      expect(all).toContain(orgs.fa.client.id);
      for (const id of adminOnly) expect(await trail(caller, { ei: id })).toBe('[]');
      for (const et of ['User', 'ApiToken', 'WebhookEndpoint']) expect(await trail(caller, { et })).toBe('[]');
    }
  });
});
