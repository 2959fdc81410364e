import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Stripe from 'stripe';
import type { StripeEmulator } from '../index.js';
import { control, startEmulator, sdk } from '../testing.js';

let emu: StripeEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

describe('the emulator address opened in a browser', () => {
  it('is a page laid out for the device, asking for no /favicon.ico (a 404 in the console)', async () => {
    const res = await fetch(`${emu.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Stripe emulator</h1>');
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    expect(html).toContain('<link rel="icon" href="data:,">');
  });
});

describe('auth and accounts', () => {
  it('rejects a missing key with 401 authentication_error', async () => {
    const res = await fetch(`${emu.url}/v1/customers`);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('authentication_error');
    expect(body.error.message).toMatch(/did not provide an API key/);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });

  it('rejects bad and publishable keys through the SDK as StripeAuthenticationError', async () => {
    for (const key of ['sk_other_abc123', 'nonsense', 'pk_test_abc', 'pk_live_abc']) {
      const err = await sdk(emu, key)
        .customers.list()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect((err as Stripe.errors.StripeError).statusCode).toBe(401);
    }
  });

  it('answers live keys in live mode: livemode on objects and events, data apart from test mode', async () => {
    const live = sdk(emu, 'sk_live_orgL');
    const test = sdk(emu, 'sk_test_orgL');
    const acctLive = await live.accounts.retrieve(null);
    expect(acctLive.id).not.toBe((await test.accounts.retrieve(null)).id);
    expect((await sdk(emu, 'rk_live_orgL').accounts.retrieve(null)).id).toBe(acctLive.id);
    const cus = await live.customers.create({ email: 'live@example.com' });
    expect(cus.livemode).toBe(true);
    expect((await test.customers.create({ email: 'test@example.com' })).livemode).toBe(false);
    const err = await test.customers.retrieve(cus.id).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
    const events = await live.events.list({ type: 'customer.created' });
    expect(events.data.length).toBeGreaterThan(0);
    expect(events.data.every((e) => e.livemode)).toBe(true);
  });

  it('maps each key to its own stable account and isolates data', async () => {
    const a = sdk(emu, 'sk_test_orgA');
    const b = sdk(emu, 'sk_test_orgB');
    const acctA = await a.accounts.retrieve(null);
    expect(acctA.id).toMatch(/^acct_1/);
    expect((await sdk(emu, 'sk_test_orgA').accounts.retrieve(null)).id).toBe(acctA.id);
    expect((await b.accounts.retrieve(null)).id).not.toBe(acctA.id);
    // restricted key with the same suffix belongs to the same account
    expect((await sdk(emu, 'rk_test_orgA').accounts.retrieve(null)).id).toBe(acctA.id);
    const cus = await a.customers.create({ email: 'only-a@example.com' });
    const err = await b.customers.retrieve(cus.id).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((err as Stripe.errors.StripeError).code).toBe('resource_missing');
    expect((await b.customers.list({ email: 'only-a@example.com' })).data).toHaveLength(0);
    expect((await a.customers.list({ email: 'only-a@example.com' })).data.map((c) => c.id)).toEqual([cus.id]);
  });

  it('tells the publishable key for a secret key through the control API', async () => {
    const res = (await (await fetch(`${emu.url}/__emulator/keys?secret_key=sk_test_orgA`)).json()) as {
      publishable_key: string;
      account: string;
    };
    expect(res.publishable_key).toBe('pk_test_orgA');
    expect(res.account).toBe((await sdk(emu, 'sk_test_orgA').accounts.retrieve(null)).id);
  });
});

describe('errors', () => {
  const stripe = () => sdk(emu, 'sk_test_errors');
  it('404 resource_missing names the object and param', async () => {
    const err = (await stripe()
      .invoices.retrieve('in_nope')
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).toBe(404);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.message).toBe("No such invoice: 'in_nope'");
    expect(err.param).toBe('id');
    expect(err.requestId).toMatch(/^req_/);
  });
  it('400 parameter_missing and parameter_unknown name the param', async () => {
    const missing = (await stripe()
      .products.create({} as Stripe.ProductCreateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing.statusCode).toBe(400);
    expect(missing.code).toBe('parameter_missing');
    expect(missing.param).toBe('name');
    const unknown = (await stripe()
      .customers.create({ bogus: 'x' } as Stripe.CustomerCreateParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(unknown.code).toBe('parameter_unknown');
    expect(unknown.param).toBe('bogus');
    expect(unknown.message).toBe('Received unknown parameter: bogus');
  });
  it('echoes stripe-version and gives every response a request-id', async () => {
    const cus = await stripe().customers.create({ name: 'V' });
    expect(cus.lastResponse.requestId).toMatch(/^req_/);
    expect(cus.lastResponse.headers['stripe-version']).toBe('2026-10-28.endive');
  });
});

describe('idempotency', () => {
  it('replays byte-identical responses and rejects changed params', async () => {
    const stripe = sdk(emu, 'sk_test_idem');
    const a = await stripe.customers.create({ email: 'i@example.com' }, { idempotencyKey: 'key-1' });
    const b = await stripe.customers.create({ email: 'i@example.com' }, { idempotencyKey: 'key-1' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await stripe.customers.list({ email: 'i@example.com' })).data).toHaveLength(1);
    const err = (await stripe.customers
      .create({ email: 'other@example.com' }, { idempotencyKey: 'key-1' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(err.statusCode).toBe(400);
    expect(err.message).toMatch(/same parameters/);
    // Keys are per account: another key may reuse it.
    const other = await sdk(emu, 'sk_test_idem2').customers.create(
      { email: 'z@example.com' },
      { idempotencyKey: 'key-1' },
    );
    expect(other.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });
  it('saves an error the endpoint answered after it began (Stripe does), not a validation failure', async () => {
    const stripe = sdk(emu, 'sk_test_idem_errors');
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const dispute = await control<Stripe.Dispute>(emu, '/disputes', { charge: pi.latest_charge });
    const refund = () =>
      stripe.refunds
        .create({ payment_intent: pi.id }, { idempotencyKey: 'refund-1' })
        .catch((e: unknown) => e as Stripe.errors.StripeError);
    // A disputed charge cannot be refunded: the endpoint ran and refused, so the answer is saved for the key.
    const first = (await refund()) as Stripe.errors.StripeError;
    expect(first).toMatchObject({ statusCode: 400, code: 'charge_disputed' });
    await control(emu, `/disputes/${dispute.id}`, { status: 'won' });
    // The same retry after the state changed is answered with the saved error, and refunds nothing.
    const again = (await refund()) as Stripe.errors.StripeError;
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_disputed' });
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect((await stripe.refunds.list({ payment_intent: pi.id })).data).toEqual([]);
    // A request that failed validation saves nothing: corrected, the same key runs it.
    const bad = await stripe.refunds
      .create({ amount: 100 }, { idempotencyKey: 'refund-2' })
      .catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(bad).toMatchObject({ statusCode: 400, code: 'parameter_missing' });
    const made = await stripe.refunds.create({ payment_intent: pi.id, amount: 100 }, { idempotencyKey: 'refund-2' });
    expect(made).toMatchObject({ amount: 100, status: 'succeeded' });
  });
  it('replays raw bytes exactly', async () => {
    const send = () =>
      fetch(`${emu.url}/v1/products`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk_test_raw',
          'idempotency-key': 'raw-1',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'name=Widget',
      });
    const t1 = await (await send()).text();
    const r2 = await send();
    expect(await r2.text()).toBe(t1);
    expect(r2.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('lists, pagination and expand', () => {
  it('paginates with limit/starting_after/ending_before and auto-pagination', async () => {
    const stripe = sdk(emu, 'sk_test_pages');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stripe.customers.create({ name: `c${i}` })).id);
    const page1 = await stripe.customers.list({ limit: 2 });
    expect(page1.object).toBe('list');
    expect(page1.url).toBe('/v1/customers');
    expect(page1.has_more).toBe(true);
    expect(page1.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    const page2 = await stripe.customers.list({ limit: 2, starting_after: ids[3] });
    expect(page2.data.map((c) => c.id)).toEqual([ids[2], ids[1]]);
    const back = await stripe.customers.list({ limit: 2, ending_before: ids[1] });
    expect(back.data.map((c) => c.id)).toEqual([ids[3], ids[2]]);
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual([...ids].reverse());
    const created = await stripe.customers.list({ created: { gte: Math.floor(Date.now() / 1000) + 100 } });
    expect(created.data).toHaveLength(0);
  });

  it('expands ids, nested paths and list items', async () => {
    const stripe = sdk(emu, 'sk_test_expand');
    const pi = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const withCharge = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] });
    const ch = withCharge.latest_charge as Stripe.Charge;
    expect(ch.object).toBe('charge');
    expect((ch.balance_transaction as Stripe.BalanceTransaction).fee).toBe(Math.round(1000 * 0.029) + 30);
    const list = await stripe.charges.list({ expand: ['data.balance_transaction'] });
    expect((list.data[0]!.balance_transaction as Stripe.BalanceTransaction).object).toBe('balance_transaction');
    const err = (await stripe.customers
      .create({ expand: ['email'] })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).toBe(400);
  });
});

describe('rate limiting', () => {
  it('answers 429 with code rate_limit past the per-account limit', async () => {
    const limited = await startEmulator({ rateLimitPerSecond: 3 });
    try {
      const stripe = sdk(limited, 'sk_test_rl');
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => stripe.customers.list()));
      const errors = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as Stripe.errors.StripeError);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
      expect(errors[0]!.statusCode).toBe(429);
      // another account is unaffected
      await expect(sdk(limited, 'sk_test_other').customers.list()).resolves.toBeTruthy();
    } finally {
      await limited.close();
    }
  });
});

describe('customers', () => {
  it('search by email/metadata, delete and retrieve the deleted stub', async () => {
    const stripe = sdk(emu, 'sk_test_search');
    const a = await stripe.customers.create({ email: 'jane@example.com', name: 'Jane Doe', metadata: { org: 'o1' } });
    await stripe.customers.create({ email: 'john@example.com', name: 'John Doe', metadata: { org: 'o2' } });
    const byEmail = await stripe.customers.search({ query: "email:'jane@example.com'" });
    expect(byEmail.object).toBe('search_result');
    expect(byEmail.data.map((c) => c.id)).toEqual([a.id]);
    const both = await stripe.customers.search({ query: "name:'Jane Doe' AND metadata['org']:'o1'" });
    expect(both.data.map((c) => c.id)).toEqual([a.id]);
    expect((await stripe.customers.search({ query: "name~'doe'" })).data).toHaveLength(2);
    const bad = (await stripe.customers
      .search({ query: 'nonsense' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(bad.param).toBe('query');
    const del = await stripe.customers.del(a.id);
    expect(del).toMatchObject({ id: a.id, object: 'customer', deleted: true });
    expect(await stripe.customers.retrieve(a.id)).toMatchObject({ id: a.id, deleted: true });
    const evt = await stripe.events.list({ type: 'customer.deleted', limit: 1 });
    expect((evt.data[0]!.data.object as Stripe.Customer).id).toBe(a.id);
  });
});
