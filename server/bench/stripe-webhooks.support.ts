import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import Stripe from 'stripe';
import { leanLoad, type LeanResult } from './lean-load.js';
export { postgresCpu, postgresCpuSince } from './postgres-cpu.js';

/** The processes, load and checks of the Stripe webhook benchmark (stripe-webhooks.bench.ts runs the phases). */
export const INVOICES_PER_ORG = Number(process.env.STRIPE_BENCH_INVOICES_PER_ORG ?? 10); // per level; half paid by invoice.paid
const PROCESS_TIMEOUT_MS = 120_000;

export interface Org {
  id: string;
  clientId: string;
  path: string;
  secret: string;
  key: string;
}
export interface Req {
  path: string;
  body: string;
  sig: string;
}
export interface Child {
  proc: ChildProcess;
  ready: Record<string, unknown>;
  call<T = unknown>(cmd: string, args?: object): Promise<T>;
}

/** Forks stripe-webhooks.server.ts in a role and waits for it to report ready. */
export function spawnRole(role: string, env: Record<string, string>): Promise<Child> {
  const proc = fork(path.join(import.meta.dirname, 'stripe-webhooks.server.ts'), [], {
    // The emulator can be asked to collect its garbage between phases (its `gc` command).
    execArgv: role === 'emulator' ? [...process.execArgv, '--expose-gc'] : process.execArgv,
    env: { ...process.env, ...env, BENCH_ROLE: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
    proc.on('message', (m: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (m.ready) {
        return resolve({
          proc,
          ready: m as Record<string, unknown>,
          call: <T>(cmd: string, args: object = {}) =>
            new Promise<T>((res, rej) => {
              const id = next++;
              waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              proc.send({ id, cmd, ...args });
            }),
        });
      }
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new Error(`${role}: ${m.error}`));
    });
  });
}

