import type { Container } from '../../src/app/container.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';

/**
 * A portal user of `clientId` who has accepted the invitation (password set), through the same
 * invite email a real client gets. Returns the session token too, for API calls.
 */
export async function acceptedPortalUser(
  c: Container,
  orgId: string,
  clientId: string,
  opts: { email?: string; name?: string; password?: string } = {},
) {
  const email = opts.email ?? `client-${Math.random().toString(36).slice(2, 8)}@portal.test`;
  const password = opts.password ?? 'portal password 1';
  await c.auth.invitePortalUser(orgId, SYSTEM_ACTOR, { clientId, email, name: opts.name ?? 'Pat Client' });
  const rows = (await c.db.query(
    `SELECT text_body FROM emails WHERE to_address = $1 AND kind = 'portal_invite' ORDER BY created_at DESC LIMIT 1`,
    [email],
  )) as Array<{ text_body: string }>;
  const invite = /[?&]token=([^\s&]+)/.exec(rows[0]?.text_body ?? '');
  if (!invite) throw new Error(`No invitation email for ${email}`);
  const { token } = await c.auth.acceptInvite(decodeURIComponent(invite[1]!), password);
  return { email, password, token };
}
