import { describe, expect, it } from 'vitest';
import { settleForFile, orgForFile } from '../../../test/for-file.js';
import { billingFixture, invitedPortalUser, lastMailedToken } from '../../../test/fixtures.js';
import { sendQueuedMagicLinks } from './magic-link.test-support.js';

/**
 * An invitation sent again to a portal user who already set a password is how staff reset it (someone
 * else knew it, a shared mailbox changed hands): the new password must end what the old one opened.
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_LIMITS: 'off' } });
const A = orgForFile(s, 'Portal Reinvite');
const ME = `{me{kind portalUser{email}}}`;

const lastMail = (to: string, kind: string) => lastMailedToken(s.container, to, kind);

describe('accepting an invitation sent again', () => {
  it('signs out the sessions and closes the sign-in links opened with the old password', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const email = `reset-${Date.now()}@client.test`;
    const invite = () => invitedPortalUser(s, A.org.id, f.client.id, email);
    await invite();
    const old = await s.container.auth.acceptInvite(await lastMail(email, 'portal_invite'), 'old password');
    expect((await s.gql(ME, {}, old.token)).data.me.kind).toBe('PORTAL');
    // A sign-in link mailed to the old mailbox holder, not yet used.
    await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: email });
    await sendQueuedMagicLinks(s);
    const link = await lastMail(email, 'magic_link');

    await invite();
    const fresh = await s.container.auth.acceptInvite(await lastMail(email, 'portal_invite'), 'new password');

    expect((await s.gql(ME, {}, fresh.token)).data.me.kind).toBe('PORTAL');
    const stale = await s.gql(ME, {}, old.token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await expect(s.container.auth.consumeMagicLink(link)).rejects.toThrow(/invalid, expired or already used/);
    await expect(s.container.auth.portalLogin(email, 'old password')).rejects.toThrow(/incorrect/);
  });
});
