import { describe, expect, it } from 'vitest';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { contractBillingDates, contractLinesDue, type ContractFacts, type LineFacts } from './contract-charges.js';
import { endCreditDue, endCreditsWithinTotal, unusedTime } from './contract-end-credit.js';
import { cycleSpec as spec } from './contract-test-kit.js';

/** January charged in advance: 5 seats at 40.00. */
const january = { start: '2026-01-01', end: '2026-01-31', quantity: 5, amount: 20000 };

const line = (over: Partial<LineFacts> = {}): LineFacts => ({
  id: 'line-1',
  serviceId: 'svc',
  label: 'Managed seat',
  quantity: 5,
  endDate: null,
  unitPrice: 4000,
  changes: [],
  charged: new Map([[january.start, january.quantity]]),
  chargedPeriods: [january],
  endCredits: new Map(),
  ...over,
});
const contract = (endDate: string | null, l: LineFacts = line()): ContractFacts => ({
  ...spec({ endDate }),
  id: 'contract-1',
  name: 'Managed services',
  billingTiming: 'ADVANCE',
  lines: [l],
});

describe('unused time after a contract ends inside a charged period', () => {
  it('is prorated by day at the charged quantity, rounded half up', () => {
    // Ends on the 10th: 21 of 31 days unused; 5 × 40.00 × 21/31 = 135.4838… → 135.48.
    expect(unusedTime(spec({ endDate: '2026-01-10' }), january, [], 4000)).toEqual({
      from: '2026-01-11',
      to: '2026-01-31',
      days: 21,
      fullDays: 31,
      amount: 13548,
    });
    // Half a minor unit rounds up: 15 of April's 30 days of 0.01 is 0.005 → 0.01; 0.0048 → 0.
    const april = { start: '2026-04-01', end: '2026-04-30', quantity: 1, amount: 1 };
    expect(unusedTime(spec({ endDate: '2026-04-15' }), april, [], 1)?.amount).toBe(1);
    expect(unusedTime(spec({ endDate: '2026-01-30' }), { ...january, quantity: 1, amount: 15 }, [], 15)?.amount).toBe(
      0,
    );
  });

  it('is nothing when the contract runs to the period end, and the whole period when it ended before it', () => {
    expect(unusedTime(spec({ endDate: '2026-01-31' }), january, [], 4000)).toBeNull();
    expect(unusedTime(spec(), january, [], 4000)).toBeNull();
    expect(unusedTime(spec({ endDate: '2025-12-20', startDate: '2025-12-01' }), january, [], 4000)).toMatchObject({
      from: '2026-01-01',
      days: 31,
      amount: 20000,
    });
  });

  it('follows billed quantity changes inside the period, and never credits more than was charged', () => {
    // 5 seats charged; from the 21st 8 seats (billed as a proration). Ends on the 10th: 10 days at 5, 11 at 8.
    const changes = [{ effectiveDate: '2026-01-21', oldQuantity: 5, newQuantity: 8 }];
    const u = unusedTime(spec({ endDate: '2026-01-10' }), january, changes, 4000)!;
    expect(u.amount).toBe(6452 + 11355); // 5 × 40.00 × 10/31 = 64.516…, 8 × 40.00 × 11/31 = 113.548…
    // A change before the unused days sets their quantity: 2 × 40.00 × 21/31 = 54.193…
    const early = [{ effectiveDate: '2026-01-05', oldQuantity: 5, newQuantity: 2 }];
    expect(unusedTime(spec({ endDate: '2026-01-10' }), january, early, 4000)!.amount).toBe(5419);
    // Not billed yet (it is not in the list): the days were charged at 5.
    expect(unusedTime(spec({ endDate: '2026-01-10' }), january, [], 4000)!.amount).toBe(13548);
    // The price rose since: the credit is capped at what the period was charged.
    expect(unusedTime(spec({ endDate: '2025-12-31', startDate: '2025-12-01' }), january, [], 9000)!.amount).toBe(20000);
  });

  it('takes off what earlier invoices carried: a moved end adds the difference, a removed end charges it again', () => {
    const at10 = unusedTime(spec({ endDate: '2026-01-10' }), january, [], 4000);
    const at20 = unusedTime(spec({ endDate: '2026-01-20' }), january, [], 4000);
    expect(endCreditDue(at10, undefined)).toBe(13548);
    expect(endCreditDue(at10, { amount: 13548, count: 1 })).toBe(0);
    expect(endCreditDue(at20, { amount: 13548, count: 1 })).toBe(at20!.amount - 13548);
    expect(endCreditDue(null, { amount: 13548, count: 1 })).toBe(-13548);
  });
});

