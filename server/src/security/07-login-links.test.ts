import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture, signedInUser } from '../../test/fixtures.js';
import { failure, ok } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { sendQueuedMagicLinks } from '../modules/auth/magic-link.test-support.js';

/**
 * Security suite, point 7: login links stay secret. The outbox readable through the API shows magic-link
 * and invitation emails with their tokens redacted (a billing user or token must not be able to sign in
 * as a client); the stored email keeps the link so it can still be sent. Magic links are single use,
 * live at most 15 minutes, and using one closes the person's other open links; invitations expire.
 */
let s: TestSettle;
let o: Awaited<ReturnType<typeof createOrgWithOwner>>;
let f: Awaited<ReturnType<typeof billingFixture>>;
let billingUserToken: string;
beforeAll(async () => {
  // Many sign-ins from one address in a minute: point 10's limits are tested on their own.
  s = await startTestSettle({ worker: true, env: { SETTLE_RATE_LIMITS: 'off' } });
  o = await createOrgWithOwner(s, 'Links Org');
  f = await billingFixture(s.container, o.org.id);
  const email = `billing-${Date.now()}@links.test`;
  billingUserToken = await signedInUser(s, o.org.id, { email, name: 'Bill', role: 'BILLING' });
});
afterAll(async () => s?.close());

const MAGIC = `mutation($t:String!){loginWithMagicLink(token:$t){token}}`;
const ACCEPT = `mutation($t:String!,$p:String!){acceptPortalInvite(token:$t,password:$p){token}}`;
const tokenIn = (text: string) => decodeURIComponent(/[?&]token=([^\s&"]+)/.exec(text)![1]!);

/** The stored body of the newest email of `kind` to `to` (what the worker sends). */
async function stored(to: string, kind: string): Promise<{ id: string; text: string; html: string }> {
  const [r] = await s.container.db.query(
    `SELECT id, text_body AS text, html_body AS html FROM emails WHERE to_address = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
    [to, kind],
  );
  return r;
}

async function invite(email: string) {
  ok(
    await s.gql(
      `mutation($c:ID!,$e:String!){invitePortalUser(input:{clientId:$c,email:$e,name:"Pat"}){id}}`,
      { c: f.client.id, e: email },
      o.token,
    ),
  );
  return stored(email, 'portal_invite');
}

describe('the outbox through the API', () => {
  it('shows magic-link and invitation emails with their tokens redacted, to billing users and tokens alike', async () => {
    const email = `redact-${Date.now()}@client.test`;
    const inv = await invite(email);
    ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: email }));
    await sendQueuedMagicLinks(s);
    const magic = await stored(email, 'magic_link');
    const secrets = [tokenIn(inv.text), tokenIn(magic.text)];
    for (const caller of [billingUserToken, o.apiToken, o.token]) {
      const outbox = ok(await s.gql(`{emails(first:50){nodes{id kind to text html}}}`, {}, caller)).emails
        .nodes as Array<{
        id: string;
        kind: string;
        to: string;
        text: string;
        html: string;
      }>;
      const mine = outbox.filter((m) => m.to === email);
      expect(mine.map((m) => m.kind).sort()).toEqual(['MAGIC_LINK', 'PORTAL_INVITE']);
      for (const m of mine) {
        expect(m.text).toContain('token=[redacted]');
        expect(m.html).toContain('token=[redacted]');
      }
      // Refetched one by one through node(id:), the same emails come back redacted too.
      const refetched = await Promise.all(
        mine.map(
          async (m) =>
            ok(await s.gql(`query($id:ID!){node(id:$id){... on Email{id text html}}}`, { id: m.id }, caller)).node as {
              id: string;
              text: string;
              html: string;
            },
        ),
      );
      expect(refetched.map((m) => m.id).sort()).toEqual(mine.map((m) => m.id).sort());
      for (const m of refetched) expect(m.text).toContain('token=[redacted]');
      const answer = JSON.stringify([outbox, refetched]);
      for (const secret of secrets) {
        expect(answer).not.toContain(secret);
        expect(answer).not.toContain(encodeURIComponent(secret));
      }
    }
    // What the API showed cannot sign anyone in.
    expect(failure(await s.gql(MAGIC, { t: '[redacted]' })).code).toBe('BAD_USER_INPUT');
    // The stored email keeps the real link, so the worker can still send it, and it works.
    expect(magic.text).toContain(`token=${encodeURIComponent(secrets[1]!)}`);
    expect(ok(await s.gql(MAGIC, { t: secrets[1] })).loginWithMagicLink.token).toMatch(/^sess_/);
  });
});

describe('magic links', () => {
  it('live at most 15 minutes and are refused once expired', async () => {
    const email = `expiry-${Date.now()}@client.test`;
    await invite(email);
    ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: email }));
    await sendQueuedMagicLinks(s);
    const token = tokenIn((await stored(email, 'magic_link')).text);
    const [row] = await s.container.db.query(
      `SELECT extract(epoch FROM expires_at - now())::int AS left FROM magic_links m JOIN portal_users p ON p.id = m.portal_user_id WHERE p.email = $1`,
      [email],
    );
    expect(row.left).toBeLessThanOrEqual(15 * 60);
    expect(row.left).toBeGreaterThan(14 * 60);
    await s.container.db.query(
      `UPDATE magic_links m SET expires_at = now() - interval '1 second' FROM portal_users p WHERE p.id = m.portal_user_id AND p.email = $1`,
      [email],
    );
    expect(failure(await s.gql(MAGIC, { t: token }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('are single use, and using one closes every other open link of that person', async () => {
    const email = `many-${Date.now()}@client.test`;
    await invite(email);
    const links: string[] = [];
    for (let i = 0; i < 3; i++) {
      await s.container.auth.requestMagicLink(email);
      links.push(tokenIn((await stored(email, 'magic_link')).text));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(new Set(links).size).toBe(3);
    // Another person's open link is not touched.
    const other = `other-${Date.now()}@client.test`;
    await invite(other);
    await s.container.auth.requestMagicLink(other);
    const otherLink = tokenIn((await stored(other, 'magic_link')).text);

    ok(await s.gql(MAGIC, { t: links[1] }));
    for (const used of links)
      expect(failure(await s.gql(MAGIC, { t: used }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    expect(ok(await s.gql(MAGIC, { t: otherLink })).loginWithMagicLink.token).toMatch(/^sess_/);
  });
});

describe('a link used twice at the same moment', () => {
  it('signs in once: a magic link and an invitation each open exactly one session', async () => {
    const email = `race-${Date.now()}@client.test`;
    const invitation = tokenIn((await invite(email)).text);
    const accepted = await Promise.all(
      Array.from({ length: 6 }, () => s.gql(ACCEPT, { t: invitation, p: 'portal password' })),
    );
    expect(accepted.filter((r) => !r.errors)).toHaveLength(1);
    await s.container.auth.requestMagicLink(email);
    const link = tokenIn((await stored(email, 'magic_link')).text);
    const used = await Promise.all(Array.from({ length: 6 }, () => s.gql(MAGIC, { t: link })));
    expect(used.filter((r) => !r.errors)).toHaveLength(1);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN portal_users p ON p.id = s.portal_user_id WHERE p.email = $1`,
      [email],
    );
    expect(n).toBe(2);
  });
});

