import type { Container } from '../../src/app/container.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { connectedOrg, startStripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { launchChromium } from './browser-harness.js';

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

/**
 * A browser and a Settle with the Stripe emulator, one org connected to it and an accepted portal user
 * of its client: what the portal payment flows start from.
 */
export async function startPortalStripeWorld(orgName = 'Northwind IT') {
  const [w, browser] = await Promise.all([startStripeWorld(), launchChromium()]);
  const org = await connectedOrg(w, orgName);
  const user = await acceptedPortalUser(w.settle.container, org.org.id, org.fx.client.id, { name: 'Alice Acme' });
  return {
    w,
    browser,
    org,
    user,
    close: async () => {
      await browser.close();
      await w.close();
    },
  };
}
