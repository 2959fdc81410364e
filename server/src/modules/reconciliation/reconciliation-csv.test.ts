import { describe, expect, it } from 'vitest';
import { reconciliationCsv } from './reconciliation-csv.js';
import type { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';

// The report's CSV is encoded as the admin Payments download is (@settle/money/csv): a subject or detail
// holding a semicolon was written unquoted, so Excel splitting on semicolons made `x;=1+1` two cells, the
// second a formula.
describe('the reconciliation CSV', () => {
  it('quotes text holding a semicolon and keeps a formula after it as text', () => {
    const run = { periodFrom: '2026-11-01', periodTo: '2026-11-30' } as ReconciliationRun;
    const d = {
      label: 'Amount differs',
      invoiceNumber: 'INV-1',
      subject: 'x;=1+1',
      systems: ['SETTLE', 'STRIPE'],
      currency: 'USD',
      settleAmount: 1000,
      stripeAmount: null,
      quickBooksAmount: null,
      detail: 'note\twith a tab',
      suggestedFix: 'Push it again',
      fix: null,
      status: 'OPEN',
    } as unknown as ReconciliationDiscrepancy;
    const [header, row, end] = reconciliationCsv(run, [d]).split('\r\n');
    expect(header!.split(',')).toHaveLength(12);
    expect(row).toContain(`,"'x;=1+1",`);
    expect(row).toContain(`,"note\twith a tab",`);
    expect(row!.startsWith('Amount differs,INV-1,')).toBe(true);
    expect(end).toBe('');
  });
});
