import { describe, expect, it } from 'vitest';
import { creditableOf, heldOf, owedBack, type PaidBackFacts } from './paid-back.js';
import { leftToRefund, type RefundRow } from './refundable.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 12, minute));
let ids = 0;
const row = (kind: 'PAYMENT' | 'REFUND' | 'ADJUSTMENT', amount: number, minute: number) => ({
  id: `p${++ids}`,
  kind,
  amount,
  createdAt: at(minute),
  adjustsPaymentId: null as string | null,
});
const paid = (amount: number, minute = 0) => row('PAYMENT', amount, minute);
const refund = (amount: number, minute: number) => row('REFUND', -amount, minute);
const memo = (amount: number, minute: number, f: { toClientCredit?: boolean; returnsPaid?: boolean } = {}) => ({
  amount,
  createdAt: at(minute),
  toClientCredit: f.toClientCredit ?? false,
  returnsPaid: f.returnsPaid ?? true,
});
const PAID = (amountPaid: number, amountKeptAsCredit = 0) => ({
  status: 'PAID' as const,
  amountPaid,
  amountKeptAsCredit,
  balanceDue: 0,
});

describe('money given back (paid-back)', () => {
  it('what went to the client’s credit is not held: memos to client credit and overpayments kept as credit', () => {
    // Paid 110.00 on 100.00: 10.00 kept as credit, then a memo of 20.00 to client credit.
    const facts: PaidBackFacts = {
      payments: [paid(11000, 0)],
      openExcess: 0,
      memos: [memo(2000, 1, { toClientCredit: true })],
    };
    expect(heldOf({ amountPaid: 11000, amountKeptAsCredit: 3000 }, facts)).toBe(8000);
    expect(creditableOf(PAID(11000, 3000), facts)).toEqual({ settled: true, creditable: 8000 });
  });

  it('the excess of an open payment exception is not held: its remedy gives it back', () => {
    const facts: PaidBackFacts = { payments: [paid(11000)], memos: [], openExcess: 1000 };
    expect(heldOf({ amountPaid: 11000, amountKeptAsCredit: 0 }, facts)).toBe(10000);
    expect(creditableOf(PAID(11000), facts).creditable).toBe(10000);
  });

  it('a memo saying money is owed back bounds later memos until a refund pays it', () => {
    const owed: PaidBackFacts = { payments: [paid(10000)], openExcess: 0, memos: [memo(3000, 1)] };
    expect(owedBack(owed)).toBe(3000);
    expect(heldOf({ amountPaid: 10000, amountKeptAsCredit: 0 }, owed)).toBe(10000); // the refund that pays it is not held back
    expect(creditableOf(PAID(10000), owed).creditable).toBe(7000);

    const repaid: PaidBackFacts = { payments: [paid(10000), refund(3000, 2)], openExcess: 0, memos: [memo(3000, 1)] };
    expect(owedBack(repaid)).toBe(0);
    expect(creditableOf(PAID(7000), repaid).creditable).toBe(7000);
  });

  it('a refund made before a memo paid something else, not the memo', () => {
    const facts: PaidBackFacts = { payments: [paid(10000), refund(3000, 1)], openExcess: 0, memos: [memo(3000, 2)] };
    expect(owedBack(facts)).toBe(3000);
    expect(creditableOf(PAID(7000), facts).creditable).toBe(4000);
    // A refund in the same moment as the memo pays it.
    const same: PaidBackFacts = { payments: [paid(10000), refund(3000, 1)], openExcess: 0, memos: [memo(3000, 1)] };
    expect(owedBack(same)).toBe(0);
  });

  it('a refund the provider failed later (undone by an adjustment) pays nothing', () => {
    const failed = refund(3000, 2);
    const undo = { ...row('ADJUSTMENT', 3000, 3), adjustsPaymentId: failed.id };
    const facts: PaidBackFacts = { payments: [paid(10000), failed, undo], openExcess: 0, memos: [memo(3000, 1)] };
    expect(owedBack(facts)).toBe(3000);
    expect(creditableOf(PAID(10000), facts).creditable).toBe(7000);
  });

  it('a refund past what is owed pays nothing forward; memos on an open invoice owe nothing', () => {
    const facts: PaidBackFacts = {
      payments: [paid(10000), refund(5000, 2)],
      openExcess: 0,
      memos: [memo(1000, 1), memo(2000, 3), memo(500, 0, { returnsPaid: false })],
    };
    expect(owedBack(facts)).toBe(2000);
  });

  it('an open invoice is credited up to its balance; a draft not at all', () => {
    const none: PaidBackFacts = { payments: [], openExcess: 0, memos: [] };
    expect(
      creditableOf({ status: 'PARTIALLY_PAID', amountPaid: 4000, amountKeptAsCredit: 0, balanceDue: 6000 }, none),
    ).toEqual({
      settled: false,
      creditable: 6000,
    });
    expect(
      creditableOf({ status: 'DRAFT', amountPaid: 0, amountKeptAsCredit: 0, balanceDue: 10000 }, none).creditable,
    ).toBe(0);
    expect(creditableOf({ status: 'VOID', amountPaid: 4000, amountKeptAsCredit: 0, balanceDue: 0 }, none)).toEqual({
      settled: true,
      creditable: 4000,
    });
  });
});

describe('what is left of a payment to refund (refundable)', () => {
  const pay = (id: string, amount: number, source = 'STRIPE') =>
    ({ id, kind: 'PAYMENT', amount, source, adjustsPaymentId: null, refundsPaymentId: null }) as RefundRow;
  const back = (id: string, amount: number, of: string | null, source = 'STRIPE') =>
    ({ id, kind: 'REFUND', amount: -amount, source, adjustsPaymentId: null, refundsPaymentId: of }) as RefundRow;
  const a = pay('a', 6000);
  const b = pay('b', 4000);

  it('a refund counts against the payment it names, not the invoice’s other payments', () => {
    const rows = [a, b, back('r1', 3000, 'a')];
    expect(leftToRefund(a, rows)).toBe(3000);
    expect(leftToRefund(b, rows)).toBe(4000);
  });

  it('a refund undone because it failed gives its payment back its room', () => {
    const rows = [
      a,
      b,
      back('r1', 3000, 'a'),
      { ...pay('u', 3000), kind: 'ADJUSTMENT', adjustsPaymentId: 'r1' } as RefundRow,
    ];
    expect(leftToRefund(a, rows)).toBe(6000);
  });

  it('a refund naming no payment is taken from the other payments first; other sources do not count', () => {
    const rows = [a, b, back('old', 5000, null), pay('check', 9000, 'MANUAL'), back('m', 9000, 'check', 'MANUAL')];
    expect(leftToRefund(a, rows)).toBe(5000); // 4000 of it from b first, the other 1000 from a
    expect(leftToRefund(b, rows)).toBe(4000); // a's 6000 covers it
  });

  it('a refund naming a payment counts against it whoever recorded it (a card payment handed back by hand)', () => {
    const rows = [a, b, back('by-hand', 6000, 'a', 'MANUAL')];
    expect(leftToRefund(a, rows)).toBe(0);
    expect(leftToRefund(b, rows)).toBe(4000);
  });
});
