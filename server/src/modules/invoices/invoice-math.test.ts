import { describe, expect, it } from 'vitest';
import { InvoiceLineKind } from './invoice-line.entity.js';
import { hoursFromMinutes, invoiceTotals, lineAmounts, lineProblem, parseQuantity } from './invoice-math.js';
import {
  balanceDue,
  deriveInvoiceStatus,
  displayStatus,
  InvoiceDisplayStatus,
  InvoiceStatus,
  reportedBalanceDue,
  unfundedKeptCredit,
} from './invoice-status.js';
import { renderMemo, unknownMemoVariables } from './memo-template.js';

const line = (
  quantity: string,
  unitPrice: number,
  extra: Partial<{ discount: number; taxRateBps: number; kind: InvoiceLineKind }> = {},
) => ({
  kind: InvoiceLineKind.MANUAL,
  quantity,
  unitPrice,
  discount: 0,
  taxRateBps: 0,
  ...extra,
});

describe('invoice math', () => {
  it('parses and formats exact decimal hours', () => {
    expect(parseQuantity('1.25')).toBe(12500n);
    expect(hoursFromMinutes(90)).toBe('1.5');
    expect(hoursFromMinutes(20)).toBe('0.3333');
    expect(hoursFromMinutes(60)).toBe('1');
  });

  it('rounds a line half away from zero to the minor unit', () => {
    expect(lineAmounts(line('0.3333', 15000)).amount).toBe(5000); // 4999.5 → 5000
    expect(lineAmounts(line('1.5', 12345, { discount: 345 })).amount).toBe(18173); // 18517.5 → 18518 − 345
  });

  it('computes tax per line and totals in the currency exponent (JPY 0, KWD 3)', () => {
    const jpy = lineAmounts(line('2', 18000, { taxRateBps: 1000 }));
    expect(jpy).toEqual({ amount: 36000, taxAmount: 3600 });
    const kwd = lineAmounts(line('1.25', 38500, { taxRateBps: 500 })); // 48.125 KWD, 5%
    expect(kwd).toEqual({ amount: 48125, taxAmount: 2406 });
    expect(invoiceTotals([jpy, { amount: -1000, taxAmount: -100 }])).toEqual({
      subtotal: 35000,
      taxTotal: 3500,
      total: 38500,
    });
  });

  it('makes DISCOUNT lines negative and refuses impossible lines', () => {
    expect(lineAmounts(line('1', 2500, { kind: InvoiceLineKind.DISCOUNT })).amount).toBe(-2500);
    expect(lineProblem(line('1', 100, { discount: 101 }))?.field).toBe('discount');
    expect(lineProblem(line('0', 100))?.field).toBe('quantity');
    expect(lineProblem(line('1', 100, { taxRateBps: 10001 }))?.field).toBe('taxRateBps');
    expect(lineProblem(line('2', 100))).toBeNull();
  });
});

