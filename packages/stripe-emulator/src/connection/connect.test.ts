import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Stripe from 'stripe';
import type { StripeEmulator } from '../index.js';
import { startEmulator, sdk, postForm, startReceiver } from '../testing.js';

let emu: StripeEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

/** Walks the authorize page like a browser: GET the page, POST the consent form. */
async function authorize(state: string): Promise<URL> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'ca_settle',
    scope: 'read_write',
    redirect_uri: 'https://settle.test/connect/callback',
    state,
  });
  const page = await fetch(`${emu.url}/oauth/authorize?${q}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="decision" value="allow"');
  const res = await postForm(`${emu.url}/oauth/authorize`, {
    client_id: 'ca_settle',
    redirect_uri: 'https://settle.test/connect/callback',
    state,
    scope: 'read_write',
    decision: 'allow',
    email: 'merchant@example.com',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('Connect OAuth', () => {
  it('authorize → token exchange → access token bound to the connected account', async () => {
    const platform = sdk(emu, 'sk_test_platform');
    const platformAcct = await platform.accounts.retrieve(null);
    const back = await authorize('xyz');
    expect(back.origin + back.pathname).toBe('https://settle.test/connect/callback');
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^ac_/);
    const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
    expect(token).toMatchObject({ livemode: false, token_type: 'bearer', scope: 'read_write' });
    expect(token.stripe_user_id).toMatch(/^acct_/);
    expect(token.access_token).toMatch(/^sk_test_/);
    expect(token.stripe_publishable_key).toBe(token.access_token!.replace('sk_test_', 'pk_test_'));
    expect(token.refresh_token).toMatch(/^rt_/);
    const reuse = await platform.oauth.token({ grant_type: 'authorization_code', code }).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);

    const connected = sdk(emu, token.access_token!);
    const acct = await connected.accounts.retrieve(null);
    expect(acct.id).toBe(token.stripe_user_id);
    expect(acct.email).toBe('merchant@example.com');
    expect(acct.id).not.toBe(platformAcct.id);
    const cus = await connected.customers.create({ email: 'c@example.com' });
    // The platform sees it only through Stripe-Account.
    expect((await platform.customers.list()).data.map((c) => c.id)).not.toContain(cus.id);
    const viaHeader = await platform.customers.retrieve(cus.id, undefined, { stripeAccount: token.stripe_user_id! });
    expect(viaHeader.id).toBe(cus.id);
    expect((await platform.accounts.retrieve(token.stripe_user_id!)).id).toBe(token.stripe_user_id);
    expect((await platform.accounts.retrieve(null, undefined, { stripeAccount: token.stripe_user_id! })).id).toBe(
      token.stripe_user_id,
    );
    // A stranger cannot use the header on this account.
    const stranger = (await sdk(emu, 'sk_test_stranger')
      .customers.list(undefined, { stripeAccount: token.stripe_user_id! })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(stranger.statusCode).toBe(403);

    const refreshed = await platform.oauth.token({ grant_type: 'refresh_token', refresh_token: token.refresh_token! });
    expect(refreshed.stripe_user_id).toBe(token.stripe_user_id);
    const deauth = await platform.oauth.deauthorize({ client_id: 'ca_settle', stripe_user_id: token.stripe_user_id! });
    expect(deauth.stripe_user_id).toBe(token.stripe_user_id);
    const revoked = await connected.customers.list().catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('deny redirects with access_denied; bad code is invalid_grant', async () => {
    const res = await postForm(`${emu.url}/oauth/authorize`, {
      client_id: 'ca_settle',
      redirect_uri: 'https://settle.test/cb',
      state: 's1',
      decision: 'deny',
    });
    const loc = new URL(res.headers.get('location')!);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('s1');
    const err = (await sdk(emu, 'sk_test_platform')
      .oauth.token({ grant_type: 'authorization_code', code: 'ac_nope' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidGrantError);
  });

  it('connected account events reach the platform connect endpoint with `account` set', async () => {
    const rx = await startReceiver();
    try {
      const platform = sdk(emu, 'sk_test_platform2');
      const we = await platform.webhookEndpoints.create({
        url: rx.url,
        enabled_events: ['customer.created'],
        connect: true,
      });
      const code = (await authorize('s2')).searchParams.get('code')!;
      const token = await platform.oauth.token({ grant_type: 'authorization_code', code });
      await platform.customers.create({ name: 'platform own (not connect)' });
      const cus = await platform.customers.create({ name: 'on connected' }, { stripeAccount: token.stripe_user_id! });
      await rx.waitFor((r) => r.length >= 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(rx.received).toHaveLength(1);
      const event = platform.webhooks.constructEvent(
        rx.received[0]!.raw,
        rx.received[0]!.headers['stripe-signature'] as string,
        we.secret!,
      );
      expect(event.account).toBe(token.stripe_user_id);
      expect((event.data.object as Stripe.Customer).id).toBe(cus.id);
    } finally {
      await rx.close();
    }
  });
});
