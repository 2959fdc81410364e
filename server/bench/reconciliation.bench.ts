import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createQuickBooksEmulator } from '@settle/quickbooks-emulator';
import { createStripeEmulator } from '@settle/stripe-emulator';
import Stripe from 'stripe';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { quickBooksOf } from '../src/modules/quickbooks/quickbooks.integration.js';
import { reconciliationOf } from '../src/modules/reconciliation/reconciliation.integration.js';
import { stripeOf } from '../src/modules/stripe/stripe.integration.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { qbBatch, seedSettle, seedStripe, type SeedInvoice } from './reconciliation-seed.js';

const INVOICES = Number(process.env.BENCH_RECONCILIATION_INVOICES ?? 10_000);
const KINDS = [
  'AMOUNT_MISMATCH',
  'MISSING_PAYMENT_IN_QUICKBOOKS',
  'FEE_MISSING',
  'REFUND_MISSING_IN_SETTLE',
  'REFUND_MISSING',
];
/** 1 % of invoices diverge, the five kinds in turn. */
const divergence = (i: number) => (i % 100 === 7 ? KINDS[Math.floor(i / 100) % KINDS.length]! : null);
const refunded = (s: SeedInvoice) =>
  s.i % 10 === 3 || ['REFUND_MISSING_IN_SETTLE', 'REFUND_MISSING'].includes(divergence(s.i) ?? '');
const dollars = (minor: number) => minor / 100;

/**
 * `pnpm bench reconciliation`: 10,000 card-paid invoices (a tenth partly refunded, each with Stripe's
 * fee booked) in Settle, Stripe and QuickBooks, with 1 % of them made to diverge the way people make
 * them diverge (an invoice edited or a payment or fee deleted in QuickBooks, a refund made in Stripe's
 * dashboard, a refund never booked). Prints the report's time, the divergences found against those
 * seeded, and the Stripe and QuickBooks calls it made.
 */
