import { describe, expect, it } from 'vitest';
import { creditToApply, spentGrants, type LedgerRow } from './client-credit-math.js';

const row = (id: string, amount: number, from: Partial<LedgerRow> = {}): LedgerRow => ({
  id,
  amount,
  source: amount > 0 ? 'CREDIT_MEMO' : 'APPLIED',
  creditMemoId: id,
  paymentExceptionId: null,
  ...from,
});

describe('creditToApply', () => {
  it('defaults to the smaller of credit and balance, and refuses past either', () => {
    expect(creditToApply({ requested: null, available: 3000, balanceDue: 10000 })).toEqual({ amount: 3000 });
    expect(creditToApply({ requested: null, available: 30000, balanceDue: 10000 })).toEqual({ amount: 10000 });
    expect(creditToApply({ requested: 500, available: 3000, balanceDue: 10000 })).toEqual({ amount: 500 });
    expect(creditToApply({ requested: 10001, available: 30000, balanceDue: 10000 })).toEqual({ error: 'OVER_BALANCE' });
    expect(creditToApply({ requested: 3001, available: 3000, balanceDue: 10000 })).toEqual({ error: 'OVER_CREDIT' });
    expect(creditToApply({ requested: null, available: 0, balanceDue: 10000 })).toEqual({ error: 'NO_CREDIT' });
  });
});

describe('spentGrants', () => {
  it('spends grants first in first out, across applications', () => {
    const rows = [row('g1', 1500), row('g2', 2500), row('a1', -1000), row('g3', 500), row('a2', -3000)];
    expect(spentGrants(rows, 'a1').map((s) => [s.grant.id, s.amount])).toEqual([['g1', 1000]]);
    expect(spentGrants(rows, 'a2').map((s) => [s.grant.id, s.amount])).toEqual([
      ['g1', 500],
      ['g2', 2500],
    ]);
    expect(spentGrants(rows, 'missing')).toEqual([]);
  });

  it('a reversal gives back to the grants its application took', () => {
    const rows = [
      row('g1', 1000),
      row('g2', 1000),
      row('a1', -1000),
      row('r1', 1000, { reversesId: 'a1' }),
      row('a2', -1500),
    ];
    expect(spentGrants(rows, 'a2').map((s) => [s.grant.id, s.amount])).toEqual([
      ['g1', 1000],
      ['g2', 500],
    ]);
  });

  it("credit taken back takes from its own invoice's grants first: what is spent later is what still exists", () => {
    const rows = [
      row('memo-on-A', 3000, { invoiceId: 'A' }),
      row('overpaid-on-B', 4000, { invoiceId: 'B' }),
      row('taken-back-B', -4000, { source: 'TAKEN_BACK', invoiceId: 'B', creditMemoId: null }),
      row('a1', -3000),
    ];
    expect(spentGrants(rows, 'a1').map((s) => [s.grant.id, s.amount])).toEqual([['memo-on-A', 3000]]);
    // Past its own invoice's grants, first in first out as any spending.
    const more = [...rows.slice(0, 2), row('taken-back-B', -5000, { source: 'TAKEN_BACK', invoiceId: 'B' })];
    expect(spentGrants(more, 'taken-back-B').map((s) => [s.grant.id, s.amount])).toEqual([
      ['overpaid-on-B', 4000],
      ['memo-on-A', 1000],
    ]);
  });
});
