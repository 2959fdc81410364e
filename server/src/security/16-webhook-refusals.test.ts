import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { StripeConnection } from '../modules/stripe/stripe-connection.entity.js';
import * as kit from '../modules/stripe/stripe-test-kit.js';

/**
 * Security suite, point 16: the webhook endpoints are reachable without a login, and each forged delivery
 * costs a body read and a signature check. Past 30 refused deliveries a minute from one address (the
 * default SETTLE_RATE_WEBHOOK_REFUSALS_IP), that address is answered 429 with Retry-After before its body
 * is read; another address, Stripe's own, is heard as before. Addresses come from X-Forwarded-For, which
 * Settle trusts from its loopback proxy, as these tests connect.
 */
const w = kit.stripeWorldForFile();

async function endpoint() {
  const o = await kit.quietOrg(w);
  const conn = await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId: o.org.id });
  return {
    url: kit.stripeModule(w).connections.webhookUrl(conn.webhookToken),
    secret: w.settle.container.secrets.open(conn.webhookSecretSealed!),
  };
}

let seq = 0;
/** One delivery of a fresh event from `ip`, signed with `secret`: its status and Retry-After. */
async function deliver(url: string, secret: string, ip: string) {
  const body = JSON.stringify(
    kit.stripeEvent(
      'invoice.paid',
      { id: `in_refusals_${++seq}`, object: 'invoice' },
      `evt_refusals_${Date.now()}_${seq}`,
    ),
  );
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: { ...kit.signedHeaders(body, secret), 'x-forwarded-for': ip },
  });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

describe('webhook endpoints and forged deliveries', () => {
  it('Stripe: the 31st refused delivery a minute from one address is answered 429 unread; Stripe, elsewhere, still lands', async () => {
    const { url, secret } = await endpoint();
    const forger = '203.0.113.50';
    const refused = [];
    for (let i = 0; i < 30; i++) refused.push((await deliver(url, 'whsec_not_the_secret_at_all', forger)).status);
    expect(refused).toEqual(Array(30).fill(400));
    const cut = await deliver(url, 'whsec_not_the_secret_at_all', forger);
    expect(cut.status).toBe(429);
    expect(Number(cut.retryAfter)).toBeGreaterThan(0);
    expect(Number(cut.retryAfter)).toBeLessThanOrEqual(60);
    // The address is refused for now whatever it sends; Stripe's own address is not.
    expect((await deliver(url, secret, forger)).status).toBe(429);
    expect((await deliver(url, secret, '198.51.100.9')).status).toBe(200);
    // Guessing endpoint tokens counts too.
    const guesses = [];
    for (let i = 0; i < 31; i++) guesses.push((await deliver(`${url}x${i}`, secret, '203.0.113.51')).status);
    expect(guesses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(guesses[30]).toBe(429);
  });

  it("Stripe: one org's dead endpoint or stale secret does not cut Stripe's deliveries to the other orgs", async () => {
    // Stripe sends every account's events from the same few addresses.
    const stripeAt = '198.51.100.20';
    const [a, b] = [await endpoint(), await endpoint()];
    const dead = [];
    for (let i = 0; i < 31; i++) dead.push((await deliver(`${a.url}gone`, a.secret, stripeAt)).status);
    expect(dead).toEqual([...Array(30).fill(404), 429]);
    const stale = [];
    for (let i = 0; i < 31; i++) stale.push((await deliver(a.url, 'whsec_rotated_away', stripeAt)).status);
    expect(stale).toEqual([...Array(30).fill(400), 429]);
    // The stale endpoint stays cut for this address (whatever it sends); the other org's events land.
    expect((await deliver(a.url, a.secret, stripeAt)).status).toBe(429);
    expect((await deliver(b.url, b.secret, stripeAt)).status).toBe(200);
  });

  it('QuickBooks: the same budget for deliveries with a bad intuit-signature', async () => {
    const post = async (ip: string) => {
      const res = await fetch(`${w.settle.url}/webhooks/quickbooks`, {
        method: 'POST',
        body: JSON.stringify({ eventNotifications: [] }),
        headers: {
          'content-type': 'application/json',
          'intuit-signature': 'bm90IGEgc2lnbmF0dXJl',
          'x-forwarded-for': ip,
        },
      });
      await res.arrayBuffer();
      return res.status;
    };
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push(await post('203.0.113.60'));
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(answers[30]).toBe(429);
    expect(await post('198.51.100.10')).toBe(401);
  });

  it('Stripe: answers a body declared or sent past 1 MB with 413 at once and closes, without reading the rest', async () => {
    const { url } = await endpoint();
    const { hostname, port, pathname } = new URL(url);
    /** Declares `declared` bytes (or sends chunked), sends `sent` of them, and waits for the answer and the close. */
    const forge = (headers: string, sent: number) =>
      new Promise<{ answer: string; closed: boolean }>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => {
          socket.write(
            `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nX-Forwarded-For: 203.0.113.80\r\n${headers}\r\n`,
          );
          socket.write(
            headers.includes('chunked') ? `${sent.toString(16)}\r\n${'x'.repeat(sent)}\r\n` : 'x'.repeat(sent),
          );
        });
        let answer = '';
        socket.on('data', (d: Buffer) => (answer += d.toString()));
        socket.on('error', () => undefined); // writing into a socket Settle closed: its answer is in already
        socket.on('close', () => resolve({ answer, closed: true }));
        setTimeout(() => {
          resolve({ answer, closed: false });
          socket.destroy();
        }, 5_000);
      });
    // 64 MB announced, 64 KB sent: the rest is never waited for.
    const declared = await forge(`Content-Length: ${64 * 1024 * 1024}\r\n`, 64 * 1024);
    expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(declared.closed).toBe(true);
    const chunked = await forge('Transfer-Encoding: chunked\r\n', 1024 * 1024 + 64 * 1024);
    expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(chunked.closed).toBe(true);
  });

  it('counts an IPv6 forger by its /64, whichever of its addresses it sends from', async () => {
    const { url } = await endpoint();
    const stripe = [];
    for (let i = 0; i < 31; i++) stripe.push((await deliver(url, 'whsec_forged', `2001:db8:16:1::${i + 1}`)).status);
    expect(stripe).toEqual([...Array(30).fill(400), 429]);
    const post = async (ip: string) => {
      const res = await fetch(`${w.settle.url}/webhooks/quickbooks`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', 'intuit-signature': 'Zm9yZ2Vk', 'x-forwarded-for': ip },
      });
      await res.arrayBuffer();
      return res.status;
    };
    const quickbooks = [];
    for (let i = 0; i < 31; i++) quickbooks.push(await post(`2001:db8:16:2:${i + 1}::1`));
    expect(quickbooks).toEqual([...Array(30).fill(401), 429]);
    expect(await post('2001:db8:16:3::1')).toBe(401);
  });
});
