import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './index.js';

/**
 * Test support (not a test file), also for Settle's own tests: the emulator on a random port, the real SDK
 * pointed at it, a webhook receiver, the control API and a form POST as a browser sends it.
 */
export async function startEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  return createStripeEmulator({
    port: 0,
    rateLimitPerSecond: 0,
    retryScheduleMs: [50, 100],
    asyncPaymentDelayMs: 60_000,
    ...opts,
  });
}

/**
 * Stripe's own example objects by resource name (`invoice`, `checkout.session`, `charge`…): the subset of
 * stripe/openapi's fixtures3.json kept in test/fixtures (see its SOURCE.md), for tests that need real shapes.
 */
export function stripeExampleObjects(): Record<string, Record<string, unknown>> {
  const file = new URL('../test/fixtures/stripe-fixtures3.subset.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources;
}

export function sdk(emu: StripeEmulator, key = `sk_test_${Math.random().toString(36).slice(2)}`): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port: emu.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
  });
}

/** The error a Stripe request fails with; a request that succeeds fails the test instead. */
export async function stripeError(request: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await request;
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error('Stripe refuses this request, but the emulator accepted it');
}

export interface Received {
  raw: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/** A webhook receiver that records raw bodies; `respond` decides each status code. */
export async function startReceiver(respond: (n: number, body: string) => number = () => 200) {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ raw, headers: req.headers, at: Date.now() });
      res.statusCode = respond(received.length, raw);
      res.end('ok');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  return {
    url,
    received,
    events: () =>
      received.map((r) => JSON.parse(r.raw) as { id: string; type: string; data: { object: Record<string, unknown> } }),
    async waitFor(pred: (r: Received[]) => boolean, timeoutMs = 5000): Promise<void> {
      const end = Date.now() + timeoutMs;
      while (!pred(received)) {
        if (Date.now() > end)
          throw new Error(
            `timed out waiting for webhooks; got ${received.map((r) => (JSON.parse(r.raw) as { type: string }).type).join(', ')}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Raw form POST (what a browser or Playwright does on the hosted pages). */
export async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

export async function control<T = Record<string, unknown>>(
  emu: StripeEmulator,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`control ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Creates customer + product + price + draft invoice with one line. */
export async function draftInvoice(stripe: Stripe, amount = 12345) {
  const customer = await stripe.customers.create({ email: 'buyer@example.com', name: 'Buyer Co' });
  const price = await stripe.prices.create({
    currency: 'usd',
    unit_amount: amount,
    product_data: { name: 'Consulting' },
  });
  const invoice = await stripe.invoices.create({
    customer: customer.id,
    collection_method: 'send_invoice',
    days_until_due: 30,
  });
  await stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    pricing: { price: price.id },
    quantity: 1,
  });
  return { customer, price, invoice: await stripe.invoices.retrieve(invoice.id) };
}
