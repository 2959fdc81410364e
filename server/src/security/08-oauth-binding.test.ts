import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../test/harness.js';
import { ok } from '../../test/api.js';
import {
  call,
  directClient,
  qbIdOf,
  quickBooksOf,
  settled,
  startQbStripeWorld,
  quickBooksConsent,
} from '../modules/quickbooks/quickbooks.test-support.js';
import { billingFixture } from '../../test/fixtures.js';
import { eventually } from '../../test/harness.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { forFile } from '../../test/for-file.js';
import { approveStripeConnect } from '../modules/stripe/stripe-test-kit.js';

/**
 * Security suite, point 8: OAuth flows are bound to who started them. The `state` of Stripe Connect and
 * QuickBooks OAuth is stored server-side, single use, expires, and completes only in the browser session
 * of the user who started the flow. The QuickBooks realm is the one Intuit confirms for the granted
 * token, never a value an API caller supplies.
 */
const w = forFile(startQbStripeWorld, 'QuickBooks and Stripe');

const cookie = (session: string | undefined): Record<string, string> =>
  session ? { cookie: `settle_session=${encodeURIComponent(session)}` } : {};

/** Follows the browser: Settle's consent URL → the provider's consent → the callback URL Settle gets back. */
const quickBooksCallback = (session: string, realmId?: string) => quickBooksConsent(w, session, realmId);
async function landQuickBooks(callback: string, session: string | undefined): Promise<string> {
  return (await fetch(callback, { redirect: 'manual', headers: cookie(session) })).headers.get('location')!;
}
async function qbStatus(orgId: string): Promise<string | null> {
  const [r] = await w.settle.container.db.query(`SELECT status, realm_id FROM qbo_connections WHERE org_id = $1`, [
    orgId,
  ]);
  return r ? `${r.status}:${r.realm_id}` : null;
}

async function stripeCallback(session: string): Promise<string> {
  const url = new URL(ok(await w.settle.gql(`{ stripeOAuthUrl }`, {}, session)).stripeOAuthUrl);
  const res = await approveStripeConnect(w.stripeEmu.url, url.searchParams);
  return res.headers.get('location')!;
}
async function landStripe(
  callback: string,
  session: string | undefined,
): Promise<{ status: number; location: string | null }> {
  const res = await fetch(callback, { redirect: 'manual', headers: cookie(session) });
  return { status: res.status, location: res.headers.get('location') };
}
async function stripeConnected(orgId: string): Promise<boolean> {
  const [r] = await w.settle.container.db.query(`SELECT 1 FROM stripe_connections WHERE org_id = $1`, [orgId]);
  return !!r;
}

/** An org's owner plus a second admin of the same org, and the owner of another org. */
async function people() {
  const a = await createOrgWithOwner(w.settle);
  const email = `second-admin-${Date.now()}@${a.org.slug}.test`;
  await w.settle.container.auth.createUser(a.org.id, {
    email,
    name: 'Second',
    role: 'ADMIN',
    password: 'correct horse battery',
  });
  const colleague = (await w.settle.container.auth.login(email, 'correct horse battery')).token;
  const stranger = await createOrgWithOwner(w.settle);
  return { a, colleague, stranger };
}

