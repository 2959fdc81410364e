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
