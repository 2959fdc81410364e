import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../test/for-file.js';
import { billingFixture, lastMailedToken } from '../../test/fixtures.js';
import { expectNoChange, failure, ok, rawGql } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';

/**
 * Security suite, point 18: no other site signs a browser in (login CSRF) or out. Sign-in (password,
 * magic link, invitation) and sign-out asked for by a foreign page are refused before anything is counted
 * or spent, and set or clear no cookie; a magic or invitation link names the account and business before
 * it is used; a sign-in ends the session the browser held before (no session id outlives a sign-in).
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_LIMITS: 'off' } });
const A = orgForFile(s, 'Forgery Org');
const PASSWORD = 'correct horse battery';
const EVIL = 'https://evil.example';
const own = () => new URL(s.url).origin;

const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
const PORTAL_LOGIN = `mutation($e:String!,$p:String!){portalLogin(email:$e,password:$p){token}}`;
const MAGIC = `mutation($t:String!){loginWithMagicLink(token:$t){token}}`;
const ACCEPT = `mutation($t:String!,$p:String!){acceptPortalInvite(token:$t,password:$p){token}}`;
const LINK = `query($t:String!){signInLink(token:$t){email organizationName}}`;
const ME = `{me{kind}}`;

const lastToken = (to: string, kind: string) => lastMailedToken(s.container, to, kind);

/** A portal user who has set their password, and one fresh magic link of theirs. */
async function portalUser(tag: string) {
  const f = await billingFixture(s.container, A.org.id);
  const email = `${tag}-${Date.now()}@client.test`;
  await s.container.auth.invitePortalUser(A.org.id, SYSTEM_ACTOR, { clientId: f.client.id, email, name: 'P' });
  const invitation = await lastToken(email, 'portal_invite');
  return { email, invitation, client: f.client };
}

async function magicLinkOf(email: string): Promise<string> {
  await s.container.auth.requestMagicLink(email);
  return lastToken(email, 'magic_link');
}

async function answer(res: Response) {
  return { status: res.status, cookie: res.headers.get('set-cookie'), body: (await res.json()) as never };
}

