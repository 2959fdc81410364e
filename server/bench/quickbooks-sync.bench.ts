import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { createQuickBooksEmulator } from '@settle/quickbooks-emulator';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { PaymentMethod, PaymentSource } from '../src/modules/payments/payment.entity.js';
import { quickBooksOf } from '../src/modules/quickbooks/quickbooks.integration.js';
import { requestLog } from '../src/modules/quickbooks/realm-throttle.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';

const INVOICES = Number(process.env.QBO_BENCH_INVOICES ?? 300);
const CLIENTS = 10;
const EMULATOR_RATE_PER_MINUTE = 600; // Intuit's sandbox limit: 10 requests/s per realm
const FAILURE_RATE = 0.05;
const CLIENT_RATE = 9.5; // Settle's own pacing, under the limit

/** Most requests that started inside any window of `ms`. */
function peak(starts: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * 300 invoices, each fully paid, pushed to the QuickBooks emulator held at 10 requests/s, with 5 % of
 * requests failing (429/500/503 injected). Reports time, requests per invoice, retries, duplicates and
 * the busiest second/minute against the limit. Loopback only; bounded by the invoice count.
 */
export async function run(): Promise<void> {
  section(
    `QuickBooks sync: ${INVOICES} invoices + payments, emulator at ${EMULATOR_RATE_PER_MINUTE / 60} req/s, ${FAILURE_RATE * 100}% injected failures`,
  );
  const emu = await createQuickBooksEmulator({ port: 0, ratePerMinute: EMULATOR_RATE_PER_MINUTE });
  const db = await benchDatabase('qbo');
  const settle = await benchSettle(db.url, {
    worker: true,
    env: {
      QBO_API_URL: emu.url,
      INTUIT_CLIENT_ID: emu.credentials.clientId,
      INTUIT_CLIENT_SECRET: emu.credentials.clientSecret,
      INTUIT_WEBHOOK_VERIFIER_TOKEN: emu.credentials.webhookVerifierToken,
      QBO_REQUESTS_PER_SECOND: String(CLIENT_RATE),
      QBO_RETRY_BASE_MS: '250',
      QBO_DEFER_MS: '300',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  const control = (path: string, body: unknown) =>
    fetch(`${emu.url}/__emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let injector: NodeJS.Timeout | undefined;
  try {
    const c = settle.container;
    const qb = quickBooksOf(c);
    const org = await c.organizations.create({ name: 'QBO bench', slug: `qbo-${Date.now()}` });
    await qb.connections.store(org.id, emu.credentials.realmId, {
      access_token: emu.credentials.accessToken,
      refresh_token: emu.credentials.refreshToken,
      expires_in: 3600,
    });
    await c.db.query(`UPDATE qbo_connections SET default_item_id = '1' WHERE org_id = $1`, [org.id]);
    const clients = [];
    for (let i = 0; i < CLIENTS; i++)
      clients.push(
        await c.clients.create(org.id, SYSTEM_ACTOR, {
          name: `Bench Client ${i}`,
          billingEmail: `ap${i}@bench.test`,
          currency: 'USD',
        }),
      );

    requestLog.enabled = true;
    requestLog.starts = [];
    // 5 % of requests fail: one injected fault per 20 requests' worth of time at the paced rate.
    const kinds = [429, 500, 503];
    let injected = 0;
    injector = setInterval(() => {
      // Keep injected faults at 5 % of the requests made so far (each fault fails the next POST).
      while (injected < Math.floor((requestLog.starts.length + 1) * FAILURE_RATE))
        void control('/faults', { status: kinds[injected++ % kinds.length], count: 1, method: 'POST' });
    }, 100);

    const started = performance.now();
    for (let i = 0; i < INVOICES; i++) {
      const client = clients[i % CLIENTS]!;
      const draft = await c.invoices.createDraft(org.id, SYSTEM_ACTOR, {
        clientId: client.id,
        lines: [
          {
            kind: InvoiceLineKind.MANUAL,
            description: `Managed services ${i}`,
            serviceId: null,
            quantity: '1',
            unitPrice: 10000 + i,
            discount: 0,
            taxRateBps: 0,
          },
        ],
      });
      const sent = await c.invoices.send(org.id, SYSTEM_ACTOR, draft.id, { destinations: ['QUICKBOOKS'] });
      await c.settlement.settle(org.id, SYSTEM_ACTOR, {
        invoiceId: sent.id,
        amount: sent.total,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
    }
    const seededMs = performance.now() - started;
    for (;;) {
      const [{ n }] = await c.db.query(
        `SELECT count(*)::int AS n FROM qbo_operations WHERE org_id = $1 AND status = 'PENDING'`,
        [org.id],
      );
      if (n === 0) break;
      if (performance.now() - started > 15 * 60_000) throw new Error(`gave up: ${n} operations still pending`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const totalMs = performance.now() - started;
    clearInterval(injector);
    injector = undefined;

    const ops = (await c.db.query(`SELECT kind, status, attempts, requests FROM qbo_operations WHERE org_id = $1`, [
      org.id,
    ])) as Array<{ kind: string; status: string; attempts: number; requests: number }>;
    const requests = ops.reduce((s, o) => s + o.requests, 0);
    const retries = ops.reduce((s, o) => s + Math.max(0, o.attempts - 1), 0);
    // Happy path = operations that succeeded first time; an invoice push for a client's first invoice
    // also looks the customer up by email and creates it (a one-off per client), shown apart.
    const histogram = (kind: string) => {
      const h: Record<number, number> = {};
      for (const o of ops) if (o.kind === kind && o.attempts === 1) h[o.requests] = (h[o.requests] ?? 0) + 1;
      return h;
    };
    const mode = (h: Record<number, number>) => Number(Object.entries(h).sort((x, y) => y[1] - x[1])[0]?.[0] ?? 0);
    const invoiceHist = histogram('PUSH_INVOICE');
    const paymentHist = histogram('PUSH_PAYMENT');
    const perHappyInvoice = mode(invoiceHist) + mode(paymentHist);
    const notDone = ops.filter((o) => o.status !== 'DONE').length;

    const dump = (await (await fetch(`${emu.url}/__emulator/entities`)).json()) as { entities: Record<string, any[]> };
    const invoices = (dump.entities.Invoice ?? []).filter((i) => String(i.DocNumber).startsWith('INV-'));
    const docs = new Map<string, number>();
    for (const i of invoices) docs.set(i.DocNumber, (docs.get(i.DocNumber) ?? 0) + 1);
    const dupInvoices = [...docs.values()].filter((n) => n > 1).length;
    const paymentsPerInvoice = new Map<string, number>();
    for (const p of dump.entities.Payment ?? [])
      for (const l of p.Line ?? [])
        for (const t of l.LinkedTxn ?? []) paymentsPerInvoice.set(t.TxnId, (paymentsPerInvoice.get(t.TxnId) ?? 0) + 1);
    const dupPayments = [...paymentsPerInvoice.values()].filter((n) => n > 1).length;
    const customers = (dump.entities.Customer ?? []).filter((x) =>
      String(x.DisplayName).startsWith('Bench Client'),
    ).length;
    const dupCustomers = customers - CLIENTS;
    const perSecond = peak(requestLog.starts, 1000);
    const perMinute = peak(requestLog.starts, 60_000);
    const stats = qb.runner.stats;

    console.log(
      `seeded ${INVOICES} invoices + payments in ${fmt(seededMs / 1000, 1)} s; all synced after ${fmt(totalMs / 1000, 1)} s total`,
    );
    console.log(
      `QuickBooks: ${invoices.length} invoices (${docs.size} distinct DocNumbers), ${paymentsPerInvoice.size} invoices with payments, ${customers} customers; operations not DONE: ${notDone}`,
    );
    console.log(
      `requests: ${requests} in all = ${fmt(requests / INVOICES, 2)} per invoice (incl. retries and ${CLIENTS} customer look-ups/creates); happy path ${perHappyInvoice} per invoice (invoice + payment; target ≤ 2 → ${perHappyInvoice <= 2 ? 'MET' : 'NOT MET'}); first-try operations by requests used: invoice ${JSON.stringify(invoiceHist)}, payment ${JSON.stringify(paymentHist)}`,
    );
    console.log(
      `failures: ${injected} injected (~${fmt((100 * injected) / Math.max(1, requestLog.starts.length), 1)}% of ${requestLog.starts.length} requests), errors seen by status ${JSON.stringify(stats.errorsByStatus)}; retries ${retries}; exceptions ${stats.failures}`,
    );
    console.log(
      `duplicates found: invoices ${dupInvoices}, payments ${dupPayments}, customers ${dupCustomers} (target 0 → ${dupInvoices + dupPayments + dupCustomers === 0 ? 'MET' : 'NOT MET'})`,
    );
    console.log(
      `rate: busiest second ${perSecond} requests, busiest minute ${perMinute} (limit 10/s, ${EMULATOR_RATE_PER_MINUTE}/min → ${perMinute <= EMULATOR_RATE_PER_MINUTE ? 'never exceeded' : 'EXCEEDED'})`,
    );
  } finally {
    if (injector) clearInterval(injector);
    requestLog.enabled = false;
    await settle.stop();
    await new Promise((r) => setTimeout(r, 500)); // let the worker's pool close before the database goes
    await db.cleanup();
    await emu.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
