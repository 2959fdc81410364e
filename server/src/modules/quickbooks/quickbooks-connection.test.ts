import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { createOrgWithOwner, startTestSettle } from '../../../test/harness.js';
import { connectViaOAuth, connectedOrg, control, quickBooksOf, startQbWorld } from './quickbooks.test-support.js';

const w = forFile(() => startQbWorld());

const CONNECTION = `{ quickBooksConnection { configured status realmId companyName connectedAt sandbox mapping {
  defaultItemId fallbackItemId stripeConnected payNowEnabled cardEnabled achEnabled feeExpenseAccountId feeBankAccountId feeReconciliationEnabled } } }`;

async function sealedRow(orgId: string) {
  const [row] = await w.settle.container.db.query(`SELECT * FROM qbo_connections WHERE org_id = $1`, [orgId]);
  return row;
}

async function refreshWith(refreshToken: string) {
  const c = w.emu.credentials;
  return fetch(`${w.emu.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
}

describe('QuickBooks connection', () => {
  it('says "not configured" when neither Intuit credentials nor the sandbox are set', async () => {
    const bare = await startTestSettle({ env: { QBO_API_URL: '', INTUIT_CLIENT_ID: '', INTUIT_CLIENT_SECRET: '' } });
    try {
      const o = await createOrgWithOwner(bare);
      const view = await bare.gql(CONNECTION, {}, o.token);
      expect(view.data.quickBooksConnection).toMatchObject({
        configured: false,
        status: 'DISCONNECTED',
        mapping: null,
      });
      const r = await bare.gql(`{ quickBooksAuthorizeUrl }`, {}, o.token);
      expect(r.errors?.[0]?.message).toBe('QuickBooks integration not configured');
    } finally {
      await bare.close();
    }
  });

  it('connects through OAuth with the state checked, stores the realm and seals the tokens', async () => {
    const o = await createOrgWithOwner(w.settle);
    const url = new URL((await w.settle.gql(`{ quickBooksAuthorizeUrl }`, {}, o.token)).data.quickBooksAuthorizeUrl);
    expect(url.origin + url.pathname).toBe(`${w.emu.url}/connect/oauth2`);
    expect(url.searchParams.get('redirect_uri')).toBe(`${w.settle.url}/integrations/quickbooks/callback`);
    // A forged state is refused and nothing is connected.
    const badCallback = await fetch(`${w.settle.url}/integrations/quickbooks/callback?code=x&state=nope&realmId=1`, {
      redirect: 'manual',
      headers: { cookie: `settle_session=${o.token}` },
    });
    expect(badCallback.headers.get('location')).toMatch(/^\/admin\/integrations\?quickbooks=error/);

    const landing = await connectViaOAuth(w, o.token);
    expect(landing).toBe('/admin/integrations?quickbooks=connected');
    const view = (await w.settle.gql(CONNECTION, {}, o.token)).data.quickBooksConnection;
    expect(view).toMatchObject({
      configured: true,
      sandbox: true,
      status: 'CONNECTED',
      realmId: w.emu.credentials.realmId,
      companyName: 'Settle Sandbox Company',
    });
    const row = await sealedRow(o.org.id);
    expect(row.access_token_sealed).toMatch(/^v1:/);
    const access = w.settle.container.secrets.open(row.access_token_sealed);
    expect(JSON.stringify(row)).not.toContain(access);
    expect(row.oauth_state_hash).toBeNull();
  });

  it('refreshes ahead of expiry and keeps the newest (rotated) refresh token; a 401 refreshes too', async () => {
    const o = await connectedOrg(w);
    const secrets = w.settle.container.secrets;
    const first = await sealedRow(o.org.id);
    const rt1 = secrets.open(first.refresh_token_sealed);
    // Four minutes left: inside the refresh-ahead window.
    await w.settle.container.db.query(
      `UPDATE qbo_connections SET access_token_expires_at = now() + interval '4 minutes' WHERE org_id = $1`,
      [o.org.id],
    );
    const items = await w.settle.gql(`{ quickBooksItems { id name type } }`, {}, o.token);
    expect(items.errors).toBeUndefined();
    expect(items.data.quickBooksItems.length).toBeGreaterThan(0);
    const second = await sealedRow(o.org.id);
    const rt2 = secrets.open(second.refresh_token_sealed);
    expect(rt2).not.toBe(rt1);
    expect(new Date(second.access_token_expires_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    // Intuit's clock says the access token expired although ours does not: the 401 triggers a refresh.
    await control(w.emu, '/clock/advance', { hours: 2 });
    const again = await w.settle.gql(`{ quickBooksAccounts { id name type } }`, {}, o.token);
    expect(again.errors).toBeUndefined();
    const rt3 = secrets.open((await sealedRow(o.org.id)).refresh_token_sealed);
    expect(rt3).not.toBe(rt2);
    // The newest refresh token is the one that works from now on.
    expect((await refreshWith(rt3)).status).toBe(200);
  });

  it('disconnect revokes the grant at Intuit', async () => {
    const o = await connectedOrg(w);
    const rt = w.settle.container.secrets.open((await sealedRow(o.org.id)).refresh_token_sealed);
    const r = await w.settle.gql(`mutation { disconnectQuickBooks { status connectedAt } }`, {}, o.token);
    expect(r.data.disconnectQuickBooks).toEqual({ status: 'DISCONNECTED', connectedAt: null });
    const refused = await refreshWith(rt);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toBe('invalid_grant');
    expect((await sealedRow(o.org.id)).refresh_token_sealed).toBeNull();
  });
});

describe('QuickBooks mapping', () => {
  it('defaults online payments ON with QuickBooks alone, OFF when Stripe is connected too', async () => {
    const o = await connectedOrg(w);
    let m = (await w.settle.gql(CONNECTION, {}, o.token)).data.quickBooksConnection.mapping;
    expect(m).toMatchObject({
      stripeConnected: false,
      payNowEnabled: true,
      cardEnabled: true,
      achEnabled: true,
      feeReconciliationEnabled: false,
    });

    const db = w.settle.container.db;
    await db.query(`CREATE TABLE IF NOT EXISTS stripe_connections (org_id uuid PRIMARY KEY, mode text, account_id text, connected_via text,
      secret_key_sealed text, secret_key_prefix text, webhook_token text)`);
    await db.query(
      `INSERT INTO stripe_connections (org_id, mode, account_id, connected_via, secret_key_sealed, secret_key_prefix, webhook_token)
      VALUES ($1, 'test', 'acct_1', 'KEYS', $2, 'sk_test_…', 'tok')`,
      [o.org.id, w.settle.container.secrets.seal('sk_test_x')],
    );
    m = (await w.settle.gql(CONNECTION, {}, o.token)).data.quickBooksConnection.mapping;
    expect(m).toMatchObject({ stripeConnected: true, payNowEnabled: false, cardEnabled: false, achEnabled: false });

    // An explicit choice beats the default.
    const set = await w.settle.gql(
      `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { mapping { payNowEnabled cardEnabled achEnabled } } }`,
      { i: { payNowEnabled: true, cardEnabled: true } },
      o.token,
    );
    expect(set.data.updateQuickBooksMapping.mapping).toEqual({
      payNowEnabled: true,
      cardEnabled: true,
      achEnabled: false,
    });
  });

  it('validates item and account ids and turns fee reconciliation on only with both accounts', async () => {
    const o = await connectedOrg(w);
    const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name type } }`, {}, o.token)).data
      .quickBooksAccounts as Array<{ id: string; name: string; type: string }>;
    const fees = accounts.find((a) => a.name === 'Stripe Fees')!;
    const bank = accounts.find((a) => a.name === 'Stripe Clearing')!;
    const upd = `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { mapping { defaultItemId defaultItemName feeExpenseAccountId feeBankAccountId feeReconciliationEnabled } } }`;
    const bad = await w.settle.gql(upd, { i: { defaultItemId: '999999' } }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'defaultItemId' });
    const wrongType = await w.settle.gql(upd, { i: { feeExpenseAccountId: bank.id } }, o.token);
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ field: 'feeExpenseAccountId' });
    const half = await w.settle.gql(upd, { i: { feeExpenseAccountId: fees.id } }, o.token);
    expect(half.data.updateQuickBooksMapping.mapping.feeReconciliationEnabled).toBe(false);
    const items = (await w.settle.gql(`{ quickBooksItems { id name } }`, {}, o.token)).data.quickBooksItems as Array<{
      id: string;
      name: string;
    }>;
    const consulting = items.find((i) => i.name === 'Consulting')!;
    const full = await w.settle.gql(upd, { i: { feeBankAccountId: bank.id, defaultItemId: consulting.id } }, o.token);
    expect(full.data.updateQuickBooksMapping.mapping).toEqual({
      defaultItemId: consulting.id,
      defaultItemName: 'Consulting',
      feeExpenseAccountId: fees.id,
      feeBankAccountId: bank.id,
      feeReconciliationEnabled: true,
    });
    expect(quickBooksOf(w.settle.container).connections.settings.configured).toBe(true);
  });
});

describe('QuickBooks offline sandbox', () => {
  it('connects the demo org to the emulator company once, and never undoes a Disconnect', async () => {
    const { connectDemoSandbox } = await import('./sandbox-connect.js');
    const c = w.settle.container;
    const m = quickBooksOf(c);
    await expect(connectDemoSandbox(c.organizations, m.connections)).rejects.toThrow(/not seeded yet/);
    const demo = await c.organizations.create({ name: 'Demo', slug: 'demo' });
    await connectDemoSandbox(c.organizations, m.connections);
    const first = await m.connections.find(demo.id);
    expect(first).toMatchObject({
      status: 'CONNECTED',
      realmId: w.emu.credentials.realmId,
      companyName: 'Settle Sandbox Company',
    });
    await connectDemoSandbox(c.organizations, m.connections);
    expect((await m.connections.find(demo.id))!.accessTokenSealed).toBe(first!.accessTokenSealed);
    await m.connections.disconnect(demo.id);
    await connectDemoSandbox(c.organizations, m.connections);
    expect((await m.connections.find(demo.id))!.status).toBe('DISCONNECTED');
  });
});
