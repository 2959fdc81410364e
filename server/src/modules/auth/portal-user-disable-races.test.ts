import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { acceptedPortalUser, billingFixture, lastMailedToken } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { sendQueuedMagicLinks } from './magic-link.test-support.js';
import { race } from '../../../test/lock-races.js';

/**
 * A portal user disabled while they sign in with a link. Disabling locks the person, then closes their
 * links; signing in used to take the links first, then the person (its new session names them): the
 * two deadlocked and the disable (or the sign-in) answered "Something went wrong". The sign-in is held
 * just before its session is written (the organization's row is held, as saving the org's settings
 * does), so the two meet at a known point.
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_LIMITS: 'off' } });
const A = orgForFile(s, 'Portal Disable Race');

const lastMail = (to: string, kind: string) => lastMailedToken(s.container, to, kind);

describe('disabling a portal user while they sign in with a link', () => {
  it('both finish, and the person is left disabled with no session', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const user = await acceptedPortalUser(s, A.org.id, f.client.id, `race-${Date.now()}@client.test`);
    const email = user.email;
    await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: email });
    await sendQueuedMagicLinks(s);
    const link = await lastMail(email, 'magic_link');
    const [signedIn, disabled] = await race(
      s.container.db,
      { sql: `SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, params: [A.org.id] },
      () => s.container.auth.consumeMagicLink(link),
      () => s.container.portalUsers.disable(A.org.id, SYSTEM_ACTOR, user.id),
    );
    expect(signedIn.error).toBeUndefined();
    expect(disabled.error).toBeUndefined();
    const [row] = (await s.container.db.query(
      `SELECT disabled_at IS NOT NULL AS disabled,
              (SELECT count(*)::int FROM sessions WHERE portal_user_id = p.id) AS sessions
         FROM portal_users p WHERE p.id = $1`,
      [user.id],
    )) as Array<{ disabled: boolean; sessions: number }>;
    expect(row).toEqual({ disabled: true, sessions: 0 });
  });

  it('a link mailed while the person is being disabled is closed too: enabled again, it does not sign in', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const user = await acceptedPortalUser(s, A.org.id, f.client.id, `mailed-${Date.now()}@client.test`);
    // The mailer has read the person as one who may sign in; its link's row and the disable's audit row
    // both reach the held organization row, the mailer first.
    const [mailed, disabled] = await race(
      s.container.db,
      { sql: `SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, params: [A.org.id] },
      () => s.container.auth.requestMagicLink(user.email),
      () => s.container.portalUsers.disable(A.org.id, SYSTEM_ACTOR, user.id),
    );
    expect(mailed.error).toBeUndefined();
    expect(disabled.error).toBeUndefined();
    await s.container.portalUsers.enable(A.org.id, SYSTEM_ACTOR, user.id);
    const link = await lastMail(user.email, 'magic_link');
    await expect(s.container.auth.consumeMagicLink(link)).rejects.toThrow(/invalid, expired or already used/);
  });
});