describe('the end credit on the next invoice', () => {
  it('is due from the day after the end, once, and that day is a billing date', () => {
    const c = contract('2026-01-10');
    expect(contractLinesDue(c, '2026-01-10', '2026-01-01', 0)).toEqual([]);
    const [credit] = contractLinesDue(c, '2026-01-11', '2026-01-01', 0);
    expect(credit).toMatchObject({
      kind: InvoiceLineKind.DISCOUNT,
      description: 'Unused time on Managed seat · 2026-01-11 – 2026-01-31 (21 of 31 days), contract ends 2026-01-10',
      unitPrice: 13548,
      quantity: '1',
      endCredit: {
        contractId: 'contract-1',
        contractLineId: 'line-1',
        periodStart: '2026-01-01',
        seq: 1,
        amount: 13548,
      },
    });
    expect(contractBillingDates(c, '2026-01-02', '2026-03-01')).toEqual(['2026-01-11']);
    // Once an invoice carried it, nothing more is due.
    const done = contract('2026-01-10', line({ endCredits: new Map([['2026-01-01', { amount: 13548, count: 1 }]]) }));
    expect(contractLinesDue(done, '2026-02-01', '2026-01-01', 0)).toEqual([]);
  });

  it('an end moved later after the credit was invoiced charges the difference, as row 2', () => {
    const moved = contract('2026-01-20', line({ endCredits: new Map([['2026-01-01', { amount: 13548, count: 1 }]]) }));
    const [charge] = contractLinesDue(moved, '2026-01-21', '2026-01-01', 0);
    expect(charge).toMatchObject({ kind: InvoiceLineKind.ITEM, endCredit: { seq: 2 } });
    expect(charge!.unitPrice).toBe(13548 - unusedTime(spec({ endDate: '2026-01-20' }), january, [], 4000)!.amount);
  });

  it('never takes the invoice below zero: the credit shrinks to the total and the rest is returned', () => {
    const [credit] = contractLinesDue(contract('2026-01-10'), '2026-01-11', '2026-01-01', 1000);
    const time = {
      kind: InvoiceLineKind.ITEM,
      description: 'Support',
      serviceId: 'svc',
      quantity: '1',
      unitPrice: 5000,
      discount: 0,
      taxRateBps: 1000,
    };
    // 50.00 + 10% tax = 55.00 against a credit of 135.48 + 10% = 149.03: the invoice totals 0, 94.03 is kept.
    const { lines, remainder } = endCreditsWithinTotal([credit!, time]);
    expect(lines[0]!.unitPrice).toBe(5000);
    expect(lines[0]!.description).toContain('85.48 of it kept as credit on the account');
    expect(lines[1]).toBe(time);
    expect(remainder).toBe(14903 - 5500);
    // Alone, the whole credit is kept: a line of 0 says so.
    const alone = endCreditsWithinTotal([credit!]);
    expect(alone.lines[0]!.unitPrice).toBe(0);
    expect(alone.remainder).toBe(14903);
    // A total already at or above zero is left as it is.
    expect(endCreditsWithinTotal([credit!, { ...time, unitPrice: 20000 }])).toMatchObject({ remainder: 0 });
  });
});

describe('a price changed after the period was charged', () => {
  const april = { start: '2026-04-01', end: '2026-04-30', quantity: 5, amount: 20000 }; // 5 × 40.00
  const aprilLine = (over: Partial<LineFacts> = {}) =>
    line({
      unitPrice: 8000, // the catalog price doubled since April was charged
      charged: new Map([[april.start, april.quantity]]),
      chargedPeriods: [april],
      ...over,
    });

  it('credits unused days at the price they were paid, up or down', () => {
    // Ends on the 15th: 15 of 30 days unused, paid at 40.00 a seat: 100.00 whatever the price is now.
    expect(unusedTime(spec({ endDate: '2026-04-15' }), april, [], 8000)?.amount).toBe(10000);
    expect(unusedTime(spec({ endDate: '2026-04-15' }), april, [], 2000)?.amount).toBe(10000);
    // Unchanged, it is the price itself (partial periods included).
    expect(unusedTime(spec({ endDate: '2026-04-15' }), april, [], 4000)?.amount).toBe(10000);
  });

  it('credits the old seats of a quantity change at the price they were paid; the new seats cost today’s', () => {
    const change = { id: 'q1', effectiveDate: '2026-04-16', oldQuantity: 5, newQuantity: 8, billed: false };
    const lines = contractLinesDue(
      contract(null, aprilLine({ quantity: 8, changes: [change] })),
      '2026-05-01',
      '2026-01-01',
      0,
    );
    expect(lines.filter((l) => l.quantityChangeId).map((l) => [l.kind, l.unitPrice])).toEqual([
      [InvoiceLineKind.DISCOUNT, 10000], // 5 × 40.00 × 15/30
      [InvoiceLineKind.ITEM, 32000], // 8 × 80.00 × 15/30
    ]);
  });
});
