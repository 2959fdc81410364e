import 'reflect-metadata';
import pg from 'pg';
import Stripe from 'stripe';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { createStripeEmulator } from '../src/emulators/stripe/index.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { stripeOf } from '../src/modules/stripe/stripe.integration.js';

/**
 * Stripe webhooks: signed invoice.paid and checkout.session.completed events for 100 orgs over HTTP at
 * 1, 10 and 50 connections, with 20% duplicates and 10% reordered. Prints ack req/s, p50/p99, processed
 * events/s and a correctness line, and a baseline of single-row INSERTs at the same concurrency.
 * Runnable alone: `npx tsx bench/stripe-webhooks.bench.ts`. Loopback only, bounded in count and time.
 */
const ORGS = 100;
const INVOICES_PER_ORG = Number(process.env.STRIPE_BENCH_INVOICES_PER_ORG ?? 6); // per level; half paid by invoice.paid
const LEVELS = (process.env.STRIPE_BENCH_LEVELS ?? "1,10,50").split(",").map(Number);
const PROCESS_TIMEOUT_MS = 120_000;

interface Req { url: string; body: string; secret: string }

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

/** Runs `jobs` with `conns` concurrent workers; returns per-request latencies (ms) and wall time. */
async function concurrently<T>(jobs: T[], conns: number, fn: (j: T) => Promise<void>): Promise<{ lat: number[]; ms: number }> {
  const lat: number[] = [];
  let i = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conns }, async () => {
    while (i < jobs.length) {
      const j = jobs[i++]!;
      const s = performance.now();
      await fn(j);
      lat.push(performance.now() - s);
    }
  }));
  return { lat: lat.sort((a, b) => a - b), ms: performance.now() - t0 };
}