describe('QuickBooks OAuth', () => {
  it('completes only in the session that started it, once', async () => {
    const { a, colleague, stranger } = await people();
    const callback = await quickBooksCallback(a.token);
    for (const other of [undefined, colleague, stranger.token]) {
      expect(await landQuickBooks(callback, other)).toContain('quickbooks=error');
      expect(await qbStatus(a.org.id)).toBeNull();
      expect(await qbStatus(stranger.org.id)).toBeNull();
    }
    expect(await landQuickBooks(callback, a.token)).toContain('quickbooks=connected');
    expect(await qbStatus(a.org.id)).toBe(`CONNECTED:${w.emu.credentials.realmId}`);
    // The same redirect again (replayed from history or a log) is refused.
    await w.settle.gql(`mutation { disconnectQuickBooks { status } }`, {}, a.token);
    expect(await landQuickBooks(callback, a.token)).toContain('quickbooks=error');
    expect(await qbStatus(a.org.id)).toMatch(/^DISCONNECTED/);
  });

  it('refuses an expired state, and keeps the state only as a hash', async () => {
    const o = await createOrgWithOwner(w.settle);
    const callback = await quickBooksCallback(o.token);
    const state = new URL(callback, w.settle.url).searchParams.get('state')!;
    const rows = await w.settle.container.db.query(
      `SELECT state_hash, extract(epoch FROM expires_at - now())::int AS left FROM oauth_states WHERE org_id = $1`,
      [o.org.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].state_hash).not.toContain(state);
    expect(rows[0].left).toBeLessThanOrEqual(600);
    await w.settle.container.db.query(
      `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE org_id = $1`,
      [o.org.id],
    );
    expect(await landQuickBooks(callback, o.token)).toContain('quickbooks=error');
    expect(await qbStatus(o.org.id)).toBeNull();
  });

  it('stores the realm Intuit granted, not one written into the redirect, and takes no realm from API callers', async () => {
    const o = await createOrgWithOwner(w.settle);
    const callback = new URL(await quickBooksCallback(o.token), w.settle.url);
    callback.searchParams.set('realmId', '4620816365999999999');
    expect(await landQuickBooks(callback.toString(), o.token)).toContain('quickbooks=error');
    expect(await qbStatus(o.org.id)).toBeNull();

    const schema = buildClientSchema(ok(await w.settle.gql(getIntrospectionQuery())) as never);
    const realmArgs = Object.values(schema.getMutationType()!.getFields()).flatMap((f) =>
      f.args.filter((a) => /realm/i.test(a.name)).map((a) => `${f.name}(${a.name})`),
    );
    expect(realmArgs).toEqual([]);
  });
});

describe('Stripe Connect OAuth', () => {
  it('completes only in the session that started it, once and before it expires', async () => {
    const { a, colleague, stranger } = await people();
    const callback = await stripeCallback(a.token);
    for (const other of [undefined, colleague, stranger.token]) {
      expect((await landStripe(callback, other)).status).toBe(400);
      expect(await stripeConnected(a.org.id)).toBe(false);
      expect(await stripeConnected(stranger.org.id)).toBe(false);
    }
    const done = await landStripe(callback, a.token);
    expect(done.status).toBe(303);
    expect(done.location).toContain('stripe=connected');
    expect(await stripeConnected(a.org.id)).toBe(true);
    await w.settle.gql(`mutation { disconnectStripe { accountId } }`, {}, a.token);
    expect((await landStripe(callback, a.token)).status).toBe(400);
    expect(await stripeConnected(a.org.id)).toBe(false);

    const late = await stripeCallback(a.token);
    await w.settle.container.db.query(
      `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND used_at IS NULL`,
      [a.org.id],
    );
    expect((await landStripe(late, a.token)).status).toBe(400);
    expect(await stripeConnected(a.org.id)).toBe(false);
  });
});