export async function run(): Promise<void> {
  section(`Reconciliation: ${fmt(INVOICES)} invoices with payments, refunds and fees, 1% seeded divergences`);
  const qbEmu = await createQuickBooksEmulator({ port: 0, ratePerMinute: 100_000_000 });
  const stripeEmu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0 });
  const db = await benchDatabase('recon');
  const settle = await benchSettle(db.url, {
    worker: false,
    env: {
      STRIPE_API_URL: stripeEmu.url,
      QBO_API_URL: qbEmu.url,
      INTUIT_CLIENT_ID: qbEmu.credentials.clientId,
      INTUIT_CLIENT_SECRET: qbEmu.credentials.clientSecret,
      INTUIT_WEBHOOK_VERIFIER_TOKEN: qbEmu.credentials.webhookVerifierToken,
      QBO_REQUESTS_PER_SECOND: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  try {
    const c = settle.container;
    const t0 = performance.now();
    const org = await c.organizations.create({ name: 'Reconciliation bench', slug: `recon-${Date.now()}` });
    const client = await c.clients.create(org.id, SYSTEM_ACTOR, {
      name: 'Bench Client',
      billingEmail: 'ap@bench.test',
      currency: 'USD',
    });
    const key = `sk_test_recon${Date.now()}`;
    await stripeOf(c).connections.connectWithKeys(org.id, SYSTEM_ACTOR, key, key.replace('sk_', 'pk_'));
    const stripe = new Stripe(key, {
      host: '127.0.0.1',
      port: stripeEmu.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 2,
    });
    // Nobody listens during seeding: the webhook endpoint goes, as a person could delete it in the dashboard.
    for (const ep of (await stripe.webhookEndpoints.list()).data) await stripe.webhookEndpoints.del(ep.id);
    const realm = qbEmu.credentials.realmId;
    await quickBooksOf(c).connections.store(org.id, realm, {
      access_token: qbEmu.credentials.accessToken,
      refresh_token: qbEmu.credentials.refreshToken,
      expires_in: 3600,
    });
    const entities = async (type: string) =>
      (
        (await (await fetch(`${qbEmu.url}/__emulator/entities?type=${type}`)).json()) as {
          entities: Record<string, any[]>;
        }
      ).entities[type] ?? [];
    const accounts = await entities('Account');
    const accountId = (name: string) => String(accounts.find((a) => a.Name === name)!.Id);
    const itemId = String((await entities('Item')).find((i) => i.Type === 'Service')!.Id);
    await c.db.query(
      `UPDATE qbo_connections SET default_item_id = $2, fee_expense_account_id = $3, fee_bank_account_id = $4 WHERE org_id = $1`,
      [org.id, itemId, accountId('Stripe Fees'), accountId('Stripe Clearing')],
    );

    const day = new Date().toISOString().slice(0, 10);
    const invoices: SeedInvoice[] = Array.from({ length: INVOICES }, (_, i) => ({
      i,
      id: randomUUID(),
      number: `RB-${String(i).padStart(5, '0')}`,
      total: 10_000 + (i % 97) * 100,
      paymentId: randomUUID(),
      pi: '',
    }));
    const stripeSeedCalls = await seedStripe(stripe, invoices, refunded);
    const fees = new Map<string, number>();
    for await (const bt of stripe.balanceTransactions.list({ limit: 100 })) fees.set(String(bt.source), bt.fee);
    for (const s of invoices) s.fee = fees.get(s.chargeId ?? '') ?? 0;
    const tStripe = performance.now();

    const of = (kind: string) => invoices.filter((s) => divergence(s.i) === kind);
    const qb = qbBatch(qbEmu.url, realm, qbEmu.credentials.accessToken);
    const [cust] = await qb.all([{ operation: 'create', Customer: { DisplayName: `Recon bench ${Date.now()}` } }]);
    const customer = { value: String(cust!.Customer.Id) };
    const line = (minor: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: dollars(minor),
      SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: dollars(minor) },
    });
    const created = await qb.all(
      invoices.map((s) => ({
        operation: 'create',
        Invoice: { DocNumber: s.number, TxnDate: day, CustomerRef: customer, Line: [line(s.total)] },
      })),
    );
    invoices.forEach((s, k) => (s.qbInvoiceId = String(created[k]!.Invoice.Id)));
    // Edited in QuickBooks before the money came in (a payment changes the invoice's SyncToken).
    await qb.all(
      of('AMOUNT_MISMATCH').map((s) => {
        const inv = created[s.i]!.Invoice;
        return {
          operation: 'update',
          Invoice: { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, Line: [line(s.total + 1000)] },
        };
      }),
    );
    const payments = await qb.all(
      invoices.map((s) => ({
        operation: 'create',
        Payment: {
          CustomerRef: customer,
          TotalAmt: dollars(s.total),
          TxnDate: day,
          PrivateNote: `Settle payment ${s.paymentId}`,
          DepositToAccountRef: { value: accountId('Stripe Clearing') },
          Line: [{ Amount: dollars(s.total), LinkedTxn: [{ TxnId: s.qbInvoiceId, TxnType: 'Invoice' }] }],
        },
      })),
    );
    invoices.forEach((s, k) => (s.qbPaymentId = String(payments[k]!.Payment.Id)));
    const purchases = await qb.all(
      invoices.map((s) => ({
        operation: 'create',
        Purchase: {
          PaymentType: 'Cash',
          AccountRef: { value: accountId('Stripe Clearing') },
          TxnDate: day,
          Line: [
            {
              DetailType: 'AccountBasedExpenseLineDetail',
              Amount: dollars(s.fee ?? 0),
              AccountBasedExpenseLineDetail: { AccountRef: { value: accountId('Stripe Fees') } },
            },
          ],
        },
      })),
    );
    invoices.forEach((s, k) => (s.qbPurchaseId = String(purchases[k]!.Purchase.Id)));
    for (const s of invoices) {
      if (divergence(s.i) === 'REFUND_MISSING_IN_SETTLE') s.refund!.inSettle = false;
      if (divergence(s.i) === 'REFUND_MISSING') s.refund!.inQuickBooks = false;
    }
    const receipted = invoices.filter((s) => s.refund?.inSettle && s.refund.inQuickBooks);
    const receipts = await qb.all(
      receipted.map(() => ({
        operation: 'create',
        RefundReceipt: {
          CustomerRef: customer,
          TxnDate: day,
          DepositToAccountRef: { value: accountId('Stripe Clearing') },
          Line: [line(1000)],
        },
      })),
    );
    receipted.forEach((s, k) => (s.refund!.qbId = String(receipts[k]!.RefundReceipt.Id)));

    // What people change by hand in QuickBooks.
    await qb.all(
      of('MISSING_PAYMENT_IN_QUICKBOOKS').map((s) => ({
        operation: 'delete',
        Payment: { Id: s.qbPaymentId, SyncToken: payments[s.i]!.Payment.SyncToken },
      })),
    );
    await qb.all(
      of('FEE_MISSING').map((s) => ({
        operation: 'delete',
        Purchase: { Id: s.qbPurchaseId, SyncToken: purchases[s.i]!.Purchase.SyncToken },
      })),
    );
    await seedSettle(c.db, org.id, client.id, day, invoices, realm);
    const seededMs = performance.now() - t0;

    const expected = new Map<string, string>();
    for (const s of invoices) {
      const kind = divergence(s.i);
      if (!kind) continue;
      const subject = {
        AMOUNT_MISMATCH: s.id,
        MISSING_PAYMENT_IN_QUICKBOOKS: s.paymentId,
        FEE_MISSING: s.pi,
        REFUND_MISSING_IN_SETTLE: s.refund?.stripeId,
        REFUND_MISSING: s.refund?.paymentId,
      }[kind];
      expected.set(`${kind}:${subject}`, kind);
    }

    const started = performance.now();
    const report = await reconciliationOf(c).run(org.id, { from: day, to: day }, 'MANUAL');
    const reportMs = performance.now() - started;
    const found = await reconciliationOf(c).discrepancies(org.id, report.id);
    const keys = new Set(found.map((d) => d.key));
    const hit = [...expected.keys()].filter((k) => keys.has(k)).length;
    const others: Record<string, number> = {};
    for (const d of found) if (!expected.has(d.key)) others[d.type] = (others[d.type] ?? 0) + 1;
    const perKind = Object.fromEntries(
      KINDS.map((k) => [
        k,
        `${[...expected].filter(([key, v]) => v === k && keys.has(key)).length}/${[...expected.values()].filter((v) => v === k).length}`,
      ]),
    );
    const per100 = (n: number) => fmt((100 * n) / INVOICES, 2);

    console.log(
      `seeded in ${fmt(seededMs / 1000, 1)} s (Stripe ${fmt((tStripe - t0) / 1000, 1)} s, ${stripeSeedCalls} calls; QuickBooks ${qb.requests} batch requests; Settle in bulk)`,
    );
    console.log(
      `Settle: ${report.invoiceCount} invoices, ${report.moneyCount} payments and refunds; ${fees.size} Stripe balance transactions`,
    );
    console.log(`report: ${fmt(reportMs)} ms (stored run ${report.durationMs} ms)`);
    console.log(
      `divergences found: ${hit} of ${expected.size} seeded (${JSON.stringify(perKind)}) → ${hit === expected.size ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `other findings: ${JSON.stringify(others)} (a deleted QuickBooks payment also leaves the invoice's balance open there)`,
    );
    console.log(
      `API calls: Stripe ${report.stripeCalls} (${per100(report.stripeCalls)} per 100 invoices), QuickBooks ${report.quickBooksCalls} (${per100(report.quickBooksCalls)} per 100 invoices); list/query pages only`,
    );
  } finally {
    await settle.stop();
    await new Promise((r) => setTimeout(r, 500)); // let the pool close before the database goes
    await db.cleanup();
    await stripeEmu.close();
    await qbEmu.close();
  }
}