describe('sign-in asked for by a foreign page (login CSRF)', () => {
  it('is refused for every way in, before anything is spent, and sets no cookie', async () => {
    const pu = await portalUser('csrf');
    await s.container.auth.acceptInvite(pu.invitation, PASSWORD);
    const link = await magicLinkOf(pu.email);
    const again = await portalUser('csrf-invite');
    const attempts: Array<[string, Record<string, unknown>]> = [
      [LOGIN, { e: A.owner.email, p: PASSWORD }],
      [PORTAL_LOGIN, { e: pu.email, p: PASSWORD }],
      [MAGIC, { t: link }],
      [ACCEPT, { t: again.invitation, p: PASSWORD }],
    ];
    const foreign: Array<Record<string, string>> = [
      { origin: EVIL },
      { origin: 'null' },
      // No Origin, but the browser says another site asked (a top-level navigation or an old browser).
      { 'sec-fetch-site': 'cross-site' },
    ];
    await expectNoChange(s, async () => {
      for (const [query, variables] of attempts)
        for (const headers of foreign) {
          const r = await answer(await rawGql(s, query, variables, headers));
          expect(r.cookie, `${query} ${JSON.stringify(headers)}`).toBeNull();
          expect(failure(r.body).code, `${query} ${JSON.stringify(headers)}`).toBe('FORBIDDEN');
        }
    });
    // Nothing was spent: from Settle's own page each one works, and the browser gets its cookie.
    for (const [query, variables] of attempts) {
      const r = await answer(await rawGql(s, query, variables, { origin: own(), 'sec-fetch-site': 'same-origin' }));
      expect(r.cookie, query).toMatch(/^settle_session=sess_/);
      expect(JSON.stringify(r.body), query).toMatch(/"token":"sess_/);
    }
  });

  it('still signs in tools that send no Origin (curl, SDKs)', async () => {
    const r = await answer(await rawGql(s, LOGIN, { e: A.owner.email, p: PASSWORD }));
    expect(r.status).toBe(200);
    expect(r.cookie).toMatch(/^settle_session=sess_/);
  });

  it('sets the cookie HttpOnly, SameSite=Lax, on path /, not Secure over http', async () => {
    const r = await answer(await rawGql(s, LOGIN, { e: A.owner.email, p: PASSWORD }, { origin: own() }));
    const flags = r.cookie!.split(';').map((f) => f.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(flags).not.toContain('secure');
  });
});

describe('sign-out asked for by a foreign page', () => {
  it('is refused and clears no cookie, with or without the session cookie', async () => {
    const token = ok(await s.gql(LOGIN, { e: A.owner.email, p: PASSWORD })).login.token as string;
    for (const cookie of [undefined, `settle_session=${encodeURIComponent(token)}`]) {
      const r = await answer(await rawGql(s, `mutation{logout}`, {}, { origin: EVIL, ...(cookie ? { cookie } : {}) }));
      expect(r.cookie).toBeNull();
      expect(failure(r.body).code).toBe('FORBIDDEN');
    }
    expect(ok(await s.gql(ME, {}, token)).me.kind).toBe('USER');
    // From Settle's own page it signs out.
    const r = await answer(
      await rawGql(s, `mutation{logout}`, {}, { origin: own(), cookie: `settle_session=${encodeURIComponent(token)}` }),
    );
    expect(r.cookie).toMatch(/^settle_session=;/);
    expect(failure(await s.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('a sign-in in a browser that held a session', () => {
  it('ends that earlier session: no session id outlives a sign-in', async () => {
    const before = ok(await s.gql(LOGIN, { e: A.owner.email, p: PASSWORD })).login.token as string;
    const pu = await portalUser('rotate');
    const link = await magicLinkOf(pu.email);
    const r = await answer(
      await rawGql(s, MAGIC, { t: link }, { origin: own(), cookie: `settle_session=${encodeURIComponent(before)}` }),
    );
    const after = (r.body as { data: { loginWithMagicLink: { token: string } } }).data.loginWithMagicLink.token;
    expect(ok(await s.gql(ME, {}, after)).me.kind).toBe('PORTAL');
    expect(failure(await s.gql(ME, {}, before)).code).toBe('UNAUTHENTICATED');
    // A bearer token sent with the sign-in is the tool's own business: it stays.
    const tool = ok(await s.gql(LOGIN, { e: A.owner.email, p: PASSWORD })).login.token as string;
    ok(await s.gql(LOGIN, { e: A.owner.email, p: PASSWORD }, tool));
    expect(ok(await s.gql(ME, {}, tool)).me.kind).toBe('USER');
  });
});

describe('signInLink: whom a link signs in, before it is used', () => {
  it('names the account and business of a magic link without spending it', async () => {
    const pu = await portalUser('preview');
    await s.container.auth.acceptInvite(pu.invitation, PASSWORD);
    const link = await magicLinkOf(pu.email);
    for (let i = 0; i < 2; i++)
      expect(ok(await s.gql(LINK, { t: link })).signInLink).toEqual({
        email: pu.email,
        organizationName: 'Forgery Org',
      });
    ok(await s.gql(MAGIC, { t: link }));
    expect(failure(await s.gql(LINK, { t: link }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(failure(await s.gql(LINK, { t: 'ml_made_up' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('names the account of an invitation, and refuses a disabled person’s links as used ones', async () => {
    const pu = await portalUser('preview-invite');
    expect(ok(await s.gql(LINK, { t: pu.invitation })).signInLink.email).toBe(pu.email);
    const [row] = await s.container.db.query(`SELECT id FROM portal_users WHERE email = $1`, [pu.email]);
    await s.container.auth.acceptInvite(pu.invitation, PASSWORD);
    const link = await magicLinkOf(pu.email);
    await s.container.portalUsers.disable(A.org.id, SYSTEM_ACTOR, row.id);
    for (const t of [pu.invitation, link])
      expect(failure(await s.gql(LINK, { t }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});
