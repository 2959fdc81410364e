import type { EntityManager } from 'typeorm';
import type { AccountingProvider, QbEntity, QueryableEntity } from '../quickbooks/accounting-provider.js';
import { fromQbAmount } from '../quickbooks/qbo-amounts.js';
import type { ProviderLedger } from '../payments/provider-ledger.js';
import type { QbAmountFacts, QuickBooksSide, SettleSide, StripeSide } from './reconciliation-snapshot.js';

/** A period in ISO dates (inclusive). */
export interface Period {
  from: string;
  to: string;
}

/**
 * Days read after the period's last day. Money for the period's invoices (and the payout carrying the
 * period's last payments: Stripe pays a day's charges out 2 to 7 days later, more over a weekend) comes a
 * little after it, and QuickBooks dates what it records itself up to a day off Settle's UTC days. Every
 * side stops at the same day, so a long-past period costs what its own year costs, not everything since.
 * The nightly period ends yesterday, so its reads reach today as before.
 */
export const READ_MARGIN_DAYS = 7;

/** The last day (ISO) the three sides are read up to: the period's last day plus the margin, at most today. */
export function readsUntil(period: Period, now = new Date()): string {
  const until = new Date(Date.parse(period.to) + READ_MARGIN_DAYS * 86_400_000).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  return until < today ? until : today;
}

/**
 * Payouts are compared from the day before the period's first day on, the bound Stripe's read uses
 * (a payout arriving then may carry the period's first payments).
 */