export async function run(): Promise<void> {
  section('Stripe webhooks (100 orgs, signed events over HTTP, 20% duplicates, 10% reordered)');
  const db = await benchDatabase('stripe');
  const emu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0, retryScheduleMs: [3_600_000] });
  const settle = await benchSettle(db.url, { worker: true, env: { STRIPE_API_URL: emu.url, STRIPE_SWEEP_INTERVAL_MS: '3600000' } });
  const c = settle.container;
  const m = stripeOf(c);
  const pool = new pg.Pool({ connectionString: db.url, max: 60 });
  try {
    // 100 orgs, each connected to the emulator with a pasted webhook secret, one client each.
    const orgs: Array<{ id: string; clientId: string; url: string; secret: string; stripe: Stripe; customer: string }> = [];
    for (let n = 0; n < ORGS; n++) {
      const org = await c.organizations.create({ name: `Bench ${n}`, slug: `bench-${n}-${Date.now()}` });
      await c.db.query(`UPDATE organizations SET email_payment_confirmation = false WHERE id = $1`, [org.id]);
      const key = `sk_test_bench${n}${org.id.slice(0, 8)}`;
      await m.connections.connectWithKeys(org.id, SYSTEM_ACTOR, key, null);
      const secret = `whsec_bench_${n}_${org.id.replace(/-/g, '')}`;
      const conn = await m.connections.setWebhookSecret(org.id, SYSTEM_ACTOR, secret);
      const client = await c.clients.create(org.id, SYSTEM_ACTOR, { name: 'Client', billingEmail: 'ap@client.test', currency: 'USD' });
      const stripe = new Stripe(key, { host: '127.0.0.1', port: emu.port, protocol: 'http', telemetry: false, maxNetworkRetries: 2 });
      const customer = await stripe.customers.create({ name: 'Client' });
      orgs.push({ id: org.id, clientId: client.id, url: `${settle.url}/webhooks/stripe/${conn.webhookToken}`, secret, stripe, customer: customer.id });
    }

    for (const conns of LEVELS) {
      // Fresh SENT invoices per level (fixture rows straight in SQL; the events are what is measured).
      const invoices = (await c.db.query(
        `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
         SELECT o.id, o.client_id, 'L${conns}-' || g, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now()
           FROM unnest($1::uuid[], $2::uuid[]) AS o(id, client_id), generate_series(1, $3) g
         RETURNING id, org_id`,
        [orgs.map((o) => o.id), orgs.map((o) => o.clientId), INVOICES_PER_ORG],
      )) as Array<{ id: string; org_id: string }>;
      const byOrg = new Map(orgs.map((o) => [o.id, o]));
      const events: Array<Req & { orgId: string; invoiceId: string }> = [];
      let seq = 0;
      for (const [k, inv] of invoices.entries()) {
        const o = byOrg.get(inv.org_id)!;
        const metadata = { settle_org_id: inv.org_id, settle_invoice_id: inv.id };
        let type: string;
        let object: unknown;
        if (k % 2 === 0) {
          // invoice.paid: a real invoice paid on the emulator (processing re-fetches its payments).
          const draft = await o.stripe.invoices.create({ customer: o.customer, collection_method: 'send_invoice', days_until_due: 30, metadata });
          await o.stripe.invoiceItems.create({ customer: o.customer, invoice: draft.id, amount: 10000, currency: 'usd' });
          await o.stripe.invoices.finalizeInvoice(draft.id);
          object = await o.stripe.invoices.pay(draft.id, { payment_method: 'pm_card_visa' });
          type = 'invoice.paid';
        } else {
          object = { id: `cs_test_bench_${conns}_${k}`, object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 10000, currency: 'usd', payment_intent: `pi_bench_${conns}_${k}`, metadata };
          type = 'checkout.session.completed';
        }
        const body = JSON.stringify({ id: `evt_bench_${conns}_${k}`, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000) + seq++, type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } }, null, 2);
        events.push({ url: o.url, body, secret: o.secret, orgId: inv.org_id, invoiceId: inv.id });
      }
      // 10% reordered (moved later than their successors), 20% duplicates (re-sent later).
      const reqs: Req[] = [...events];
      for (let r = 0; r < Math.floor(events.length * 0.1); r++) {
        const from = (r * 7919) % reqs.length;
        const [moved] = reqs.splice(from, 1);
        reqs.splice(Math.min(reqs.length, from + 1 + ((r * 31) % 50)), 0, moved!);
      }
      for (let d = 0; d < Math.floor(events.length * 0.2); d++) {
        const dup = events[(d * 104729) % events.length]!;
        reqs.splice(Math.min(reqs.length, ((d * 15485863) % reqs.length) + 5), 0, dup);
      }
      const signed = reqs.map((r) => ({ ...r, sig: Stripe.webhooks.generateTestHeaderString({ payload: r.body, secret: r.secret }) }));
      let non2xx = 0;
      const t0 = Date.now();
      const ack = await concurrently(signed, conns, async (r) => {
        const res = await fetch(r.url, { method: 'POST', body: r.body, headers: { 'content-type': 'application/json', 'stripe-signature': r.sig } });
        await res.arrayBuffer();
        if (res.status !== 200) non2xx++;
      });
      // Processing: until every stored event is DONE (or FAILED).
      const deadline = Date.now() + PROCESS_TIMEOUT_MS;
      let pending = 1;
      while (pending && Date.now() < deadline) {
        const [row] = (await pool.query(`SELECT count(*) FILTER (WHERE status IN ('PENDING','PROCESSING'))::int AS pending FROM stripe_event_inbox WHERE event_id LIKE $1`, [`evt_bench_${conns}_%`])).rows as Array<{ pending: number }>;
        pending = row!.pending;
        if (pending) await new Promise((r) => setTimeout(r, 20));
      }
      const [span] = (await pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'DONE')::int AS done, extract(epoch FROM max(processed_at) - min(received_at)) * 1000 AS ms FROM stripe_event_inbox WHERE event_id LIKE $1`, [`evt_bench_${conns}_%`])).rows as Array<{ n: number; done: number; ms: number }>;
      const ids = events.map((e) => e.invoiceId);
      const [check] = (await pool.query(
        `SELECT (SELECT count(*)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS payments,
                (SELECT count(DISTINCT invoice_id)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS paid_invoices,
                (SELECT count(*)::int FROM invoices WHERE id = ANY($1::uuid[]) AND status = 'PAID' AND amount_paid = total) AS paid_exact`,
        [ids],
      )).rows as Array<{ payments: number; paid_invoices: number; paid_exact: number }>;
      const ok = check!.payments === events.length && check!.paid_exact === events.length && span!.n === events.length && span!.done === events.length && non2xx === 0;

      // Baseline: single-row INSERTs into PostgreSQL at the same concurrency, same count.
      await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, org_id uuid NOT NULL, event_id text NOT NULL, payload jsonb NOT NULL)`);
      const base = await concurrently(signed, conns, async (r) => {
        await pool.query(`INSERT INTO bench_baseline (org_id, event_id, payload) VALUES ($1, $2, $3::jsonb)`, [events[0]!.orgId, `b${Math.random()}`, r.body]);
      });
      const ackRps = (signed.length / ack.ms) * 1000;
      const baseRps = (signed.length / base.ms) * 1000;
      console.log(`\n${conns} connection(s): ${fmt(signed.length)} requests (${fmt(events.length)} unique events, ${fmt(signed.length - events.length)} duplicates, ${fmt(Math.floor(events.length * 0.1))} reordered)`);
      console.log(`  ack:        ${fmt(ackRps)} req/s   p50 ${fmt(percentile(ack.lat, 50), 2)} ms   p99 ${fmt(percentile(ack.lat, 99), 2)} ms   non-2xx ${non2xx}`);
      console.log(`  baseline:   ${fmt(baseRps)} INSERT/s   p50 ${fmt(percentile(base.lat, 50), 2)} ms   p99 ${fmt(percentile(base.lat, 99), 2)} ms   → ack/baseline ${fmt(ackRps / baseRps, 2)}x`);
      console.log(`  processed:  ${fmt((events.length / Math.max(1, span!.ms)) * 1000)} events/s (${fmt(events.length)} events in ${fmt(span!.ms)} ms from first receipt; ${fmt((Date.now() - t0) / 1000, 1)} s incl. acks)`);
      console.log(`  correctness: ${ok ? 'OK' : 'FAILED'} — payments ${check!.payments} == unique ${events.length}; invoices PAID exactly ${check!.paid_exact}/${events.length}; inbox rows ${span!.n}, done ${span!.done}; double effects ${check!.payments - check!.paid_invoices}`);
    }
  } finally {
    await pool.end();
    await settle.stop();
    await emu.close();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