describe('invoice status', () => {
  const base = {
    finalizedAt: new Date(),
    voidedAt: null,
    uncollectibleAt: null,
    total: 10000,
    amountPaid: 0,
    amountKeptAsCredit: 0,
    amountCredited: 0,
  };
  it('derives every status from amounts and lifecycle dates', () => {
    expect(deriveInvoiceStatus({ ...base, finalizedAt: null })).toBe(InvoiceStatus.DRAFT);
    expect(deriveInvoiceStatus(base)).toBe(InvoiceStatus.SENT);
    expect(deriveInvoiceStatus({ ...base, amountPaid: 4000 })).toBe(InvoiceStatus.PARTIALLY_PAID);
    expect(deriveInvoiceStatus({ ...base, amountPaid: 10000 })).toBe(InvoiceStatus.PAID);
    expect(deriveInvoiceStatus({ ...base, amountPaid: 10000, amountCredited: 500 })).toBe(InvoiceStatus.PAID);
    expect(deriveInvoiceStatus({ ...base, voidedAt: new Date(), amountPaid: 10000 })).toBe(InvoiceStatus.VOID);
    expect(deriveInvoiceStatus({ ...base, uncollectibleAt: new Date() })).toBe(InvoiceStatus.UNCOLLECTIBLE);
    expect(deriveInvoiceStatus({ ...base, uncollectibleAt: new Date(), amountPaid: 10000 })).toBe(InvoiceStatus.PAID);
    expect(balanceDue({ total: 100, amountPaid: 150, amountKeptAsCredit: 0, amountCredited: 0 })).toBe(0);
  });

  it("money kept as the client's credit pays nothing on the invoice it was paid on", () => {
    // Paid 100.00, 30.00 of it credited to the client's account by a memo, then 70.00 refunded: 70.00 is owed.
    const refunded = { ...base, amountPaid: 3000, amountKeptAsCredit: 3000, amountCredited: 3000 };
    expect(balanceDue(refunded)).toBe(7000);
    expect(deriveInvoiceStatus(refunded)).toBe(InvoiceStatus.PARTIALLY_PAID);
    // Before the refund the memo left it paid: 70.00 pays it and 30.00 credits it.
    expect(deriveInvoiceStatus({ ...refunded, amountPaid: 10000 })).toBe(InvoiceStatus.PAID);
    // An overpayment of 10.00 kept as credit, then the 100.00 it paid refunded: all 100.00 is owed again.
    const overpaid = { ...base, amountPaid: 1000, amountKeptAsCredit: 1000 };
    expect(balanceDue(overpaid)).toBe(10000);
    expect(deriveInvoiceStatus(overpaid)).toBe(InvoiceStatus.SENT);
    // All 110.00 charged back from outside Settle after the 10.00 was kept: settlement takes the 10.00
    // back from the client's credit; kept credit the client had spent already is owed here as well.
    expect(unfundedKeptCredit({ ...overpaid, amountPaid: 0 })).toBe(1000);
    expect(balanceDue({ ...overpaid, amountPaid: 0, amountKeptAsCredit: 0 })).toBe(10000);
    expect(balanceDue({ ...overpaid, amountPaid: 0 })).toBe(11000);
    expect(unfundedKeptCredit(overpaid)).toBe(0);
    // Money given back past what was paid, with nothing kept, is no debt of its own: owed in full.
    expect(balanceDue({ ...base, amountPaid: -3000 })).toBe(10000);
  });

  it('derives OVERDUE only for open invoices with a balance past due', () => {
    expect(displayStatus(InvoiceStatus.SENT, '2026-11-01', 100, '2026-11-02')).toBe(InvoiceDisplayStatus.OVERDUE);
    expect(displayStatus(InvoiceStatus.SENT, '2026-11-02', 100, '2026-11-02')).toBe(InvoiceDisplayStatus.SENT);
    expect(displayStatus(InvoiceStatus.PAID, '2026-11-01', 0, '2026-11-02')).toBe(InvoiceDisplayStatus.PAID);
  });

  it('reports no balance on a void invoice, and the written-off balance on an uncollectible one', () => {
    expect(reportedBalanceDue(InvoiceStatus.VOID, 6000)).toBe(0);
    expect(reportedBalanceDue(InvoiceStatus.UNCOLLECTIBLE, 6000)).toBe(6000);
    for (const open of [InvoiceStatus.DRAFT, InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID])
      expect(reportedBalanceDue(open, 6000)).toBe(6000);
    expect(reportedBalanceDue(InvoiceStatus.PAID, 0)).toBe(0);
  });
});

describe('memo template', () => {
  it('fills known variables and reports unknown ones', () => {
    expect(
      renderMemo('For {client_name}, {period_start}–{period_end}', {
        client_name: 'Acme',
        period_start: '2026-11-01',
        period_end: '2026-11-30',
      }),
    ).toBe('For Acme, 2026-11-01–2026-11-30');
    expect(unknownMemoVariables('Hi {client_nme} {due_date}')).toEqual(['client_nme']);
  });
});