export function payoutsFrom(period: Period): string {
  return new Date(Date.parse(period.from) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Settle's side of a period: its finalized invoices issued in it, all their payments and refunds, and
 * the QuickBooks and Stripe ids Settle linked them to (of the connected company `realmId`). A fixed
 * number of statements whatever the size.
 */
export async function loadSettleSide(
  tx: EntityManager,
  orgId: string,
  period: Period,
  realmId: string | null,
): Promise<SettleSide> {
  const invoices = (await tx.query(
    `SELECT i.id, i.number, i.currency, i.status, i.total::bigint AS total, i.amount_paid::bigint AS paid,
            i.balance_due::bigint AS balance
       FROM invoices i
      WHERE i.org_id = $1 AND i.issue_date BETWEEN $2 AND $3 AND i.status <> 'DRAFT'
      ORDER BY i.issue_date, i.number`,
    [orgId, period.from, period.to],
  )) as Array<Record<string, string>>;
  const invoiceIds = invoices.map((r) => r.id);
  const money = (await tx.query(
    `SELECT p.id, p.invoice_id, p.kind, p.source, p.currency, p.external_id,
            -- A payment counts at what stands of it: edited, deleted or voided in QuickBooks, or voided by
            -- staff in Settle (voidPayment, which voids it in QuickBooks too), an ADJUSTMENT naming it changed it.
            abs(p.amount + CASE WHEN p.kind = 'PAYMENT' THEN (
              SELECT coalesce(sum(a.amount), 0) FROM payments a
               WHERE a.org_id = p.org_id AND a.adjusts_payment_id = p.id AND a.created_at < $3::date + 1) ELSE 0 END
            )::bigint AS amount
       FROM payments p WHERE p.org_id = $1 AND p.invoice_id = ANY($2::uuid[])
        -- A correction is no money of its own: the payment it changed is compared at what stands of it, and a
        -- refund that failed at its provider after it was booked never happened, so neither it nor its
        -- undoing is compared (Stripe lists it as failed, QuickBooks had its receipt deleted).
        AND p.kind <> 'ADJUSTMENT'
        AND NOT (p.kind = 'REFUND' AND p.amount + (
              SELECT coalesce(sum(a.amount), 0) FROM payments a WHERE a.org_id = p.org_id AND a.adjusts_payment_id = p.id) = 0)
        -- Money recorded after the reads' last day is not in Stripe's and QuickBooks' reads either.
        AND p.created_at < $3::date + 1
      ORDER BY p.created_at`,
    [orgId, invoiceIds, readsUntil(period)],
  )) as Array<Record<string, string | null>>;
  // Links are read by key (the ledger's unique index), never joined: one lookup per record whatever the plan.
  const stripeLinks = new Map(
    (
      (await tx.query(
        `SELECT invoice_id, stripe_invoice_id FROM stripe_invoice_links
          WHERE org_id = $1 AND invoice_id = ANY($2::uuid[]) AND stripe_invoice_id IS NOT NULL`,
        [orgId, invoiceIds],
      )) as Array<{ invoice_id: string; stripe_invoice_id: string }>
    ).map((l) => [l.invoice_id, l.stripe_invoice_id]),
  );
  const qbLinks = async (type: string, ids: string[]) =>
    new Map(
      (
        (await tx.query(
          `SELECT settle_id, qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = $2 AND settle_id = ANY($3::text[]) AND realm_id = $4`,
          [orgId, type, ids, realmId],
        )) as Array<{ settle_id: string; qb_id: string }>
      ).map((l) => [l.settle_id, l.qb_id]),
    );
  const ofKind = (kind: string) => money.filter((m) => m.kind === kind).map((m) => m.id!);
  const [invoiceLinks, paymentLinks, refundLinks, feeLinks] = await Promise.all([
    qbLinks('INVOICE', invoiceIds),
    qbLinks('PAYMENT', ofKind('PAYMENT')),
    qbLinks('REFUND', ofKind('REFUND')),
    qbLinks(
      'STRIPE_FEE',
      money.filter((m) => m.source === 'STRIPE' && m.external_id).map((m) => m.external_id!),
    ),
  ]);
  const pending = (await tx.query(
    `SELECT DISTINCT entity_id FROM qbo_operations WHERE org_id = $1 AND status = 'PENDING'`,
    [orgId],
  )) as Array<{ entity_id: string }>;
  const [conn] = (await tx.query(
    `SELECT fee_expense_account_id IS NOT NULL AND fee_bank_account_id IS NOT NULL AS fees,
            -- As the mapping's payoutDepositsEnabled: the Deposit is pushed only then.
            payout_bank_account_id IS NOT NULL AND fee_expense_account_id IS NOT NULL
              AND (stripe_deposit_to = 'UNDEPOSITED_FUNDS' OR fee_bank_account_id IS NOT NULL) AS payouts
       FROM qbo_connections WHERE org_id = $1`,
    [orgId],
  )) as Array<{ fees: boolean; payouts: boolean }>;
  const payouts = (await tx.query(
    `SELECT id, stripe_payout_id, amount::bigint AS amount, currency, arrival_date::text AS arrival_date
       FROM stripe_payouts WHERE org_id = $1 AND status = 'paid' AND arrival_date BETWEEN $2::date AND $3::date
      ORDER BY arrival_date, stripe_payout_id`,
    [orgId, payoutsFrom(period), readsUntil(period)],
  )) as Array<Record<string, string>>;
  const depositLinks = await qbLinks(
    'PAYOUT',
    payouts.map((p) => p.id!),
  );
  return {
    invoices: invoices.map((r) => ({
      id: r.id!,
      number: r.number!,
      currency: r.currency!,
      status: r.status!,
      total: Number(r.total),
      paid: Number(r.paid),
      balance: Number(r.balance),
      stripeInvoiceId: stripeLinks.get(r.id) ?? null,
      qbInvoiceId: invoiceLinks.get(r.id) ?? null,
    })),
    money: money.map((r) => ({
      id: r.id!,
      invoiceId: r.invoice_id!,
      kind: r.kind as 'PAYMENT' | 'REFUND',
      source: r.source!,
      amount: Number(r.amount),
      currency: r.currency!,
      externalId: r.external_id,
      qbId: (r.kind === 'PAYMENT' ? paymentLinks : refundLinks).get(r.id!) ?? null,
    })),
    feeLinks,
    inFlight: new Set(pending.map((p) => p.entity_id)),
    feesBooked: Boolean(conn?.fees),
    payouts: payouts.map((p) => ({
      id: p.id!,
      stripePayoutId: p.stripe_payout_id!,
      amount: Number(p.amount),
      currency: p.currency!,
      arrivalDate: p.arrival_date!,
      qbDepositId: depositLinks.get(p.id!) ?? null,
    })),
    payoutsBooked: Boolean(conn?.payouts),
  };
}

/**
 * Stripe's side, as its payment provider read it (null: not connected). Payouts are listed by when they
 * were made; those arriving after `until` are left out, as Settle's side leaves them out.
 */
export function stripeSide(ledger: ProviderLedger | null, until: string): StripeSide | null {
  if (!ledger) return null;
  return {
    invoices: new Map(ledger.invoices.map((i) => [i.id, i])),
    charges: ledger.charges,
    refunds: ledger.refunds,
    payouts: ledger.payouts.filter((p) => p.arrivalDate <= until),
  };
}

/** QuickBooks' largest page (maxresults). */
export const QB_PAGE = 1000;

/** Every entity of a kind dated in the range, a query page (1,000) at a time. */
async function queryAll(
  qb: AccountingProvider,
  entity: QueryableEntity,
  range: { from: string; to?: string },
): Promise<QbEntity[]> {
  const out: QbEntity[] = [];
  for (let start = 1; ; start += QB_PAGE) {
    const page = await qb.queryPage(entity, range, start, QB_PAGE);
    out.push(...page);
    if (page.length < QB_PAGE) return out;
  }
}

export const isVoided = (e: QbEntity) => Number(e.TotalAmt) === 0 && String(e.PrivateNote ?? '').startsWith('Voided');

/**
 * QuickBooks' side: invoices dated in the period (Settle gives them its own issue date), payments,
 * refund receipts and purchases dated from the day before its start on (money for an invoice comes
 * after it, but QuickBooks dates what it records itself, such as a Pay Now payment, in the company's
 * time zone, up to a day behind Settle's UTC days), and deposits (payouts) from the day before it; all
 * up to the reads' last day (readsUntil), except purchases: a Stripe fee's expense is dated the day
 * Settle booked it (a fix books it again today), so they are read up to now.
 * `homeCurrency` is used where a document names none.
 */
export async function loadQuickBooksSide(
  qb: AccountingProvider,
  period: Period,
  homeCurrency: string,
): Promise<QuickBooksSide> {
  const [invoices, payments, refunds, purchases, deposits] = await Promise.all([
    queryAll(qb, 'Invoice', period),
    queryAll(qb, 'Payment', { from: payoutsFrom(period), to: readsUntil(period) }),
    queryAll(qb, 'RefundReceipt', { from: payoutsFrom(period), to: readsUntil(period) }),
    queryAll(qb, 'Purchase', { from: payoutsFrom(period) }),
    queryAll(qb, 'Deposit', { from: payoutsFrom(period), to: readsUntil(period) }),
  ]);
  const minor = (e: QbEntity, field: string) =>
    fromQbAmount(Number(e[field] ?? 0), String(e.CurrencyRef?.value ?? homeCurrency));
  const facts = (e: QbEntity): QbAmountFacts => ({
    id: String(e.Id),
    total: minor(e, 'TotalAmt'),
    voided: isVoided(e),
  });
  return {
    invoices: new Map(invoices.map((e) => [String(e.Id), { ...facts(e), balance: minor(e, 'Balance') }])),
    payments: new Map(
      payments.map((e) => [
        String(e.Id),
        {
          ...facts(e),
          invoiceIds: ((e.Line ?? []) as QbEntity[]).flatMap((l) =>
            ((l.LinkedTxn ?? []) as QbEntity[]).filter((t) => t.TxnType === 'Invoice').map((t) => String(t.TxnId)),
          ),
        },
      ]),
    ),
    refundReceipts: new Map(refunds.map((e) => [String(e.Id), facts(e)])),
    purchases: new Map(purchases.map((e) => [String(e.Id), facts(e)])),
    deposits: new Map(deposits.map((e) => [String(e.Id), facts(e)])),
  };
}