export async function stopRole(c: Child | undefined): Promise<void> {
  if (!c || c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  await c.call('stop').catch(() => undefined);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

/**
 * Several servers measured in turns on the same requests: `slices` slices of `reqs`, each sent to every
 * server in `urls` (the order rotated each slice), so that a machine whose speed drifts by a quarter from
 * one minute to the next (this one does) weighs on every server alike. `around` brackets each slice (it
 * is told which server's: to count CPU). One result a server, over all its slices.
 */
export async function fireInTurns(
  urls: string[],
  reqs: Req[],
  conns: number,
  slices: number,
  around?: (server: number, send: () => Promise<LeanResult>) => Promise<LeanResult>,
): Promise<LeanResult[]> {
  const parts: LeanResult[][] = urls.map(() => []);
  for (let s = 0; s < slices; s++) {
    const slice = reqs.slice(Math.floor((s * reqs.length) / slices), Math.floor(((s + 1) * reqs.length) / slices));
    for (let k = 0; k < urls.length; k++) {
      const u = (s + k) % urls.length;
      const send = () => fire(urls[u]!, slice, conns);
      parts[u]!.push(await (around ? around(u, send) : send()));
    }
  }
  return parts.map(merged);
}

/** Results of slices of one run as one: rate over the summed time, percentiles over all latencies. */
export function merged(parts: LeanResult[]): LeanResult {
  const lat = parts.flatMap((p) => p.lat).sort((a, b) => a - b);
  const ms = parts.reduce((sum, p) => sum + p.ms, 0);
  return {
    rps: (lat.length / ms) * 1000,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    non2xx: parts.reduce((sum, p) => sum + p.non2xx, 0),
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    ms,
    lat,
  };
}

/** Every request exactly once, spread over `conns` keep-alive connections (see lean-load.ts). */
export function fire(url: string, reqs: Req[], conns: number) {
  const u = new URL(url);
  return leanLoad(
    u.hostname,
    Number(u.port),
    reqs.map((r) => ({
      path: r.path,
      body: r.body,
      headers: { 'content-type': 'application/json', 'stripe-signature': r.sig },
    })),
    conns,
  );
}

/** Pays a Checkout session on the emulator's hosted page, as a customer would. */
export async function payCheckout(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ card_number: '4242424242424242' }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}`);
}

/**
 * Events for fresh SENT invoices: half invoice.paid, half checkout.session.completed, each paid on the
 * emulator; plus `forged`: signed events for some of those sessions claiming twice the amount.
 */
export async function makeEvents(
  pool: pg.Pool,
  orgs: Org[],
  emuPort: number,
  label: string,
): Promise<{ events: Array<Req & { invoiceId: string }>; forged: Req[]; reqs: Req[]; ids: string[] }> {
  const invoices = (
    await pool.query(
      `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     SELECT o.id, o.client_id, '${label}-' || g, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now()
       FROM unnest($1::uuid[], $2::uuid[]) AS o(id, client_id), generate_series(1, $3) g
     RETURNING id, org_id`,
      [orgs.map((o) => o.id), orgs.map((o) => o.clientId), INVOICES_PER_ORG],
    )
  ).rows as Array<{ id: string; org_id: string }>;
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const sdk = new Map(
    orgs.map((o) => [
      o.id,
      new Stripe(o.key, { host: '127.0.0.1', port: emuPort, protocol: 'http', telemetry: false, maxNetworkRetries: 2 }),
    ]),
  );
  const customers = new Map<string, string>();
  const events: Array<Req & { invoiceId: string; created: number }> = new Array(invoices.length);
  const forged: Req[] = [];
  const base = Math.floor(Date.now() / 1000);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < invoices.length) {
        const k = next++;
        const inv = invoices[k]!;
        const o = byOrg.get(inv.org_id)!;
        const stripe = sdk.get(o.id)!;
        const metadata = { settle_org_id: inv.org_id, settle_invoice_id: inv.id };
        let type: string;
        let object: unknown;
        if (k % 2 === 0) {
          // invoice.paid: a real invoice paid on the emulator (its payments are only on the API, not in the payload).
          if (!customers.has(o.id)) customers.set(o.id, (await stripe.customers.create({ name: 'Client' })).id);
          const draft = await stripe.invoices.create({
            customer: customers.get(o.id)!,
            collection_method: 'send_invoice',
            days_until_due: 30,
            metadata,
          });
          await stripe.invoiceItems.create({
            customer: customers.get(o.id)!,
            invoice: draft.id,
            amount: 10000,
            currency: 'usd',
          });
          await stripe.invoices.finalizeInvoice(draft.id);
          object = await stripe.invoices.pay(draft.id, { payment_method: 'pm_card_visa' });
          type = 'invoice.paid';
        } else {
          // checkout.session.completed: a session paid on the emulator's hosted page, as Stripe then has it.
          const session = await stripe.checkout.sessions.create({
            mode: 'payment',
            metadata,
            payment_intent_data: { metadata },
            success_url: 'http://settle.bench/ok',
            line_items: [
              { price_data: { currency: 'usd', unit_amount: 10000, product_data: { name: 'Invoice' } }, quantity: 1 },
            ],
          });
          await payCheckout(session.url!);
          object = await stripe.checkout.sessions.retrieve(session.id);
          type = 'checkout.session.completed';
        }
        const sign = (id: string, data: object) => {
          const body = JSON.stringify(
            {
              id,
              object: 'event',
              api_version: Stripe.API_VERSION,
              created: base + k,
              type,
              livemode: false,
              pending_webhooks: 1,
              request: { id: null, idempotency_key: null },
              data: { object: data },
            },
            null,
            2,
          );
          return {
            path: o.path,
            body,
            sig: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: o.secret }),
          };
        };
        events[k] = { ...sign(`evt_${label}_${k}`, object as object), invoiceId: inv.id, created: base + k };
        if (k % 40 === 1)
          forged.push(
            sign(`evt_${label}_forged_${k}`, { ...(object as object), amount_total: 20000, amount_subtotal: 20000 }),
          );
      }
    }),
  );
  // 10% reordered (moved later than their successors), 20% duplicates (re-sent later).
  const reqs: Req[] = [...events];
  // The forgeries go in among the genuine events.
  forged.forEach((f, n) => reqs.splice(Math.min(reqs.length, ((n * 7907) % reqs.length) + 1), 0, f));
  for (let r = 0; r < Math.floor(events.length * 0.1); r++) {
    const from = (r * 7919) % reqs.length;
    const [moved] = reqs.splice(from, 1);
    reqs.splice(Math.min(reqs.length, from + 1 + ((r * 31) % 50)), 0, moved!);
  }
  for (let d = 0; d < Math.floor(events.length * 0.2); d++) {
    const dup = events[(d * 104729) % events.length]!;
    reqs.splice(Math.min(reqs.length, ((d * 15485863) % reqs.length) + 5), 0, dup);
  }
  return { events, forged, reqs, ids: invoices.map((i) => i.id) };
}

export async function waitProcessed(pool: pg.Pool, label: string): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE status IN ('PENDING','PROCESSING'))::int AS pending FROM stripe_event_inbox WHERE event_id LIKE $1`,
      [`evt_${label}_%`],
    );
    if (!rows[0].pending || Date.now() > deadline) return;
    // The drain time comes from the rows' processed_at, so polling gently costs no precision (and
    // leaves PostgreSQL to the worker).
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Payments == unique genuine events, every invoice PAID exactly once, every genuine row DONE, every forged one REJECTED. */
export async function correctness(
  pool: pg.Pool,
  label: string,
  events: number,
  forged: number,
  ids: string[],
  non2xx: number,
): Promise<{ ok: boolean; line: string; doubles: number }> {
  const [span] = (
    await pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'DONE' AND event_id NOT LIKE $2)::int AS done,
            count(*) FILTER (WHERE status = 'REJECTED' AND event_id LIKE $2)::int AS rejected
       FROM stripe_event_inbox WHERE event_id LIKE $1`,
      [`evt_${label}_%`, `evt_${label}_forged_%`],
    )
  ).rows as Array<{ n: number; done: number; rejected: number }>;
  const [check] = (
    await pool.query(
      `SELECT (SELECT count(*)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS payments,
            (SELECT count(DISTINCT invoice_id)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS paid_invoices,
            (SELECT count(*)::int FROM invoices WHERE id = ANY($1::uuid[]) AND status = 'PAID' AND amount_paid = total) AS paid_exact`,
      [ids],
    )
  ).rows as Array<{ payments: number; paid_invoices: number; paid_exact: number }>;
  const doubles = check!.payments - check!.paid_invoices;
  const ok =
    check!.payments === events &&
    check!.paid_exact === events &&
    span!.n === events + forged &&
    span!.done === events &&
    span!.rejected === forged &&
    non2xx === 0;
  return {
    ok,
    doubles,
    line: `${ok ? 'OK' : 'FAILED'} — payments ${check!.payments} == unique ${events}; invoices PAID exactly ${check!.paid_exact}/${events}; inbox rows ${span!.n}, done ${span!.done}, forged rejected ${span!.rejected}/${forged}; double effects ${doubles}`,
  };
}
