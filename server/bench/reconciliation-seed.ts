import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';

/** One invoice of the bench world and what each system should hold for it. */
export interface SeedInvoice {
  i: number;
  id: string;
  number: string;
  total: number;
  paymentId: string;
  pi: string;
  qbInvoiceId?: string;
  qbPaymentId?: string;
  qbPurchaseId?: string;
  fee?: number;
  refund?: { stripeId: string; paymentId: string; inSettle: boolean; inQuickBooks: boolean; qbId?: string };
  chargeId?: string;
}

/** Runs `fn` over `items`, `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * One POST on its own connection: a busy emulator can close an idle kept-alive socket just as the next
 * request is written to it (ECONNRESET), and a create is not safe to send twice.
 */
function postJson(url: string, token: string, payload: unknown): Promise<string> {
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A QuickBooks /batch client (30 operations a request, as QBO allows) on the emulator's bootstrap token. */
export function qbBatch(baseUrl: string, realmId: string, token: string) {
  let requests = 0;
  const post = async (items: Array<Record<string, unknown>>) => {
    requests++;
    const body = JSON.parse(
      await postJson(`${baseUrl}/v3/company/${realmId}/batch?minorversion=75`, token, { BatchItemRequest: items }),
    ) as { BatchItemResponse: Array<Record<string, any>> };
    for (const r of body.BatchItemResponse)
      if (r.Fault) throw new Error(`batch item ${r.bId}: ${JSON.stringify(r.Fault)}`);
    return body.BatchItemResponse;
  };
  /** Every item, 30 a request, 8 requests at once; the answers in order. */
  async function all(items: Array<Record<string, unknown>>): Promise<Array<Record<string, any>>> {
    const chunks: Array<{ at: number; items: Array<Record<string, unknown>> }> = [];
    for (let at = 0; at < items.length; at += 30) chunks.push({ at, items: items.slice(at, at + 30) });
    const out: Array<Record<string, any>> = new Array(items.length);
    await pool(chunks, 8, async (ch) => {
      const answers = await post(ch.items.map((it, k) => ({ ...it, bId: String(ch.at + k) })));
      for (const a of answers) out[Number(a.bId)] = a;
    });
    return out;
  }
  return {
    all,
    get requests() {
      return requests;
    },
  };
}

/** Stripe: one confirmed card PaymentIntent per invoice (its charge and balance transaction carry the fee). */
export async function seedStripe(stripe: Stripe, invoices: SeedInvoice[], refunded: (s: SeedInvoice) => boolean) {
  let calls = 0;
  await pool(invoices, 16, async (s) => {
    calls++;
    const pi = await stripe.paymentIntents.create({
      amount: s.total,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { settle_invoice_id: s.id },
    });
    s.pi = pi.id;
    s.chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? undefined);
  });
  await pool(invoices.filter(refunded), 16, async (s) => {
    calls++;
    const r = await stripe.refunds.create({ payment_intent: s.pi, amount: 1000 });
    s.refund = { stripeId: r.id, paymentId: randomUUID(), inSettle: true, inQuickBooks: true };
  });
  return calls;
}

/** Settle's side in bulk: invoices, payments, refunds and the QuickBooks links, a few statements a table. */
export async function seedSettle(
  db: DataSource,
  orgId: string,
  clientId: string,
  day: string,
  invoices: SeedInvoice[],
  realmId: string,
) {
  const rows = <T>(fn: (s: SeedInvoice) => T | null) => invoices.map(fn).filter((x): x is T => x !== null);
  for (let at = 0; at < invoices.length; at += 2000) {
    const part = invoices.slice(at, at + 2000);
    await db.query(
      `INSERT INTO invoices (id, org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, amount_paid, balance_due, finalized_at, sent_at, paid_at)
       SELECT u.id, $1, $2, u.number, 'USD', CASE WHEN u.paid = u.total THEN 'PAID' ELSE 'PARTIALLY_PAID' END, $3, $3, u.total, u.total, u.paid, u.total - u.paid, now(), now(), now()
         FROM unnest($4::uuid[], $5::text[], $6::bigint[], $7::bigint[]) AS u(id, number, total, paid)`,
      [
        orgId,
        clientId,
        day,
        part.map((s) => s.id),
        part.map((s) => s.number),
        part.map((s) => s.total),
        part.map((s) => s.total - (s.refund?.inSettle ? 1000 : 0)),
      ],
    );
  }
  const money = [
    ...rows((s) => ({ id: s.paymentId, invoice: s.id, amount: s.total, ext: s.pi })),
    ...rows((s) =>
      s.refund?.inSettle ? { id: s.refund.paymentId, invoice: s.id, amount: -1000, ext: s.refund.stripeId } : null,
    ),
  ];
  for (let at = 0; at < money.length; at += 2000) {
    const part = money.slice(at, at + 2000);
    await db.query(
      `INSERT INTO payments (id, org_id, invoice_id, client_id, kind, amount, currency, source, method, external_id, received_on, actor_type)
       SELECT u.id, $1, u.invoice, $2, CASE WHEN u.amount > 0 THEN 'PAYMENT' ELSE 'REFUND' END, u.amount, 'USD', 'STRIPE', 'CARD', u.ext, $3, 'SYSTEM'
         FROM unnest($4::uuid[], $5::uuid[], $6::bigint[], $7::text[]) AS u(id, invoice, amount, ext)`,
      [
        orgId,
        clientId,
        day,
        part.map((m) => m.id),
        part.map((m) => m.invoice),
        part.map((m) => m.amount),
        part.map((m) => m.ext),
      ],
    );
  }
  const links = [
    ...rows((s) => (s.qbInvoiceId ? ['INVOICE', s.id, 'Invoice', s.qbInvoiceId] : null)),
    ...rows((s) => (s.qbPaymentId ? ['PAYMENT', s.paymentId, 'Payment', s.qbPaymentId] : null)),
    ...rows((s) => (s.qbPurchaseId ? ['STRIPE_FEE', s.pi, 'Purchase', s.qbPurchaseId] : null)),
    ...rows((s) =>
      s.refund?.inQuickBooks && s.refund.qbId ? ['REFUND', s.refund.paymentId, 'RefundReceipt', s.refund.qbId] : null,
    ),
  ] as string[][];
  for (let at = 0; at < links.length; at += 5000) {
    const part = links.slice(at, at + 5000);
    await db.query(
      `INSERT INTO qbo_links (org_id, realm_id, settle_type, settle_id, qb_type, qb_id, origin)
       SELECT $1, $2, u.st, u.sid, u.qt, u.qid, 'SETTLE' FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS u(st, sid, qt, qid)`,
      [orgId, realmId, part.map((l) => l[0]), part.map((l) => l[1]), part.map((l) => l[2]), part.map((l) => l[3])],
    );
  }
}
