import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { sendQueuedMagicLinks } from './magic-link.test-support.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok, rawGql } from '../../../test/api.js';
import { countStatements } from '../../../test/sql-count.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

const s = settleForFile({ worker: false });
const owner = orgForFile(s, 'Auth Org');

const ME = `{me{kind user{email role} portalUser{email clientId} tokenName organization{id}}}`;
const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token me{kind user{email}}}}`;

/** The text of the newest outbox email of `kind` to `to`. */
async function mailTo(to: string, kind: string): Promise<string | undefined> {
  const rows = await s.container.db.query(
    `SELECT text_body FROM emails WHERE to_address = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
    [to, kind],
  );
  return rows[0]?.text_body;
}
const tokenIn = (text: string, param = 'token') =>
  decodeURIComponent(new RegExp(`[?&]${param}=([^\\s&]+)`).exec(text)![1]!);

describe('admin sign-in', () => {
  it('refuses a wrong password and an unknown email with UNAUTHENTICATED', async () => {
    expect(failure(await s.gql(LOGIN, { e: owner.owner.email, p: 'wrong password!!' })).code).toBe('UNAUTHENTICATED');
    expect(failure(await s.gql(LOGIN, { e: 'nobody@nowhere.test', p: 'correct horse battery' })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(failure(await s.gql(`{invoices(first:1){totalCount}}`)).code).toBe('UNAUTHENTICATED');
  });

  it('gives a session usable as an HTTP-only cookie and as a bearer token; logout ends it', async () => {
    const res = await rawGql(s, LOGIN, { e: owner.owner.email, p: 'correct horse battery' });
    const body = (await res.json()) as { data: { login: { token: string; me: { kind: string } } } };
    expect(body.data.login.me.kind).toBe('USER');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/settle_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;

    const viaCookie = (await (await rawGql(s, ME, {}, { cookie })).json()) as {
      data: { me: { kind: string; user: { email: string } } };
    };
    expect(viaCookie.data.me).toMatchObject({ kind: 'USER', user: { email: owner.owner.email } });
    expect(ok(await s.gql(ME, {}, body.data.login.token)).me.organization.id).toBe(owner.org.id);

    const out = await rawGql(s, `mutation{logout}`, {}, { cookie });
    expect(((await out.json()) as { data: { logout: boolean } }).data.logout).toBe(true);
    const after = (await (await rawGql(s, ME, {}, { cookie })).json()) as {
      errors: Array<{ extensions: { code: string } }>;
    };
    expect(after.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(failure(await s.gql(ME, {}, body.data.login.token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('logout', () => {
  it('by a caller with no session (a made-up cookie, an API token) ends nothing and tells no process anything', async () => {
    const generation = () => s.container.auth.principals.generation;
    // A signed-in caller is cached; the cache is what a logout with a made-up cookie used to empty,
    // in every process (the sessions trigger NOTIFYs on any DELETE), twenty times per request.
    ok(await s.gql(ME, {}, owner.token));
    const before = generation();
    const logouts = Array.from({ length: 20 }, (_, i) => `l${i}: logout`).join(' ');
    const callers: Array<Record<string, string>> = [
      { cookie: 'settle_session=sess_made-up' },
      { authorization: `Bearer ${owner.apiToken}` },
    ];
    for (const headers of callers) {
      const res = await rawGql(s, `mutation { ${logouts} }`, {}, headers);
      expect(((await res.json()) as { data: { l0: boolean } }).data.l0).toBe(true);
    }
    await new Promise((r) => setTimeout(r, 200)); // a NOTIFY would have arrived by now
    expect(generation()).toBe(before);
    expect(ok(await s.gql(ME, {}, owner.apiToken)).me.tokenName).toBeTruthy();
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, listed by prefix, usable as bearer and revocable', async () => {
    const created = ok(
      await s.gql(`mutation{createApiToken(name:"CI"){token apiToken{id name prefix}}}`, {}, owner.token),
    ).createApiToken;
    const token: string = created.token;
    expect(token.startsWith(created.apiToken.prefix)).toBe(true);
    expect(created.apiToken.prefix.length).toBeLessThan(token.length / 2);

    // Nothing in the database holds the token itself: not the token row, not the audit trail.
    const [row] = await s.container.db.query(`SELECT t::text AS txt, token_hash FROM api_tokens t WHERE id = $1`, [
      created.apiToken.id,
    ]);
    expect(row.txt).not.toContain(token);
    expect(row.token_hash).not.toBe(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const leaks = await s.container.db.query(`SELECT 1 FROM audit_events a WHERE a::text LIKE '%' || $1 || '%'`, [
      token,
    ]);
    expect(leaks).toHaveLength(0);

    const me = ok(await s.gql(ME, {}, token)).me;
    expect(me).toMatchObject({ kind: 'TOKEN', tokenName: 'CI', organization: { id: owner.org.id } });

    const listed = ok(await s.gql(`{apiTokens{id name prefix lastUsedAt revokedAt}}`, {}, owner.token)).apiTokens;
    const mine = listed.find((t: { id: string }) => t.id === created.apiToken.id);
    expect(mine).toMatchObject({ prefix: created.apiToken.prefix, revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(failure(await s.gql(`{apiTokens{token}}`, {}, owner.token)).code).toBe('GRAPHQL_VALIDATION_FAILED');

    // A token can do billing work but not mint more tokens.
    expect(failure(await s.gql(`mutation{createApiToken(name:"x"){token}}`, {}, token)).code).toBe('FORBIDDEN');

    const revoked = ok(
      await s.gql(`mutation($id:ID!){revokeApiToken(id:$id){revokedAt}}`, { id: created.apiToken.id }, owner.token),
    );
    expect(revoked.revokeApiToken.revokedAt).not.toBeNull();
    expect(failure(await s.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
    expect(failure(await s.gql(`{invoices(first:1){totalCount}}`, {}, token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('roles', () => {
  it('keeps technicians away from approvals and invoices, and billing staff away from token minting', async () => {
    const f = await billingFixture(s.container, owner.org.id);
    const mk = `mutation($e:String!,$r:Role!){createUser(input:{email:$e,name:"P",role:$r,password:"correct horse battery"}){id role}}`;
    const techEmail = `tech-role-${Date.now()}@t.test`;
    const billEmail = `bill-role-${Date.now()}@t.test`;
    const tech = ok(await s.gql(mk, { e: techEmail, r: 'TECHNICIAN' }, owner.token)).createUser;
    ok(await s.gql(mk, { e: billEmail, r: 'BILLING' }, owner.token));
    const techToken = ok(await s.gql(LOGIN, { e: techEmail, p: 'correct horse battery' })).login.token;
    const billToken = ok(await s.gql(LOGIN, { e: billEmail, p: 'correct horse battery' })).login.token;

    const logged = ok(
      await s.gql(
        `mutation($t:ID!,$s:ID!){logTime(input:{ticketId:$t,serviceId:$s,workDate:"2026-11-02",minutes:30,submit:true}){id status technician{id}}}`,
        { t: f.ticket.id, s: f.service.id },
        techToken,
      ),
    ).logTime;
    expect(logged).toMatchObject({ status: 'SUBMITTED', technician: { id: tech.id } });

    expect(
      failure(await s.gql(`mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id}}`, { ids: [logged.id] }, techToken))
        .code,
    ).toBe('FORBIDDEN');
    expect(failure(await s.gql(`{invoices(first:5){totalCount}}`, {}, techToken)).code).toBe('FORBIDDEN');
    const inv = await f.sentInvoice(60);
    expect(failure(await s.gql(`query($id:ID!){invoice(id:$id){id}}`, { id: inv.id }, techToken)).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await s.gql(`mutation($id:ID!){voidInvoice(id:$id){id}}`, { id: inv.id }, techToken)).code).toBe(
      'FORBIDDEN',
    );
    expect(
      failure(
        await s.gql(
          `mutation{createUser(input:{email:"x@y.test",name:"x",role:OWNER,password:"correct horse battery"}){id}}`,
          {},
          techToken,
        ),
      ).code,
    ).toBe('FORBIDDEN');
    const entry = await s.container.timeEntries.get(owner.org.id, logged.id);
    expect(entry.status).toBe('SUBMITTED');

    // Billing staff approve and see invoices, but cannot mint API tokens.
    ok(await s.gql(`mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id}}`, { ids: [logged.id] }, billToken));
    expect(ok(await s.gql(`{invoices(first:5){totalCount}}`, {}, billToken)).invoices.totalCount).toBeGreaterThan(0);
    expect(failure(await s.gql(`mutation{createApiToken(name:"x"){token}}`, {}, billToken)).code).toBe('FORBIDDEN');
  });

  it('audits adding a user: who added whom with which role, never the password; a refused add writes nothing', async () => {
    const email = `audited-${Date.now()}@t.test`;
    const mk = `mutation($e:String!){createUser(input:{email:$e,name:"Audited",role:BILLING,password:"correct horse battery"}){id}}`;
    const added = ok(await s.gql(mk, { e: email }, owner.token)).createUser;
    const TRAIL = `query($id:ID!){auditEvents(entityType:"User",entityId:$id,first:5){nodes{action actorType actorId via before after}}}`;
    const trail = ok(await s.gql(TRAIL, { id: added.id }, owner.token)).auditEvents.nodes;
    expect(trail).toEqual([
      {
        action: 'user.created',
        actorType: 'USER',
        actorId: owner.owner.id,
        via: expect.any(String),
        before: null,
        after: { email, name: 'Audited', role: 'BILLING' },
      },
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/horse|argon|password/i);
    // The same email again is refused (CONFLICT on the field) and leaves no second row.
    expect(failure(await s.gql(mk, { e: email }, owner.token))).toMatchObject({ code: 'CONFLICT', field: 'email' });
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'User' AND action = 'user.created' AND after->>'email' = $1`,
      [email],
    );
    expect(n).toBe(1);
  });

  it('lets only an owner add an owner: an admin is refused on the role and adds no one; admins they may add', async () => {
    const adminEmail = `admin-${Date.now()}@t.test`;
    const admin = await signedInUser(s, owner.org.id, { email: adminEmail, name: 'Ada', role: 'ADMIN' });
    const add = `mutation($e:String!,$r:Role!){createUser(input:{email:$e,name:"New",role:$r,password:"correct horse battery"}){email role}}`;
    const asOwner = `owner-by-admin-${Date.now()}@t.test`;
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(add, { e: asOwner, r: 'OWNER' }, admin))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'role',
      });
    });
    // What an admin may give, they give; an owner gives ownership.
    const byAdmin = `admin-by-admin-${Date.now()}@t.test`;
    expect(ok(await s.gql(add, { e: byAdmin, r: 'ADMIN' }, admin)).createUser).toEqual({
      email: byAdmin,
      role: 'ADMIN',
    });
    expect(ok(await s.gql(add, { e: asOwner, r: 'OWNER' }, owner.token)).createUser).toEqual({
      email: asOwner,
      role: 'OWNER',
    });
  });
});

describe('portal access', () => {
  it('invites by email; the link sets a password once and signs in; password login works after', async () => {
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Portal Co' });
    const email = `Pat.${Date.now()}@portal.test`;
    const invited = ok(
      await s.gql(
        `mutation($c:ID!,$e:String!){invitePortalUser(input:{clientId:$c,email:$e,name:"Pat"}){id clientId acceptedAt}}`,
        { c: f.client.id, e: email },
        owner.token,
      ),
    ).invitePortalUser;
    expect(invited).toMatchObject({ clientId: f.client.id, acceptedAt: null });

    const mail = await mailTo(email, 'portal_invite');
    expect(mail).toContain(`${s.url}/portal/accept-invite?token=`);
    const outbox = ok(await s.gql(`{emails(first:50){nodes{kind to subject text}}}`, {}, owner.token)).emails.nodes;
    expect(outbox.some((m: { kind: string; to: string }) => m.kind === 'PORTAL_INVITE' && m.to === email)).toBe(true);

    const accept = `mutation($t:String!,$p:String!){acceptPortalInvite(token:$t,password:$p){token me{kind portalUser{email clientId}}}}`;
    const signed = ok(await s.gql(accept, { t: tokenIn(mail!), p: 'portal password 1' })).acceptPortalInvite;
    expect(signed.me).toMatchObject({ kind: 'PORTAL', portalUser: { clientId: f.client.id } });
    expect(ok(await s.gql(ME, {}, signed.token)).me.kind).toBe('PORTAL');
    expect(failure(await s.gql(accept, { t: tokenIn(mail!), p: 'another password' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });

    // An invitation opened twice at once still sets one password.
    await s.gql(
      `mutation($c:ID!,$e:String!){invitePortalUser(input:{clientId:$c,email:$e,name:"Pat"}){id}}`,
      { c: f.client.id, e: `twice-${email}` },
      owner.token,
    );
    const twice = tokenIn((await mailTo(`twice-${email}`, 'portal_invite'))!);
    const raced = await Promise.all(
      ['first password 1', 'second password 2'].map((p) => s.gql(accept, { t: twice, p })),
    );
    expect(raced.filter((r) => !r.errors)).toHaveLength(1);

    const login = `mutation($e:String!,$p:String!){portalLogin(email:$e,password:$p){me{kind}}}`;
    expect(ok(await s.gql(login, { e: email.toLowerCase(), p: 'portal password 1' })).portalLogin.me.kind).toBe(
      'PORTAL',
    );
    expect(failure(await s.gql(login, { e: email, p: 'not the password' })).code).toBe('UNAUTHENTICATED');
    // A portal session is no admin session.
    expect(failure(await s.gql(`{clients{nodes{id}}}`, {}, signed.token)).code).toBe('FORBIDDEN');
  });

  it('signs in with a one-time magic link; unknown emails get the same answer and no mail', async () => {
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Magic Co' });
    const email = `magic-${Date.now()}@portal.test`;
    ok(
      await s.gql(
        `mutation($c:ID!,$e:String!){invitePortalUser(input:{clientId:$c,email:$e,name:"Mo"}){id}}`,
        { c: f.client.id, e: email },
        owner.token,
      ),
    );

    const request = `mutation($e:String!){requestMagicLink(email:$e)}`;
    expect(ok(await s.gql(request, { e: email })).requestMagicLink).toBe(true);
    await sendQueuedMagicLinks(s);
    const mail = await mailTo(email, 'magic_link');
    expect(mail).toContain(`${s.url}/portal/magic?token=`);

    const use = `mutation($t:String!){loginWithMagicLink(token:$t){token me{kind portalUser{email clientId}}}}`;
    const first = ok(await s.gql(use, { t: tokenIn(mail!) })).loginWithMagicLink;
    expect(first.me).toMatchObject({ kind: 'PORTAL', portalUser: { email, clientId: f.client.id } });
    expect(ok(await s.gql(ME, {}, first.token)).me.kind).toBe('PORTAL');
    expect(failure(await s.gql(use, { t: tokenIn(mail!) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(failure(await s.gql(use, { t: 'ml_made-up' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });

    // A link opened by several tabs at once still signs in only once.
    await new Promise((r) => setTimeout(r, 5)); // a newer email than the first one
    ok(await s.gql(request, { e: email }));
    await sendQueuedMagicLinks(s);
    const second = tokenIn((await mailTo(email, 'magic_link'))!);
    expect(second).not.toBe(tokenIn(mail!));
    const racing = await Promise.all(Array.from({ length: 5 }, () => s.gql(use, { t: second })));
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);

    const [{ n: before }] = await s.container.db.query(`SELECT count(*)::int AS n FROM emails`);
    expect(ok(await s.gql(request, { e: `nobody-${Date.now()}@portal.test` })).requestMagicLink).toBe(true);
    await sendQueuedMagicLinks(s);
    const [{ n: after }] = await s.container.db.query(`SELECT count(*)::int AS n FROM emails`);
    expect(after).toBe(before);
  });

  it('answers requestMagicLink with the same work whether or not the address has portal access', async () => {
    const f = await billingFixture(s.container, owner.org.id);
    const email = `same-work-${Date.now()}@portal.test`;
    await s.container.auth.invitePortalUser(owner.org.id, SYSTEM_ACTOR, {
      clientId: f.client.id,
      email,
      name: 'Sam',
    });
    const request = `mutation($e:String!){requestMagicLink(email:$e)}`;
    // What the answer waits for (the lookup, a link and an email written for a known address) is what
    // its time tells: the statements run before it must not depend on the address.
    const sqlOf = async (e: string) =>
      (await countStatements(s.container.db, async () => ok(await s.gql(request, { e })))).sql.filter(
        (q) => !/rate_limit_hits/.test(q),
      );
    const known = await sqlOf(email);
    const unknown = await sqlOf(`nobody-${Date.now()}@portal.test`);
    expect(known).toEqual(unknown);
    // The link still goes out, to the known address only.
    await sendQueuedMagicLinks(s);
    expect(await mailTo(email, 'magic_link')).toContain('/portal/magic?token=');
  });
});
