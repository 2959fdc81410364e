import { describe, expect, it, vi } from 'vitest';
import { createOrgWithOwner } from '../../../test/harness.js';
import * as kit from './stripe-test-kit.js';
import { StripeConnection } from './stripe-connection.entity.js';
import { RETIRED_SECRET_GRACE_MS } from './stripe-account-switch.js';

const w = kit.stripeWorldForFile();

async function webhookTokenOf(orgId: string): Promise<string> {
  return (await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId })).webhookToken;
}

/** A write no trigger sees (replica mode skips them): a change whose notification never arrives. */
async function withoutTriggers(sql: string, params: unknown[]): Promise<void> {
  await w.settle.container.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(sql, params);
  });
}

async function until(check: () => Promise<boolean>, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const VIEW = `{ stripeConnection { accountId mode connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl lastEventAt
  webhook { configured autoRegistered endpointId secretPrefix received failed } settings { sendVia linkLifetimeHours allowPartialPayments } } }`;

describe('stripe connection', () => {
  // A token rotated by another Settle process: its change notification makes every process forget the
  // old entry at once, so the old URL stops verifying without waiting for any refresh.
  it('forgets a webhook target changed by another process as soon as the change commits', async () => {
    const o = await kit.connectedOrg(w);
    const connections = kit.stripeModule(w).connections;
    const token = await webhookTokenOf(o.org.id);
    expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
    await w.settle.container.db.query(`UPDATE stripe_connections SET webhook_token = $2 WHERE org_id = $1`, [
      o.org.id,
      `${token}_rotated`,
    ]);
    await until(async () => (await connections.webhookTarget(token)) === null);
    expect((await connections.webhookTarget(`${token}_rotated`))?.orgId).toBe(o.org.id);
  });

  // While notifications arrive, a busy endpoint does not re-read every org's secrets as entries age.
  it('keeps serving a cached webhook target past the refresh age while change notifications arrive', async () => {
    const o = await kit.connectedOrg(w);
    const connections = kit.stripeModule(w).connections;
    const token = await webhookTokenOf(o.org.id);
    expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
    // A write no trigger sees (as if its notification were lost), then a minute later: still the cached entry.
    await withoutTriggers(`UPDATE stripe_connections SET webhook_token = webhook_token || '_x' WHERE org_id = $1`, [
      o.org.id,
    ]);
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    try {
      expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
      await new Promise((r) => setTimeout(r, 100));
      expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
    } finally {
      clock.mockRestore();
    }
  });

  // Without the LISTEN connection notifications may be lost: entries are then refreshed as they age, in
  // the background while the entry still answers (a busy endpoint never waits).
  it('refreshes webhook targets as they age while change notifications may be missed', async () => {
    const o = await kit.connectedOrg(w);
    const connections = kit.stripeModule(w).connections;
    const channel = connections.webhookTargetsChannel();
    const token = await webhookTokenOf(o.org.id);
    channel.onListening(false);
    try {
      expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
      await withoutTriggers(`UPDATE stripe_connections SET webhook_token = $2 WHERE org_id = $1`, [
        o.org.id,
        `${token}_rotated`,
      ]);
      expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id); // fresh entry: still cached
      expect((await connections.webhookTarget(token, 1))?.orgId).toBe(o.org.id); // old entry: served, refreshed behind
      await new Promise((r) => setTimeout(r, 200));
      expect(await connections.webhookTarget(token)).toBeNull();
      expect((await connections.webhookTarget(`${token}_rotated`))?.orgId).toBe(o.org.id);
    } finally {
      channel.onListening(true);
    }
  });

  // A retired secret verifies events still in flight from the old account for its grace period, and
  // not a moment longer, however long the cached entry would otherwise live.
  it('stops serving a retired signing secret when its grace period ends', async () => {
    const o = await kit.connectedOrg(w);
    const connections = kit.stripeModule(w).connections;
    const b = await w.settle.gql(kit.CONNECT, { sk: `sk_test_B${o.org.id.replace(/-/g, '')}` }, o.token);
    expect(b.errors).toBeUndefined();
    // Its grace ends in 5 seconds.
    const endsAt = Date.now() + 5_000;
    await w.settle.container.db.query(
      `UPDATE stripe_webhook_secrets SET retired_at = $3 WHERE org_id = $1 AND account_id = $2`,
      [o.org.id, o.conn.accountId, new Date(endsAt - RETIRED_SECRET_GRACE_MS)],
    );
    const token = await webhookTokenOf(o.org.id);
    const scopes = async () => (await connections.webhookTarget(token))?.secrets.map((x) => x.scope.accountId);
    await until(async () => (await scopes())?.length === 2);
    expect(await scopes()).toEqual([b.data.connectStripe.accountId, o.conn.accountId]);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(endsAt + 1);
    try {
      expect(await scopes()).toEqual([b.data.connectStripe.accountId]);
    } finally {
      clock.mockRestore();
    }
  });

  it('rejects bad key prefixes and mixed modes, naming the field, and stores nothing', async () => {
    const o = await createOrgWithOwner(w.settle);
    const bad = await w.settle.gql(kit.CONNECT, { sk: 'pk_test_abcdefgh', pk: 'pk_test_abcdefgh' }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secretKey' });
    const mixed = await w.settle.gql(kit.CONNECT, { sk: 'sk_test_abcdefgh', pk: 'pk_live_abcdefgh' }, o.token);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishableKey' });
    // The emulator answers live keys in live mode (as Stripe does); this one Stripe has revoked.
    w.emu.runtime.store.state.boundKeys.sk_live_abcdefgh = 'revoked:acct_1revoked';
    const rejected = await w.settle.gql(kit.CONNECT, { sk: 'sk_live_abcdefgh', pk: 'pk_live_abcdefgh' }, o.token);
    expect(rejected.errors?.[0]?.message).toMatch(/Stripe rejected the key/);
    expect(await w.settle.container.db.getRepository(StripeConnection).countBy({ orgId: o.org.id })).toBe(0);
    expect((await w.settle.gql(VIEW, {}, o.token)).data.stripeConnection).toBeNull();
  });

  it('connects by keys, verifies with accounts.retrieve, auto-registers the webhook, shows only prefixes', async () => {
    const o = await kit.connectedOrg(w);
    const v = (await w.settle.gql(VIEW, {}, o.token)).data.stripeConnection;
    expect(v).toMatchObject({
      mode: 'TEST',
      connectedVia: 'KEYS',
      webhook: { configured: true, autoRegistered: true },
    });
    expect(v.accountId).toBe((await o.stripe.accounts.retrieveCurrent()).id);
    expect(v.secretKeyPrefix).toMatch(/^sk_test_…/);
    expect(JSON.stringify(v)).not.toContain(o.key);
    expect(v.webhookUrl).toMatch(new RegExp(`^${w.settle.url}/webhooks/stripe/wh_[A-Za-z0-9_-]{40,}$`));
    const eps = await o.stripe.webhookEndpoints.list();
    expect(eps.data.map((e) => e.url)).toEqual([v.webhookUrl]);
    expect(eps.data[0]!.api_version).toBe('2026-10-28.endive');
    expect(eps.data[0]!.enabled_events).toContain('checkout.session.completed');
    const row = await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId: o.org.id });
    expect(row.secretKeySealed).not.toContain(o.key);
    expect(row.webhookSecretSealed).not.toContain('whsec_');

    const tested = await w.settle.gql(`mutation { testStripeConnection { accountId } }`, {}, o.token);
    expect(tested.errors).toBeUndefined();

    const rotated = await w.settle.gql(
      `mutation { rotateStripeWebhookToken { webhookUrl webhook { endpointId } } }`,
      {},
      o.token,
    );
    expect(rotated.data.rotateStripeWebhookToken.webhookUrl).not.toBe(v.webhookUrl);
    const after = await o.stripe.webhookEndpoints.list();
    expect(after.data.map((e) => e.url)).toEqual([rotated.data.rotateStripeWebhookToken.webhookUrl]);

    const pasted = await w.settle.gql(
      `mutation($s: String!) { setStripeWebhookSecret(secret: $s) { webhook { configured autoRegistered secretPrefix } } }`,
      { s: 'whsec_pastedsecret1234' },
      o.token,
    );
    expect(pasted.data.setStripeWebhookSecret.webhook).toMatchObject({ configured: true, autoRegistered: false });
    expect(pasted.data.setStripeWebhookSecret.webhook.secretPrefix).toMatch(/^whsec_.{0,3}…1234$/);
    const badSecret = await w.settle.gql(
      `mutation { setStripeWebhookSecret(secret: "nope") { accountId } }`,
      {},
      o.token,
    );
    expect(badSecret.errors?.[0]?.extensions.field).toBe('secret');

    const retried = await w.settle.gql(
      `mutation { registerStripeWebhook { webhook { autoRegistered } } }`,
      {},
      o.token,
    );
    expect(retried.data.registerStripeWebhook.webhook.autoRegistered).toBe(true);

    const off = await w.settle.gql(`mutation { disconnectStripe { accountId } }`, {}, o.token);
    expect(off).toEqual({ data: { disconnectStripe: null } });
    expect((await w.settle.gql(VIEW, {}, o.token)).data.stripeConnection).toBeNull();
    expect((await o.stripe.webhookEndpoints.list()).data).toEqual([]);
  });

  it('payment settings: lifetime presets and custom hours ≤ 720', async () => {
    const o = await createOrgWithOwner(w.settle);
    const M = `mutation($i: PaymentSettingsInput!) { updatePaymentSettings(input: $i) { sendVia linkLifetimeHours allowPartialPayments emailPayLink } }`;
    const ok = await w.settle.gql(
      M,
      { i: { sendVia: 'HOSTED_INVOICE', linkLifetimeHours: 336, allowPartialPayments: false } },
      o.token,
    );
    expect(ok.data.updatePaymentSettings).toEqual({
      sendVia: 'HOSTED_INVOICE',
      linkLifetimeHours: 336,
      allowPartialPayments: false,
      emailPayLink: true,
    });
    const bad = await w.settle.gql(M, { i: { linkLifetimeHours: 721 } }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'linkLifetimeHours' });
  });

  it('Connect OAuth: authorize URL on the configured base, state checked, code exchanged', async () => {
    const o = await createOrgWithOwner(w.settle);
    const url = (await w.settle.gql(`{ stripeOAuthUrl }`, {}, o.token)).data.stripeOAuthUrl as string;
    expect(url.startsWith(`${w.emu.url}/oauth/authorize?`)).toBe(true);
    const q = new URL(url).searchParams;
    expect(q.get('client_id')).toMatch(/^ca_/);
    // The person clicks "Connect" on Stripe's page; Stripe redirects to our callback.
    const res = await kit.approveStripeConnect(w.emu.url, q);
    const callback = res.headers.get('location')!;
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged');
    const cookie = { cookie: `settle_session=${encodeURIComponent(o.token)}` };
    const refused = await fetch(tampered, { redirect: 'manual', headers: cookie });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('OAuth state is invalid');
    const done = await fetch(callback, { redirect: 'manual', headers: cookie });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toContain('stripe=connected');
    const v = (await w.settle.gql(VIEW, {}, o.token)).data.stripeConnection;
    expect(v).toMatchObject({ connectedVia: 'OAUTH', webhook: { configured: true } });
    expect(v.accountId).toMatch(/^acct_/);
    const keys = await kit.control<{ account: string }>(w.emu, `/keys?secret_key=sk_test_x`);
    expect(v.accountId).not.toBe(keys.account);
  });
});
