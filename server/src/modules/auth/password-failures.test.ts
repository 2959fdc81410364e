import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { lastMailedToken, portalSession } from '../../../test/fixtures.js';
import { rawGql } from '../../../test/api.js';
import { sendQueuedMagicLinks } from './magic-link.test-support.js';
import { PASSWORD_SIGN_IN_PAUSED } from './password-failures.js';

/**
 * Wrong portal passwords are bounded per email and day (SETTLE_RATE_LOGIN_FAILURES_ACCOUNT, 50/86400 by
 * default, in force here): from any number of addresses, a day holds 50 guesses of one account, not the
 * 14,400 the per-minute limit allows. The per-minute limits are raised here so 51 attempts fit in a test.
 */
const s = settleForFile({
  worker: false,
  env: { SETTLE_RATE_LOGIN_ACCOUNT: '1000/60', SETTLE_RATE_LOGIN_IP: '1000/60' },
});
const { a, f } = billedOrgForFile(s, 'Password Failures Org');

const PORTAL_LOGIN = `mutation($e:String!,$p:String!){portalLogin(email:$e,password:$p){token}}`;
const MAGIC = `mutation($t:String!){loginWithMagicLink(token:$t){token}}`;
type Answer = { status: number; retryAfter: string | null; code?: string; message?: string; token?: string };

let seq = 0;
/** portalLogin from an address of its own each time (as a spread-out guesser sends). */
async function signIn(email: string, password: string): Promise<Answer> {
  const ip = `198.51.${Math.floor(++seq / 250)}.${(seq % 250) + 1}`;
  const res = await rawGql(s, PORTAL_LOGIN, { e: email, p: password }, { 'x-forwarded-for': ip });
  const body = (await res.json()) as {
    data?: { portalLogin?: { token: string } } | null;
    errors?: Array<{ message: string; extensions: { code: string } }>;
  };
  const error = body.errors?.[0];
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    code: error?.extensions.code,
    message: error?.message,
    token: body.data?.portalLogin?.token,
  };
}

/** A portal user of the org's client who set the password 'portal password' through an invitation. */
async function portalUser(name: string) {
  const email = `${name}-${Date.now()}@client.test`;
  await portalSession(s, a.org.id, f.client.id, email);
  return email;
}

describe('wrong portal passwords per account and day', () => {
  it('refuses the 51st attempt after 50 wrong passwords from 50 addresses, even with the right password; another account signs in', async () => {
    const victim = await portalUser('victim');
    const bystander = await portalUser('bystander');
    // Right passwords do not count: a person who signs in often is never paused by it.
    for (let i = 0; i < 3; i++) expect((await signIn(victim, 'portal password')).token).toMatch(/^sess_/);
    const wrong = [];
    for (let i = 0; i < 50; i++) wrong.push((await signIn(victim, `guess number ${i}`)).code);
    expect(wrong).toEqual(Array(50).fill('UNAUTHENTICATED'));

    const paused = await signIn(victim, 'portal password');
    expect(paused.token).toBeUndefined();
    expect(paused.status).toBe(429);
    expect(paused.code).toBe('RATE_LIMITED');
    expect(paused.message).toBe(PASSWORD_SIGN_IN_PAUSED);
    expect(Number(paused.retryAfter)).toBeGreaterThan(86_000);
    expect(Number(paused.retryAfter)).toBeLessThanOrEqual(86_400);
    // Case and spaces do not make it another account.
    expect((await signIn(` ${victim.toUpperCase()} `, 'portal password')).message).toBe(PASSWORD_SIGN_IN_PAUSED);

    expect((await signIn(bystander, 'portal password')).token).toMatch(/^sess_/);
    expect((await signIn(bystander, 'wrong')).code).toBe('UNAUTHENTICATED');
  });

  it('leaves the emailed sign-in link working for a paused account', async () => {
    const victim = await portalUser('linked');
    for (let i = 0; i < 50; i++) await signIn(victim, `guess ${i}`);
    expect((await signIn(victim, 'portal password')).message).toBe(PASSWORD_SIGN_IN_PAUSED);
    const asked = await rawGql(s, `mutation($e:String!){requestMagicLink(email:$e)}`, { e: victim });
    expect(((await asked.json()) as { data: { requestMagicLink: boolean } }).data.requestMagicLink).toBe(true);
    await sendQueuedMagicLinks(s);
    const link = await lastMailedToken(s.container, victim, 'magic_link');
    const res = await rawGql(s, MAGIC, { t: link });
    const body = (await res.json()) as { data: { loginWithMagicLink: { token: string } } };
    expect(body.data.loginWithMagicLink.token).toMatch(/^sess_/);
  });

  it('answers an unknown email the same way: wrong password, then paused after 50', async () => {
    const known = await portalUser('known');
    const unknown = `nobody-${Date.now()}@client.test`;
    const first = [await signIn(known, 'not it'), await signIn(unknown, 'not it')];
    expect(first[1]).toEqual({ ...first[0], retryAfter: first[1]!.retryAfter });
    expect(first[1]!.code).toBe('UNAUTHENTICATED');
    for (let i = 1; i < 50; i++) {
      await signIn(known, `guess ${i}`);
      await signIn(unknown, `guess ${i}`);
    }
    const [k, u] = [await signIn(known, 'portal password'), await signIn(unknown, 'portal password')];
    expect({ ...u, retryAfter: null }).toEqual({ ...k, retryAfter: null });
    expect(Math.abs(Number(u.retryAfter) - Number(k.retryAfter))).toBeLessThanOrEqual(1); // their days began apart
    expect(u.message).toBe(PASSWORD_SIGN_IN_PAUSED);
  });
});
