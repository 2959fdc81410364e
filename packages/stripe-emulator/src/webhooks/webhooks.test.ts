import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Stripe from 'stripe';
import type { StripeEmulator } from '../index.js';
import { startEmulator, sdk, startReceiver, control } from '../testing.js';

let emu: StripeEmulator;
let stripe: Stripe;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  emu = await startEmulator({ retryScheduleMs: [150, 150] });
  stripe = sdk(emu, 'sk_test_hooks');
});
afterEach(async () => {
  await emu.close();
  await rx?.close();
});

const types = (r: typeof rx) => r.events().map((e) => e.type);

describe('webhook delivery', () => {
  it('delivers pretty-printed JSON the SDK verifies with constructEvent, only for enabled events', async () => {
    rx = await startReceiver();
    const we = await stripe.webhookEndpoints.create({
      url: rx.url,
      enabled_events: ['customer.created', 'product.created'],
      api_version: '2026-10-28.endive',
    });
    expect(we.secret).toMatch(/^whsec_/);
    expect((await stripe.webhookEndpoints.retrieve(we.id)).secret).toBeUndefined();
    expect((await stripe.webhookEndpoints.list()).data[0]).not.toHaveProperty('secret');
    const cus = await stripe.customers.create({ email: 'hook@example.com' }, { idempotencyKey: 'cus-hook-1' });
    await stripe.customers.update(cus.id, { name: 'Not enabled' });
    await stripe.products.create({ name: 'P' });
    await rx.waitFor((r) => r.length >= 2);
    await emu.webhooksIdle();
    expect(types(rx).sort()).toEqual(['customer.created', 'product.created']);
    const first = rx.received.find((r) => r.raw.includes('customer.created'))!;
    expect(first.raw).toContain('\n  "id": "evt_');
    expect(first.headers['content-type']).toContain('application/json');
    const event = stripe.webhooks.constructEvent(first.raw, first.headers['stripe-signature'] as string, we.secret!);
    expect(event.type).toBe('customer.created');
    expect((event.data.object as Stripe.Customer).id).toBe(cus.id);
    expect(event.api_version).toBe('2026-10-28.endive');
    expect(event.request).toEqual({ id: cus.lastResponse.requestId, idempotency_key: 'cus-hook-1' });
    expect(event.livemode).toBe(false);
    expect(() =>
      stripe.webhooks.constructEvent(first.raw, first.headers['stripe-signature'] as string, 'whsec_wrong'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() =>
      stripe.webhooks.constructEvent(
        JSON.stringify(JSON.parse(first.raw)),
        first.headers['stripe-signature'] as string,
        we.secret!,
      ),
    ).toThrow();
    const ev = await stripe.events.retrieve(event.id);
    expect(ev.pending_webhooks).toBe(0);
    expect((await stripe.events.list({ delivery_success: true })).data.map((e) => e.id)).toContain(event.id);
  });

  it('snapshots data.object and sends previous_attributes on updates', async () => {
    rx = await startReceiver();
    await stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['customer.updated', 'customer.created'] });
    const cus = await stripe.customers.create({ name: 'Before' });
    await stripe.customers.update(cus.id, { name: 'After', metadata: { k: 'v' } });
    await rx.waitFor((r) => r.length >= 2);
    const [created, updated] = ['customer.created', 'customer.updated'].map((t) =>
      rx.events().find((e) => e.type === t)!,
    );
    expect(created!.data.object.name).toBe('Before');
    expect(updated!.data.object.name).toBe('After');
    expect((updated as unknown as Stripe.Event).data.previous_attributes).toEqual({
      name: 'Before',
      metadata: { k: null },
    });
  });

  it('retries after a 500 and records attempts and delivery_success', async () => {
    rx = await startReceiver((n) => (n === 1 ? 500 : 200));
    await stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['*'] });
    const cus = await stripe.customers.create({ name: 'Retry' });
    await rx.waitFor((r) => r.length >= 1);
    await emu.webhooksIdle();
    const evt = (await stripe.events.list({ type: 'customer.created' })).data[0]!;
    expect(evt.pending_webhooks).toBe(1);
    expect((await stripe.events.list({ delivery_success: false })).data.map((e) => e.id)).toContain(evt.id);
    await rx.waitFor((r) => r.length >= 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(rx.events().map((e) => e.id)).toEqual([evt.id, evt.id]);
    const deliveries = await control<{ data: Array<{ status: string; attempts: Array<{ status_code: number }> }> }>(
      emu,
      `/deliveries?event=${evt.id}`,
    );
    expect(deliveries.data[0]!.status).toBe('succeeded');
    expect(deliveries.data[0]!.attempts.map((a) => a.status_code)).toEqual([500, 200]);
    expect((await stripe.events.retrieve(evt.id)).pending_webhooks).toBe(0);
    expect((await stripe.events.list({ delivery_success: true })).data.map((e) => e.id)).toContain(evt.id);
    expect(cus.id).toMatch(/^cus_/);
  });

  it('gives up after the retry schedule and leaves the event undelivered', async () => {
    rx = await startReceiver(() => 503);
    await stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['product.created'] });
    await stripe.products.create({ name: 'Never' });
    await rx.waitFor((r) => r.length >= 3, 3000);
    await new Promise((r) => setTimeout(r, 300));
    expect(rx.received).toHaveLength(3); // first try + 2 retries
    const d = await control<{ data: Array<{ status: string }> }>(emu, '/deliveries?event_type=product.created');
    expect(d.data[0]!.status).toBe('failed');
    expect((await stripe.events.list({ delivery_success: false, type: 'product.created' })).data).toHaveLength(1);
  });

  it('fault injection: drop (then retried), duplicate, reorder, delay', async () => {
    rx = await startReceiver();
    await stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['product.created'] });
    await control(emu, '/faults', { action: 'drop', count: 1 });
    const p1 = await stripe.products.create({ name: 'dropped' });
    await rx.waitFor((r) => r.length >= 1);
    const dropped = await control<{ data: Array<{ attempts: Array<{ fault: string | null }> }> }>(
      emu,
      '/deliveries?event_type=product.created',
    );
    expect(dropped.data[0]!.attempts[0]!.fault).toBe('drop');
    expect(rx.events()[0]!.data.object.id).toBe(p1.id);

    await control(emu, '/faults', { action: 'duplicate', event_type: 'product.created' });
    const p2 = await stripe.products.create({ name: 'dup' });
    await rx.waitFor((r) => r.filter((x) => x.raw.includes(p2.id)).length >= 2);
    const dupIds = rx
      .events()
      .filter((e) => e.data.object.id === p2.id)
      .map((e) => e.id);
    expect(dupIds).toHaveLength(2);
    expect(dupIds[0]).toBe(dupIds[1]);

    await control(emu, '/faults', { action: 'reorder' });
    const a = await stripe.products.create({ name: 'first' });
    await new Promise((r) => setTimeout(r, 30));
    const b = await stripe.products.create({ name: 'second' });
    await rx.waitFor((r) => r.some((x) => x.raw.includes(a.id)) && r.some((x) => x.raw.includes(b.id)));
    const order = rx
      .events()
      .map((e) => e.data.object.id)
      .filter((id) => id === a.id || id === b.id);
    expect(order).toEqual([b.id, a.id]);

    await control(emu, '/faults', { action: 'delay', delay_ms: 300 });
    const t0 = Date.now();
    const c = await stripe.products.create({ name: 'late' });
    await rx.waitFor((r) => r.some((x) => x.raw.includes(c.id)));
    expect(rx.received.find((x) => x.raw.includes(c.id))!.at - t0).toBeGreaterThanOrEqual(280);
    expect((await control<{ faults: unknown[] }>(emu, '/faults')).faults).toEqual([]);
  });

  it('disabled endpoints receive nothing; deleted endpoints are gone; trigger via control API', async () => {
    rx = await startReceiver();
    const we = await stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ['*'] });
    await stripe.webhookEndpoints.update(we.id, { disabled: true });
    await stripe.customers.create({ name: 'quiet' });
    await new Promise((r) => setTimeout(r, 100));
    expect(rx.received).toHaveLength(0);
    const enabled = await stripe.webhookEndpoints.update(we.id, {
      disabled: false,
      enabled_events: ['invoice.overdue'],
    });
    expect(enabled.status).toBe('enabled');
    const cus = await stripe.customers.create({ name: 'x' });
    const inv = await stripe.invoices.create({ customer: cus.id });
    await control(emu, '/events/trigger', { type: 'invoice.overdue', object_id: inv.id });
    await rx.waitFor((r) => r.length >= 1);
    expect(types(rx)).toEqual(['invoice.overdue']);
    expect((await stripe.webhookEndpoints.del(we.id)).deleted).toBe(true);
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);
  });
});
