import { invoicesAgainstQuickBooks, invoicesAgainstStripe, type ReconciliationCheck } from './reconciliation-checks.js';
import type { Finding } from './reconciliation-findings.js';
import { feesAgainstQuickBooks, moneyAgainstQuickBooks, moneyAgainstStripe } from './reconciliation-money-checks.js';
import { payoutsAgainstBooks } from './reconciliation-payout-checks.js';
import type { ReconciliationInput } from './reconciliation-snapshot.js';

/** Every check a run makes, in the order its findings are listed. */
export const RECONCILIATION_CHECKS: readonly ReconciliationCheck[] = [
  invoicesAgainstQuickBooks,
  invoicesAgainstStripe,
  moneyAgainstQuickBooks,
  moneyAgainstStripe,
  feesAgainstQuickBooks,
  payoutsAgainstBooks,
];

/** Runs every check; one finding per key (a check never reports the same subject twice). */
export function reconcile(input: ReconciliationInput, checks = RECONCILIATION_CHECKS): Finding[] {
  const seen = new Map<string, Finding>();
  for (const check of checks) for (const f of check(input)) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}
