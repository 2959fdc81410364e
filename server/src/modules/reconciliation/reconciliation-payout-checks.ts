import { finding, goneFromQuickBooks, money, type ReconciliationCheck } from './reconciliation-checks.js';
import type { Finding } from './reconciliation-findings.js';

const label = (p: { stripePayoutId: string; amount: number; currency: string; arrivalDate: string }) =>
  `Stripe payout ${p.stripePayoutId} of ${money(p.amount, p.currency)} (arriving ${p.arrivalDate})`;

/**
 * Payouts: every payout Stripe paid to the bank is recorded in Settle, and every one Settle recorded is a
 * QuickBooks Deposit of its net (what the bank statement shows as one line). Only when the org maps payouts
 * (payout deposits mapped: the payout bank and where Stripe money waits); a Deposit still queued is in
 * flight, not missing.
 */
export const payoutsAgainstBooks: ReconciliationCheck = ({ settle, stripe, quickbooks }) => {
  if (!settle.payoutsBooked) return [];
  const out: Finding[] = [];
  if (stripe) {
    const recorded = new Set(settle.payouts.map((p) => p.stripePayoutId));
    for (const p of stripe.payouts) {
      if (p.status !== 'paid' || recorded.has(p.id)) continue;
      const words = label({ ...p, stripePayoutId: p.id });
      out.push(
        finding('PAYOUT_MISSING_IN_SETTLE', {
          invoice: null,
          subject: words,
          subjectId: p.id,
          currency: p.currency,
          amounts: { stripe: p.amount },
          detail: `Stripe paid ${money(p.amount, p.currency)} to the bank on ${p.arrivalDate}; Settle never recorded the payout, so QuickBooks has no deposit for it.`,
        }),
      );
    }
  }
  if (!quickbooks) return out;
  for (const p of settle.payouts) {
    if (settle.inFlight.has(p.id)) continue;
    const deposit = p.qbDepositId ? quickbooks.deposits.get(p.qbDepositId) : undefined;
    const base = { invoice: null, subject: label(p), subjectId: p.id, currency: p.currency };
    if (!deposit || deposit.voided) {
      const gone = goneFromQuickBooks(p.qbDepositId, deposit);
      out.push(
        finding('PAYOUT_MISSING_IN_QUICKBOOKS', {
          ...base,
          amounts: { settle: p.amount, quickBooks: deposit ? 0 : null },
          detail: `The deposit of ${label(p)} ${gone}; the bank statement shows money the books do not.`,
        }),
      );
    } else if (deposit.total !== p.amount)
      out.push(
        finding('PAYOUT_AMOUNT_MISMATCH', {
          ...base,
          amounts: { settle: p.amount, quickBooks: deposit.total },
          detail: `Stripe paid ${money(p.amount, p.currency)} to the bank in ${p.stripePayoutId}; the QuickBooks deposit says ${money(deposit.total, p.currency)}.`,
        }),
      );
  }
  return out;
};
