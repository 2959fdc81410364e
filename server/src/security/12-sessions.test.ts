import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { billingFixture, lastMailedToken } from '../../test/fixtures.js';
import { failure, ok, rawGql } from '../../test/api.js';
import { loadConfig } from '../platform/config.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { wsClient } from '../../test/ws-client.js';

/**
 * Security suite, point 12 (sessions): the session lifetime is configurable (SETTLE_SESSION_HOURS);
 * "log out everywhere" ends every session of the caller and closes their live connections; creating a
 * user does not reveal whether the email exists in another org.
 */
const s = settleForFile({ worker: false, env: { SETTLE_SESSION_HOURS: '2' } });

const PASSWORD = 'correct horse battery';
const LOGIN = `mutation($e:String!,$p:String!,$o:String){login(email:$e,password:$p,organizationSlug:$o){token me{organization{id}}}}`;
const ME = `{me{kind organization{id}}}`;
const login = async (email: string, slug?: string) =>
  ok(await s.gql(LOGIN, { e: email, p: PASSWORD, o: slug })).login.token as string;

describe('session lifetime', () => {
  it('follows SETTLE_SESSION_HOURS in the database and in the cookie', async () => {
    const o = await createOrgWithOwner(s);
    const res = await rawGql(s, LOGIN, { e: o.owner.email, p: PASSWORD });
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=7200\b/);
    const { data } = (await res.json()) as { data: { login: { token: string } } };
    const [row] = await s.container.db.query(
      `SELECT extract(epoch FROM expires_at - now())::int AS left FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [o.owner.id],
    );
    expect(row.left).toBeGreaterThan(7200 - 60);
    expect(row.left).toBeLessThanOrEqual(7200);
    // Past its end the session is refused. The change is made on another connection, so this process's
    // caller cache hears of it through NOTIFY (milliseconds later), as another Settle process would.
    await s.container.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      o.owner.id,
    ]);
    await expect
      .poll(async () => (await s.gql(ME, {}, data.login.token)).errors?.[0]?.extensions?.code, { timeout: 500 })
      .toBe('UNAUTHENTICATED');
  });

  it('defaults to 30 days and refuses a value that is not a positive number', () => {
    expect(loadConfig({}).sessionHours).toBe(720);
    expect(loadConfig({ SETTLE_SESSION_HOURS: '12' }).sessionHours).toBe(12);
    expect(() => loadConfig({ SETTLE_SESSION_HOURS: 'forever' })).toThrow(/SETTLE_SESSION_HOURS/);
    expect(() => loadConfig({ SETTLE_SESSION_HOURS: '0' })).toThrow(/SETTLE_SESSION_HOURS/);
  });
});

describe('logoutEverywhere', () => {
  it('ends every session of the caller, closes their websockets, and nobody else’s', async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    const invoice = await f.sentInvoice(60);
    const laptop = await login(o.owner.email);
    const phone = await login(o.owner.email);
    const colleagueEmail = `colleague-${Date.now()}@${o.org.slug}.test`;
    await s.container.auth.createUser(o.org.id, {
      email: colleagueEmail,
      name: 'C',
      role: 'ADMIN',
      password: PASSWORD,
    });
    const colleague = await login(colleagueEmail);

    // A live subscription on the phone's session; `current: true` proves it is listening.
    const events: unknown[] = [];
    const state: { error: unknown } = { error: null };
    const client = wsClient(s.url, phone);
    client.subscribe(
      {
        query: `subscription($i:ID){invoiceUpdated(invoiceId:$i,current:true){invoiceId}}`,
        variables: { i: invoice.id },
      },
      {
        next: (v) => events.push(v),
        error: (e) => {
          state.error = e;
        },
        complete: () => undefined,
      },
    );
    try {
      await eventually(async () => events.length > 0, 'the subscription to start');

      expect(ok(await s.gql(`mutation{logoutEverywhere}`, {}, laptop)).logoutEverywhere).toBe(3); // o.token, laptop, phone
      for (const t of [o.token, laptop, phone]) expect(failure(await s.gql(ME, {}, t)).code).toBe('UNAUTHENTICATED');
      expect(ok(await s.gql(ME, {}, colleague)).me.organization.id).toBe(o.org.id);
      expect(ok(await s.gql(ME, {}, o.apiToken)).me.kind).toBe('TOKEN'); // API tokens are not sessions
      await eventually(async () => state.error, 'the websocket to close');
      expect((state.error as { code?: number }).code).toBe(4401);
    } finally {
      await client.dispose();
    }
  });

  it('works for portal users, and is refused to API tokens and to nobody', async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    const email = `portal-${Date.now()}@client.test`;
    await s.container.auth.invitePortalUser(o.org.id, SYSTEM_ACTOR, { clientId: f.client.id, email, name: 'P' });
    const first = (await s.container.auth.acceptInvite(await lastMailedToken(s.container, email), PASSWORD)).token;
    const second = (await s.container.auth.portalLogin(email, PASSWORD)).token;
    expect(ok(await s.gql(`mutation{logoutEverywhere}`, {}, second)).logoutEverywhere).toBe(2);
    for (const t of [first, second]) expect(failure(await s.gql(ME, {}, t)).code).toBe('UNAUTHENTICATED');
    expect(failure(await s.gql(`mutation{logoutEverywhere}`, {}, o.apiToken)).code).toBe('FORBIDDEN');
    expect(failure(await s.gql(`mutation{logoutEverywhere}`)).code).toBe('UNAUTHENTICATED');
    expect(ok(await s.gql(ME, {}, o.token)).me.kind).toBe('USER');
  });
});

describe('creating a user', () => {
  const CREATE = `mutation($e:String!){createUser(input:{email:$e,name:"New",role:BILLING,password:"correct horse battery"}){email role}}`;

  it('answers the same whether or not the email is a user in another org', async () => {
    const a = await createOrgWithOwner(s);
    const b = await createOrgWithOwner(s);
    const taken = `shared-${Date.now()}@people.test`;
    ok(await s.gql(CREATE, { e: taken }, a.token));
    const unknown = `fresh-${Date.now()}@people.test`;
    const forTaken = await s.gql(CREATE, { e: taken.toUpperCase() }, b.token);
    const forUnknown = await s.gql(CREATE, { e: unknown }, b.token);
    expect(forTaken.errors).toBeUndefined();
    expect(forUnknown.errors).toBeUndefined();
    expect(forTaken.data.createUser.role).toBe(forUnknown.data.createUser.role);
    // Within one org an email is still one person.
    expect(failure(await s.gql(CREATE, { e: taken }, b.token))).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('lets the same email sign in to each org: by password, or by organizationSlug when both match', async () => {
    const a = await createOrgWithOwner(s);
    const b = await createOrgWithOwner(s);
    const email = `two-orgs-${Date.now()}@people.test`;
    await s.container.auth.createUser(a.org.id, { email, name: 'A', role: 'BILLING', password: PASSWORD });
    await s.container.auth.createUser(b.org.id, {
      email,
      name: 'B',
      role: 'BILLING',
      password: 'another long password',
    });
    expect(ok(await s.gql(LOGIN, { e: email, p: PASSWORD })).login.me.organization.id).toBe(a.org.id);
    expect(ok(await s.gql(LOGIN, { e: email, p: 'another long password' })).login.me.organization.id).toBe(b.org.id);
    await s.container.db.query(
      `UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE org_id = $1 AND email = $2) WHERE org_id = $3 AND email = $2`,
      [a.org.id, email, b.org.id],
    );
    expect(failure(await s.gql(LOGIN, { e: email, p: PASSWORD }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organizationSlug',
    });
    expect(ok(await s.gql(LOGIN, { e: email, p: PASSWORD, o: b.org.slug })).login.me.organization.id).toBe(b.org.id);
    expect(failure(await s.gql(LOGIN, { e: email, p: 'wrong password here' })).code).toBe('UNAUTHENTICATED');
  });
});