describe('what the OAuth callbacks say', () => {
  it('only their own words: an error text in the URL or a repeated state is not echoed to the admin', async () => {
    const { a } = await people();
    const qb = async (query: string) => {
      const location = await landQuickBooks(`${w.settle.url}/integrations/quickbooks/callback?${query}`, a.token);
      return new URL(location, w.settle.url).searchParams.get('message');
    };
    // Anyone can send an admin this link; its text was shown in the admin app as QuickBooks' answer.
    const spoof = await qb(`error=${encodeURIComponent('Your books are locked. Call +1 555 0100 to unlock them.')}`);
    expect(spoof).toBe('QuickBooks did not grant access');
    expect(await qb('error=access_denied')).toBe('QuickBooks connection was cancelled');
    expect(await qb('error=invalid_scope')).toBe('QuickBooks did not grant access (invalid_scope)');
    // A repeated parameter arrives as an array: it was Node's TypeError text that reached the page.
    const repeated = await qb('code=c&state=a&state=b&realmId=1');
    expect(repeated).toMatch(/OAuth state/);
    expect(repeated).not.toMatch(/argument|Buffer|TypedArray|Array/);

    const stripe = await fetch(`${w.settle.url}/stripe/oauth/callback?code=c&state=a&state=b`, {
      redirect: 'manual',
      headers: cookie(a.token),
    });
    const page = await stripe.text();
    expect(stripe.status).toBe(400);
    expect(page).toMatch(/OAuth state/);
    expect(page).not.toMatch(/argument|Buffer|TypedArray|Array/);
    expect(await stripeConnected(a.org.id)).toBe(false);
    expect(await qbStatus(a.org.id)).toBeNull();
  });
});

/**
 * Several orgs may connect the same QuickBooks company (each must hold Intuit's grant for it: the realm is
 * the one the token opens). Inbound changes are matched by connection, not by realm alone: a change is
 * applied to an org only through that org's own links to that realm, by webhook and by CDC.
 */
describe('QuickBooks inbound changes with two orgs on one realm', () => {
  it('reach only the org whose invoice was paid, by webhook and by CDC', async () => {
    const c = w.settle.container;
    const [a, b] = [await createOrgWithOwner(w.settle), await createOrgWithOwner(w.settle)];
    for (const o of [a, b]) {
      expect(await landQuickBooks(await quickBooksCallback(o.token), o.token)).toContain('quickbooks=connected');
      await c.db.query(`UPDATE organizations SET invoice_prefix = $2 WHERE id = $1`, [
        o.org.id,
        `R${o.org.id.slice(0, 6)}-`,
      ]);
    }
    const fa = await billingFixture(c, a.org.id, { catalogPrice: 10000 });
    const fb = await billingFixture(c, b.org.id, { catalogPrice: 10000, clientName: fa.client.name });
    const sent: Array<{ id: string }> = [];
    for (const [o, f] of [
      [a, fa],
      [b, fb],
    ] as const) {
      await f.approvedEntry(60);
      const gen = await c.generation.generate(o.org.id, SYSTEM_ACTOR, {
        clientIds: [f.client.id],
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
      });
      sent.push(await c.invoices.send(o.org.id, SYSTEM_ACTOR, gen.invoices[0]!.id, { destinations: ['QUICKBOOKS'] }));
      await settled(w, o.org.id);
    }
    const qbo = await directClient(w.emu);
    const qbIdA = (await qbIdOf(w, a.org.id, 'INVOICE', sent[0]!.id))!;
    const link = (await call<any>((cb) => qbo.getInvoice(qbIdA, cb))).InvoiceLink as string;
    const fields = {
      method: 'card',
      cardName: 'Nora P',
      cardNumber: '4242424242424242',
      cardExpiry: '12/30',
      cardCvc: '123',
    };
    const paid = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(paid.status).toBe(200);

    const status = async (id: string) =>
      (await c.db.query(`SELECT status FROM invoices WHERE id = $1`, [id]))[0].status;
    await eventually(async () => (await status(sent[0]!.id)) === 'PAID', 'org A invoice paid from QuickBooks');
    const inbound = quickBooksOf(c).inbound;
    expect(await inbound.pollCdc(b.org.id)).toBe(0);
    expect(await inbound.pollCdc(a.org.id)).toBe(0);
    const payments = await c.db.query(`SELECT org_id, invoice_id FROM payments WHERE org_id = ANY($1)`, [
      [a.org.id, b.org.id],
    ]);
    expect(payments).toEqual([{ org_id: a.org.id, invoice_id: sent[0]!.id }]);
    expect(await status(sent[1]!.id)).toBe('SENT');
  }, 60_000);
});
