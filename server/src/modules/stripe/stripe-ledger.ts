import type Stripe from 'stripe';
import type { LedgerRange, ProviderLedger } from '../payments/provider-ledger.js';
import type { ListPage, StripeApi } from './stripe-client.js';
import { arrivalDateOf } from './stripe-payout-effects.js';

type Lister<T> = (page: ListPage) => Promise<{ data: T[]; hasMore: boolean }>;

/** Every object a list returns for the range, 100 a page (Stripe's auto-pagination, with its calls counted). */
async function listAll<T extends { id: string }>(list: Lister<T>, range: ListPage, calls: { n: number }): Promise<T[]> {
  const out: T[] = [];
  for (let startingAfter: string | undefined; ;) {
    calls.n++;
    const page = await list({ ...range, startingAfter });
    out.push(...page.data);
    if (!page.hasMore || !page.data.length) return out;
    startingAfter = page.data[page.data.length - 1]!.id;
  }
}

const idOf = (x: string | { id: string } | null | undefined) => (x ? (typeof x === 'string' ? x : x.id) : null);

/**
 * What Stripe holds for an org over a period, read with five paged lists (invoices with their
 * payments, charges, refunds, balance transactions for the fees, payouts by arrival), never one call per object.
 */
export async function readStripeLedger(stripe: StripeApi, range: LedgerRange): Promise<ProviderLedger> {
  const page: ListPage = { gte: Math.floor(range.from.getTime() / 1000), lte: Math.ceil(range.to.getTime() / 1000) };
  const calls = { n: 0 };
  const [invoices, charges, refunds, txns, payouts] = await Promise.all([
    listAll<Stripe.Invoice>((p) => stripe.listInvoices(p), page, calls),
    listAll<Stripe.Charge>((p) => stripe.listCharges(p), page, calls),
    listAll<Stripe.Refund>((p) => stripe.listRefundsCreated(p), page, calls),
    listAll<Stripe.BalanceTransaction>((p) => stripe.listBalanceTransactions(p), page, calls),
    listAll<Stripe.Payout>((p) => stripe.listPayoutsArriving(p), page, calls),
  ]);
  const feeBySource = new Map<string, number>();
  for (const t of txns) {
    const source = idOf(t.source);
    if (source) feeBySource.set(source, t.fee);
  }
  return {
    apiCalls: calls.n,
    invoices: invoices.map((i) => ({
      id: i.id!,
      status: i.status ?? 'draft',
      total: i.total,
      amountPaid: i.amount_paid,
      amountRemaining: i.amount_remaining,
      currency: i.currency.toUpperCase(),
      paymentIntents: (i.payments?.data ?? [])
        .map((p) => idOf(p.payment?.payment_intent))
        .filter((x): x is string => Boolean(x)),
    })),
    charges: charges.map((c) => ({
      id: c.id,
      paymentIntent: idOf(c.payment_intent),
      amount: c.amount,
      currency: c.currency.toUpperCase(),
      status: c.status,
      fee: feeBySource.get(c.id) ?? null,
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      chargeId: idOf(r.charge),
      paymentIntent: idOf(r.payment_intent),
      amount: r.amount,
      currency: r.currency.toUpperCase(),
      status: r.status ?? 'pending',
    })),
    payouts: payouts.map((p) => ({
      id: p.id,
      amount: p.amount,
      currency: p.currency.toUpperCase(),
      status: p.status,
      arrivalDate: arrivalDateOf(p.arrival_date),
    })),
  };
}
