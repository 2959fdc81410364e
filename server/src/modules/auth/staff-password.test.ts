import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { lastMailedToken, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok, rawGql } from '../../../test/api.js';
import { STAFF_PASSWORD_SIGN_IN_PAUSED } from './password-failures.js';
import { hashToken } from '../../platform/crypto.js';
import { sendQueuedPasswordResets } from './password-reset.test-support.js';
import { RESET_LINK_UNUSABLE } from './staff-password-rules.js';
import { race } from '../../../test/lock-races.js';

/**
 * A staff user's own password: `changePassword` signed in (the current one proven; every other session
 * ends) and `requestPasswordReset` / `resetPassword` through a single-use emailed link (every session
 * ends, the link then spent). The per-minute sign-in limits are raised so a test may sign in often.
 */
const s = settleForFile({
  worker: false,
  env: {
    SETTLE_RATE_LOGIN_ACCOUNT: '1000/60',
    SETTLE_RATE_LOGIN_IP: '1000/60',
    SETTLE_RATE_TOKEN_SIGNIN_IP: '1000/60',
  },
});
const A = orgForFile(s, 'Staff Passwords Org');

const OLD = 'correct horse battery';
const CHANGE = `mutation($c:String!,$n:String!){changePassword(currentPassword:$c,newPassword:$n)}`;
const REQUEST = `mutation($e:String!){requestPasswordReset(email:$e)}`;
const RESET = `mutation($t:String!,$n:String!){resetPassword(token:$t,newPassword:$n){token me{user{email}}}}`;
const ME = `{me{user{email}}}`;

let seq = 0;
/** A billing user of org A, signed in once; returns their email and that session. */
async function staffUser() {
  const email = `staff-${++seq}-${Date.now()}@pw.test`;
  const token = await signedInUser(s, A.org.id, { email, name: `Staff ${seq}`, role: 'BILLING' });
  return { email, token };
}
const signIn = (email: string, password: string) => s.container.auth.login(email, password).then((r) => r.token);
const signsIn = (email: string, password: string) =>
  signIn(email, password).then(
    () => true,
    () => false,
  );
const stillSignedIn = async (token: string) => !(await s.gql(ME, {}, token)).errors;
const outboxCount = async (to: string) =>
  (
    (await s.container.db.query(`SELECT count(*)::int AS n FROM emails WHERE lower(to_address) = lower($1)`, [to])) as [
      { n: number },
    ]
  )[0].n;
const failuresCounted = async (email: string) =>
  (
    (await s.container.db.query(`SELECT hits FROM rate_limit_hits WHERE bucket = $1`, [
      `loginFailures:target:${hashToken(email.trim().toLowerCase())}`,
    ])) as Array<{ hits: number }>
  )[0]?.hits ?? 0;

/** Asks for a reset link for `email` over the API and returns the token mailed to it (the worker's part run now). */
async function resetLink(email: string): Promise<string> {
  expect(ok(await s.gql(REQUEST, { e: email })).requestPasswordReset).toBe(true);
  await sendQueuedPasswordResets(s);
  return lastMailedToken(s.container, email, 'password_reset');
}

