/**
 * How much credit an application spends: what was asked, or as much as both the credit and the balance
 * due allow. Pure, so the rule is stated once and tested without a database.
 */
export function creditToApply(f: {
  requested: number | null;
  available: number;
  balanceDue: number;
}): { amount: number } | { error: 'NO_CREDIT' | 'OVER_CREDIT' | 'OVER_BALANCE' } {
  if (f.available <= 0) return { error: 'NO_CREDIT' };
  if (f.requested == null) return { amount: Math.min(f.available, f.balanceDue) };
  if (f.requested > f.balanceDue) return { error: 'OVER_BALANCE' };
  if (f.requested > f.available) return { error: 'OVER_CREDIT' };
  return { amount: f.requested };
}

export interface LedgerRow {
  id: string;
  amount: number;
  source: string;
  creditMemoId: string | null;
  paymentExceptionId: string | null;
  reversesId?: string | null;
  /** The invoice the row belongs to (a grant: the invoice its credit came from; a take-back: that invoice). */
  invoiceId?: string | null;
}

/**
 * Which grants an application spends, first in first out over one client's ledger in one currency
 * (rows oldest first); a reversal gives back to the grants its application took. Credit taken back
 * (TAKEN_BACK: the money it came from is gone) takes from the grants of its own invoice first, so what is
 * left to spend is what still exists, not an older grant. The books need it (a QuickBooks Payment links
 * the exact credit memos it uses); Settle itself only needs the sum. Deterministic: the same ledger
 * always allocates the same way.
 */
export function spentGrants(
  rows: readonly LedgerRow[],
  applicationId: string,
): Array<{ grant: LedgerRow; amount: number }> {
  const open = rows.filter((r) => r.amount > 0 && !r.reversesId).map((grant) => ({ grant, left: grant.amount }));
  const took = new Map<string, Array<{ from: (typeof open)[number]; amount: number }>>();
  for (const r of rows) {
    if (r.reversesId) {
      for (const t of took.get(r.reversesId) ?? []) t.from.left += t.amount;
      continue;
    }
    if (r.amount >= 0) continue;
    let need = -r.amount;
    const mine: Array<{ from: (typeof open)[number]; amount: number }> = [];
    const own = (g: (typeof open)[number]) =>
      r.source === 'TAKEN_BACK' && !!r.invoiceId && g.grant.invoiceId === r.invoiceId;
    for (const g of [...open.filter(own), ...open.filter((g) => !own(g))]) {
      if (!need) break;
      const amount = Math.min(g.left, need);
      if (!amount) continue;
      g.left -= amount;
      need -= amount;
      mine.push({ from: g, amount });
    }
    took.set(r.id, mine);
    if (r.id === applicationId) return mine.map((t) => ({ grant: t.from.grant, amount: t.amount }));
  }
  return [];
}
