import {
  finding,
  goneFromQuickBooks,
  money,
  settleMoneyByExternalId,
  type ReconciliationCheck,
} from './reconciliation-checks.js';
import type { Finding } from './reconciliation-findings.js';
import type {
  ReconciliationInput,
  SettleInvoiceFacts,
  SettleMoneyFacts,
  StripeChargeFacts,
  StripeSide,
} from './reconciliation-snapshot.js';

/** Stripe's charges by id and by PaymentIntent (succeeded ones), built once per run. */
export interface StripeIndex {
  byId: Map<string, StripeChargeFacts>;
  byIntent: Map<string, StripeChargeFacts>;
  side: StripeSide;
}

const indexes = new WeakMap<StripeChargeFacts[], StripeIndex>();
export function indexStripe(side: StripeSide): StripeIndex {
  let ix = indexes.get(side.charges);
  if (ix?.side === side) return ix;
  ix = { byId: new Map(), byIntent: new Map(), side };
  for (const c of side.charges) {
    ix.byId.set(c.id, c);
    if (c.paymentIntent && c.status === 'succeeded') ix.byIntent.set(c.paymentIntent, c);
  }
  indexes.set(side.charges, ix);
  return ix;
}

/** The Stripe charge a Settle payment was recorded from (its id, its PaymentIntent, or its hosted invoice). */
export function chargeOf(ix: StripeIndex, externalId: string): StripeChargeFacts | null {
  if (externalId.startsWith('ch_') || externalId.startsWith('py_')) return ix.byId.get(externalId) ?? null;
  if (externalId.startsWith('pi_')) return ix.byIntent.get(externalId) ?? null;
  if (externalId.startsWith('in_')) {
    for (const pi of ix.side.invoices.get(externalId)?.paymentIntents ?? []) {
      const c = ix.byIntent.get(pi);
      if (c) return c;
    }
  }
  return null;
}

function invoicesById(input: ReconciliationInput): Map<string, SettleInvoiceFacts> {
  return new Map(input.settle.invoices.map((i) => [i.id, i]));
}

const label = (m: SettleMoneyFacts) =>
  `${m.kind === 'PAYMENT' ? 'Payment' : 'Refund'} ${m.externalId ?? m.id.slice(0, 8)} of ${money(m.amount, m.currency)}`;

/** Payments and refunds: each one Settle recorded is in QuickBooks (once Settle's invoice is) with its amount. */
export const moneyAgainstQuickBooks: ReconciliationCheck = (input) => {
  const { settle, quickbooks } = input;
  if (!quickbooks) return [];
  const invoices = invoicesById(input);
  const out: Finding[] = [];
  for (const m of settle.money) {
    const inv = invoices.get(m.invoiceId);
    // Money on an invoice QuickBooks does not have is reported with the invoice; queued pushes are in flight.
    if (!inv?.qbInvoiceId || !quickbooks.invoices.has(inv.qbInvoiceId) || settle.inFlight.has(m.id)) continue;
    const isPayment = m.kind === 'PAYMENT';
    const docs = isPayment ? quickbooks.payments : quickbooks.refundReceipts;
    const qb = m.qbId ? docs.get(m.qbId) : undefined;
    const base = { invoice: inv, subject: label(m), subjectId: m.id, currency: m.currency };
    if (!qb || qb.voided) {
      // Voided or deleted on both sides (a bounced check, a payment recorded by mistake): the books agree.
      if (isPayment && m.amount === 0) continue;
      const gone = goneFromQuickBooks(m.qbId, qb);
      out.push(
        finding(isPayment ? 'MISSING_PAYMENT_IN_QUICKBOOKS' : 'REFUND_MISSING', {
          ...base,
          amounts: { settle: m.amount, quickBooks: qb ? 0 : null },
          detail: `${label(m)} on invoice ${inv.number} ${gone}.`,
        }),
      );
    } else if (qb.total !== m.amount) {
      out.push(
        finding(isPayment ? 'PAYMENT_AMOUNT_MISMATCH' : 'REFUND_AMOUNT_MISMATCH', {
          ...base,
          amounts: { settle: m.amount, quickBooks: qb.total },
          detail: `${label(m)} on invoice ${inv.number} is ${money(qb.total, m.currency)} in QuickBooks.`,
        }),
      );
    }
  }
  // QuickBooks payments applied to Settle's invoices that Settle never heard of.
  const known = new Set(settle.money.map((m) => m.qbId).filter(Boolean));
  const external = settleMoneyByExternalId(settle.money);
  const byQbInvoice = new Map(settle.invoices.filter((i) => i.qbInvoiceId).map((i) => [i.qbInvoiceId!, i]));
  for (const p of quickbooks.payments.values()) {
    if (p.voided || known.has(p.id) || external.has(p.id)) continue;
    const inv = p.invoiceIds.map((id) => byQbInvoice.get(id)).find(Boolean);
    if (!inv) continue;
    out.push(
      finding('PAYMENT_MISSING_IN_SETTLE', {
        invoice: inv,
        subject: `QuickBooks payment ${p.id} of ${money(p.total, inv.currency)}`,
        subjectId: `qb-payment-${p.id}`,
        currency: inv.currency,
        amounts: { quickBooks: p.total },
        detail: `QuickBooks has a payment of ${money(p.total, inv.currency)} on invoice ${inv.number} that Settle does not.`,
      }),
    );
  }
  return out;
};