describe('invitations', () => {
  it('expire after 7 days and work once before that', async () => {
    const email = `invite-${Date.now()}@client.test`;
    const token = tokenIn((await invite(email)).text);
    const [row] = await s.container.db.query(
      `SELECT extract(epoch FROM invite_expires_at - now())::int AS left FROM portal_users WHERE email = $1`,
      [email],
    );
    expect(row.left).toBeGreaterThan(7 * 86_400 - 120);
    expect(row.left).toBeLessThanOrEqual(7 * 86_400);
    await s.container.db.query(
      `UPDATE portal_users SET invite_expires_at = now() - interval '1 second' WHERE email = $1`,
      [email],
    );
    expect(failure(await s.gql(ACCEPT, { t: token, p: 'a fine password' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    const [still] = await s.container.db.query(`SELECT password_hash, accepted_at FROM portal_users WHERE email = $1`, [
      email,
    ]);
    expect(still).toEqual({ password_hash: null, accepted_at: null });

    // A new invitation gives a fresh week; it works once.
    const again = tokenIn((await invite(email)).text);
    expect(ok(await s.gql(ACCEPT, { t: again, p: 'a fine password' })).acceptPortalInvite.token).toMatch(/^sess_/);
    expect(failure(await s.gql(ACCEPT, { t: again, p: 'a fine password' })).code).toBe('BAD_USER_INPUT');
  });

  it('are refused for a disabled portal user', async () => {
    const email = `disabled-${Date.now()}@client.test`;
    const u = await s.container.auth.invitePortalUser(o.org.id, SYSTEM_ACTOR, {
      clientId: f.client.id,
      email,
      name: 'Gone',
    });
    const token = tokenIn((await stored(email, 'portal_invite')).text);
    await s.container.db.query(`UPDATE portal_users SET disabled_at = now() WHERE id = $1`, [u.id]);
    expect(failure(await s.gql(ACCEPT, { t: token, p: 'a fine password' })).code).toBe('BAD_USER_INPUT');
  });
});
