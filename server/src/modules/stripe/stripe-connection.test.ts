import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../../test/harness.js';
import {
  approveStripeConnect,
  CONNECT,
  connectedOrg,
  control,
  stripeModule,
  stripeWorldForFile,
} from './stripe-test-kit.js';
import { StripeConnection } from './stripe-connection.entity.js';

const w = stripeWorldForFile();

const VIEW = `{ stripeConnection { accountId mode connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl lastEventAt
  webhook { configured autoRegistered endpointId secretPrefix received failed } settings { sendVia linkLifetimeHours allowPartialPayments } } }`;

describe('stripe connection', () => {
  // A token rotated by another Settle process: the cached entry keeps answering while it is refreshed
  // in the background (a busy endpoint never waits), then the old token is unknown.
  it('refreshes a webhook target changed elsewhere without making a request wait', async () => {
    const o = await connectedOrg(w);
    const connections = stripeModule(w).connections;
    const token = (await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId: o.org.id }))
      .webhookToken;
    expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id);
    // Another process rotates the token (this process's cache does not know).
    await w.settle.container.db.query(`UPDATE stripe_connections SET webhook_token = $2 WHERE org_id = $1`, [
      o.org.id,
      `${token}_rotated`,
    ]);
    expect((await connections.webhookTarget(token))?.orgId).toBe(o.org.id); // fresh entry: still cached
    expect((await connections.webhookTarget(token, 1))?.orgId).toBe(o.org.id); // old entry: served, refreshed behind
    await new Promise((r) => setTimeout(r, 200));
    expect(await connections.webhookTarget(token)).toBeNull();
    expect((await connections.webhookTarget(`${token}_rotated`))?.orgId).toBe(o.org.id);
  });

  it('rejects bad key prefixes and mixed modes, naming the field, and stores nothing', async () => {
    const o = await createOrgWithOwner(w.settle);
    const bad = await w.settle.gql(CONNECT, { sk: 'pk_test_abcdefgh', pk: 'pk_test_abcdefgh' }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secretKey' });
    const mixed = await w.settle.gql(CONNECT, { sk: 'sk_test_abcdefgh', pk: 'pk_live_abcdefgh' }, o.token);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishableKey' });
    // The emulator answers live keys in live mode (as Stripe does); this one Stripe has revoked.
    w.emu.runtime.store.state.boundKeys.sk_live_abcdefgh = 'revoked:acct_1revoked';
    const rejected = await w.settle.gql(CONNECT, { sk: 'sk_live_abcdefgh', pk: 'pk_live_abcdefgh' }, o.token);
    expect(rejected.errors?.[0]?.message).toMatch(/Stripe rejected the key/);
    expect(await w.settle.container.db.getRepository(StripeConnection).countBy({ orgId: o.org.id })).toBe(0);
    expect((await w.settle.gql(VIEW, {}, o.token)).data.stripeConnection).toBeNull();
  });

  it('connects by keys, verifies with accounts.retrieve, auto-registers the webhook, shows only prefixes', async () => {
    const o = await connectedOrg(w);
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
    const res = await approveStripeConnect(w.emu.url, q);
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
    const keys = await control<{ account: string }>(w.emu, `/keys?secret_key=sk_test_x`);
    expect(v.accountId).not.toBe(keys.account);
  });
});