/** Stripe payments and refunds: what Settle recorded from Stripe is in Stripe, and Stripe's refunds are in Settle. */
export const moneyAgainstStripe: ReconciliationCheck = (input) => {
  const { settle, stripe } = input;
  if (!stripe) return [];
  const ix = indexStripe(stripe);
  const invoices = invoicesById(input);
  const out: Finding[] = [];
  const refundIds = new Set<string>();
  const chargeToPayment = new Map<string, SettleMoneyFacts>();
  const stripeRefunds = new Map(stripe.refunds.map((r) => [r.id, r]));
  for (const m of settle.money) {
    if (m.source !== 'STRIPE' || !m.externalId) continue;
    const inv = invoices.get(m.invoiceId) ?? null;
    const base = { invoice: inv, subject: label(m), subjectId: m.id, currency: m.currency };
    if (m.kind === 'REFUND') {
      refundIds.add(m.externalId);
      const r = stripeRefunds.get(m.externalId);
      if (r && r.amount !== m.amount)
        out.push(
          finding('REFUND_AMOUNT_MISMATCH/STRIPE', {
            ...base,
            amounts: { settle: m.amount, stripe: r.amount },
            detail: `${label(m)} is ${money(r.amount, m.currency)} in Stripe.`,
          }),
        );
      continue;
    }
    const charge = chargeOf(ix, m.externalId);
    if (charge) chargeToPayment.set(charge.id, m);
    if (!charge)
      out.push(
        finding('MISSING_PAYMENT_IN_STRIPE', {
          ...base,
          amounts: { settle: m.amount },
          detail: `${label(m)} on invoice ${inv?.number ?? '?'} has no successful charge in Stripe.`,
        }),
      );
    else if (charge.amount !== m.amount)
      out.push(
        finding('PAYMENT_AMOUNT_MISMATCH/STRIPE', {
          ...base,
          amounts: { settle: m.amount, stripe: charge.amount },
          detail: `${label(m)} was a charge of ${money(charge.amount, m.currency)} in Stripe.`,
        }),
      );
  }
  for (const r of stripe.refunds) {
    if (r.status !== 'succeeded' || refundIds.has(r.id)) continue;
    const charge = r.chargeId
      ? ix.byId.get(r.chargeId)
      : r.paymentIntent
        ? ix.byIntent.get(r.paymentIntent)
        : undefined;
    const paid = charge ? chargeToPayment.get(charge.id) : undefined;
    if (!paid) continue; // not money Settle booked
    const inv = invoices.get(paid.invoiceId) ?? null;
    out.push(
      finding('REFUND_MISSING_IN_SETTLE', {
        invoice: inv,
        subject: `Stripe refund ${r.id} of ${money(r.amount, paid.currency)}`,
        subjectId: r.id,
        currency: paid.currency,
        amounts: { stripe: r.amount },
        detail: `Someone refunded ${money(r.amount, paid.currency)} of ${label(paid)} in Stripe; Settle does not have the refund.`,
      }),
    );
  }
  return out;
};

/** Stripe's processing fees: each one on a Settle payment is booked in QuickBooks with Stripe's amount. */
export const feesAgainstQuickBooks: ReconciliationCheck = (input) => {
  const { settle, stripe, quickbooks } = input;
  if (!stripe || !quickbooks || !settle.feesBooked) return [];
  const ix = indexStripe(stripe);
  const invoices = invoicesById(input);
  const out: Finding[] = [];
  for (const m of settle.money) {
    if (m.kind !== 'PAYMENT' || m.source !== 'STRIPE' || !m.externalId || !m.qbId) continue;
    const charge = chargeOf(ix, m.externalId);
    if (!charge?.fee || settle.inFlight.has(m.externalId)) continue;
    const inv = invoices.get(m.invoiceId) ?? null;
    const qbId = settle.feeLinks.get(m.externalId);
    const qb = qbId ? quickbooks.purchases.get(qbId) : undefined;
    const base = {
      invoice: inv,
      subject: `Stripe fee on ${charge.id}`,
      subjectId: m.externalId,
      currency: m.currency,
      fixData: { paymentId: m.id },
    };
    if (!qb || qb.voided)
      out.push(
        finding('FEE_MISSING', {
          ...base,
          amounts: { stripe: charge.fee, quickBooks: null },
          detail: `Stripe kept ${money(charge.fee, m.currency)} on ${label(m)}; QuickBooks has no expense for it.`,
        }),
      );
    else if (qb.total !== charge.fee)
      out.push(
        finding('FEE_AMOUNT_MISMATCH', {
          ...base,
          amounts: { stripe: charge.fee, quickBooks: qb.total },
          detail: `Stripe kept ${money(charge.fee, m.currency)} on ${label(m)}; QuickBooks books ${money(qb.total, m.currency)}.`,
        }),
      );
  }
  return out;
};