describe('changePassword', () => {
  it('sets the new password and ends every other session of the user, not this one; audited', async () => {
    const u = await staffUser();
    const other = await signIn(u.email, OLD);
    const bystander = await staffUser();
    expect(ok(await s.gql(CHANGE, { c: OLD, n: 'a brand new password' }, u.token)).changePassword).toBe(true);

    expect(await stillSignedIn(u.token)).toBe(true);
    expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(bystander.token)).toBe(true);
    expect(await signsIn(u.email, OLD)).toBe(false);
    expect(await signsIn(u.email, 'a brand new password')).toBe(true);
    const audit = (await s.container.db.query(
      `SELECT a.action, a.actor_label, a.after FROM audit_events a JOIN users u ON u.id = a.entity_id
        WHERE u.email = $1 AND a.action = 'user.password-changed'`,
      [u.email],
    )) as Array<{ action: string; actor_label: string; after: Record<string, unknown> }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toContain(u.email);
    expect(audit[0]!.after).toEqual({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit)).not.toContain('brand new');
  });

  it('refuses a wrong current password on currentPassword, writing nothing, and counts it as a wrong sign-in password', async () => {
    const u = await staffUser();
    const other = await signIn(u.email, OLD);
    const wrong = await expectNoChange(s, () =>
      s.gql(CHANGE, { c: 'not my password', n: 'a brand new password' }, u.token),
    );
    expect(failure(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    expect(await failuresCounted(u.email)).toBe(1);
    expect(await stillSignedIn(other)).toBe(true);
    expect(await signsIn(u.email, OLD)).toBe(true);
  });

  it('checks the new password as createUser does, and refuses the current one again, naming newPassword', async () => {
    const u = await staffUser();
    for (const n of ['short', OLD, 'x'.repeat(201)]) {
      const res = await expectNoChange(s, () => s.gql(CHANGE, { c: OLD, n }, u.token));
      expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    }
    expect(await failuresCounted(u.email)).toBe(0);
  });

  it('is for people signed in: an API token is refused', async () => {
    const res = await s.gql(CHANGE, { c: OLD, n: 'a brand new password' }, A.apiToken);
    expect(failure(res).code).toBe('FORBIDDEN');
  });
});

describe('password reset by email', () => {
  it('emails one single-use link; using it sets the password, ends every session, signs in; used again it is refused writing nothing', async () => {
    const u = await staffUser();
    const second = await signIn(u.email, OLD);
    const link = await resetLink(u.email);
    expect(await outboxCount(u.email)).toBe(1);
    const stored = (await s.container.db.query(`SELECT token_hash FROM password_resets WHERE token_hash = $1`, [
      hashToken(link),
    ])) as unknown[];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(await s.container.db.query(`SELECT * FROM password_resets`))).not.toContain(link);

    const r = ok(await s.gql(RESET, { t: link, n: 'reset and renewed' })).resetPassword;
    expect(r.me.user.email).toBe(u.email);
    expect(await stillSignedIn(r.token)).toBe(true);
    expect(await stillSignedIn(u.token)).toBe(false);
    expect(await stillSignedIn(second)).toBe(false);
    expect(await signsIn(u.email, OLD)).toBe(false);
    expect(await signsIn(u.email, 'reset and renewed')).toBe(true);
    const [audit] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM audit_events a JOIN users u ON u.id = a.entity_id
        WHERE u.email = $1 AND a.action = 'user.password-reset'`,
      [u.email],
    )) as Array<{ n: number }>;
    expect(audit!.n).toBe(1);

    const again = await expectNoChange(s, () => s.gql(RESET, { t: link, n: 'another new password' }));
    expect(failure(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', message: RESET_LINK_UNUSABLE });
    expect(await signsIn(u.email, 'reset and renewed')).toBe(true);
  });

  it('answers an unknown address the same and mails nothing; the outbox shows the link redacted', async () => {
    const u = await staffUser();
    const unknown = `nobody-${Date.now()}@pw.test`;
    const answers = [await s.gql(REQUEST, { e: u.email }), await s.gql(REQUEST, { e: unknown })];
    expect(answers[1]).toEqual(answers[0]);
    await sendQueuedPasswordResets(s);
    expect(await outboxCount(u.email)).toBe(1);
    expect(await outboxCount(unknown)).toBe(0);
    const outbox = ok(await s.gql(`{emails(first:50){nodes{kind to text html}}}`, {}, A.token)).emails.nodes as Array<{
      kind: string;
      to: string;
      text: string;
      html: string;
    }>;
    const mail = outbox.find((m) => m.to === u.email)!;
    expect(mail.kind).toBe('PASSWORD_RESET');
    expect(mail.text).toContain('/admin/reset-password?token=[redacted]');
    expect(mail.html).toContain('token=[redacted]');
    expect(JSON.stringify(outbox)).not.toContain(await lastMailedToken(s.container, u.email, 'password_reset'));
  });

  it('refuses an expired link, writing nothing', async () => {
    const u = await staffUser();
    const link = await resetLink(u.email);
    await s.container.db.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hashToken(link)],
    );
    const res = await expectNoChange(s, () => s.gql(RESET, { t: link, n: 'too late for this' }));
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', message: RESET_LINK_UNUSABLE });
    expect(await stillSignedIn(u.token)).toBe(true);
    expect(await signsIn(u.email, OLD)).toBe(true);
  });

  it('links expire 30 minutes after they are sent', async () => {
    const u = await staffUser();
    const link = await resetLink(u.email);
    const [row] = (await s.container.db.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS s FROM password_resets WHERE token_hash = $1`,
      [hashToken(link)],
    )) as Array<{ s: number }>;
    expect(Math.abs(row!.s - 1800)).toBeLessThanOrEqual(2);
  });

  it('mails a disabled user nothing, and a link sent before they were disabled no longer works', async () => {
    const u = await staffUser();
    const link = await resetLink(u.email);
    await s.container.db.query(`UPDATE users SET disabled_at = now() WHERE email = $1`, [u.email]);
    const before = await outboxCount(u.email);
    ok(await s.gql(REQUEST, { e: u.email }));
    await sendQueuedPasswordResets(s);
    expect(await outboxCount(u.email)).toBe(before);
    const res = await expectNoChange(s, () => s.gql(RESET, { t: link, n: 'disabled but trying' }));
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', message: RESET_LINK_UNUSABLE });
  });

  it('a link mailed before the user was disabled stays spent when they are enabled again', async () => {
    const u = await staffUser();
    const link = await resetLink(u.email);
    const [{ id }] = await s.container.db.query(`SELECT id FROM users WHERE email = $1`, [u.email]);
    ok(await s.gql(`mutation($id:ID!){disableUser(id:$id){id}}`, { id }, A.token));
    ok(await s.gql(`mutation($id:ID!){enableUser(id:$id){id}}`, { id }, A.token));
    const res = await expectNoChange(s, () => s.gql(RESET, { t: link, n: 'enabled again and trying' }));
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', message: RESET_LINK_UNUSABLE });
    expect(await signsIn(u.email, OLD)).toBe(true);
  });

  it('a link the mailer writes while the user is being disabled is spent too, not left to open the account once enabled', async () => {
    const u = await staffUser();
    const [{ id }] = await s.container.db.query(`SELECT id FROM users WHERE email = $1`, [u.email]);
    // The org row held: the mailer (its link's row) and the disable (its audit row) both reach it, in this order.
    const [mailed, disabled] = await race(
      s.container.db,
      { sql: `SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, params: [A.org.id] },
      () => s.container.auth.staffPasswords.requestReset(u.email),
      () => s.gql(`mutation($id:ID!){disableUser(id:$id){id}}`, { id }, A.token),
    );
    expect(mailed.error).toBeUndefined();
    ok(disabled.value!);
    ok(await s.gql(`mutation($id:ID!){enableUser(id:$id){id}}`, { id }, A.token));
    const link = await lastMailedToken(s.container, u.email, 'password_reset');
    const res = await expectNoChange(s, () => s.gql(RESET, { t: link, n: 'mailed as they were disabled' }));
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token', message: RESET_LINK_UNUSABLE });
    expect(await signsIn(u.email, OLD)).toBe(true);
  });

  it('mails each account of an address staff at two orgs its own link, resetting that account only', async () => {
    const email = `two-orgs-${Date.now()}@pw.test`;
    const other = await s.container.organizations.create({ name: 'Second Org', slug: `pw-second-${Date.now()}` });
    await signedInUser(s, A.org.id, { email, name: 'Twice', role: 'ADMIN' });
    await s.container.auth.createUser(other.id, {
      email,
      name: 'Twice',
      role: 'BILLING',
      password: 'another org password',
    });
    ok(await s.gql(REQUEST, { e: email.toUpperCase() }));
    await sendQueuedPasswordResets(s);
    const links = (await s.container.db.query(
      `SELECT r.org_id FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = $1`,
      [email],
    )) as Array<{ org_id: string }>;
    expect(links.map((l) => l.org_id).sort()).toEqual([A.org.id, other.id].sort());
    expect(await outboxCount(email)).toBe(2);
    const link = await lastMailedToken(s.container, email, 'password_reset');
    const [{ org_id: resetOrg }] = (await s.container.db.query(
      `SELECT org_id FROM password_resets WHERE token_hash = $1`,
      [hashToken(link)],
    )) as [{ org_id: string }];
    ok(await s.gql(RESET, { t: link, n: 'one account only' }));
    const [mine, theOther] = resetOrg === A.org.id ? [A.org.slug, other.slug] : [other.slug, A.org.slug];
    const otherOld = resetOrg === A.org.id ? 'another org password' : OLD;
    const signsInAt = (slug: string, password: string) =>
      s.container.auth.login(email, password, slug).then(
        () => true,
        () => false,
      );
    expect(await signsInAt(mine, 'one account only')).toBe(true);
    expect(await signsInAt(theOther, otherOld)).toBe(true);
    expect(await signsInAt(theOther, 'one account only')).toBe(false);
  });
});

describe('wrong staff passwords per account and day', () => {
  const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
  let ip = 0;
  /** login from an address of its own each time (as a spread-out guesser sends). */
  async function apiLogin(email: string, password: string) {
    const from = `198.51.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
    const res = await rawGql(s, LOGIN, { e: email, p: password }, { 'x-forwarded-for': from });
    const body = (await res.json()) as {
      data?: { login?: { token: string } } | null;
      errors?: Array<{ message: string; extensions: { code: string } }>;
    };
    return { status: res.status, code: body.errors?.[0]?.extensions.code, message: body.errors?.[0]?.message };
  }

  it('pauses password sign-in after 50 wrong passwords, even the right one, pointing to Forgot password; the reset link signs in and ends the pause', async () => {
    const u = await staffUser();
    const wrong = [];
    for (let i = 0; i < 50; i++) wrong.push((await apiLogin(u.email, `guess number ${i}`)).code);
    expect(wrong).toEqual(Array(50).fill('UNAUTHENTICATED'));
    const paused = await apiLogin(u.email, OLD);
    expect(paused).toEqual({ status: 429, code: 'RATE_LIMITED', message: STAFF_PASSWORD_SIGN_IN_PAUSED });
    expect(paused.message).toContain('Forgot password?');

    const link = await resetLink(u.email);
    const r = ok(await s.gql(RESET, { t: link, n: 'back in by email' })).resetPassword;
    expect(await stillSignedIn(r.token)).toBe(true);
    // The mailbox proved the person: the new password signs in at once, not after the day's window.
    expect(await apiLogin(u.email, 'back in by email')).toMatchObject({ status: 200, code: undefined });
    expect(await failuresCounted(u.email)).toBe(0);
  });
});

describe('changePassword once wrong passwords are paused', () => {
  it("points staff to Forgot password?, not the portal's Email me a link", async () => {
    const u = await staffUser();
    // The day's 50 wrong passwords (SETTLE_RATE_LOGIN_FAILURES_ACCOUNT's default), counted as sign-in counts them.
    for (let i = 0; i < 50; i++) await s.container.rateLimits.count('loginFailures', { target: u.email });
    const res = await expectNoChange(s, () => s.gql(CHANGE, { c: OLD, n: 'a brand new password' }, u.token));
    expect(failure(res)).toMatchObject({ code: 'RATE_LIMITED', message: STAFF_PASSWORD_SIGN_IN_PAUSED });
  });
});
