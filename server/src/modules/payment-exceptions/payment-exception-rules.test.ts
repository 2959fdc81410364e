import { describe, expect, it } from 'vitest';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { PaymentExceptionKind } from './payment-exception.entity.js';
import { exceptionFor } from './payment-exception-rules.js';

const { VOID, PAID, PARTIALLY_PAID, SENT, UNCOLLECTIBLE } = InvoiceStatus;
const { PAID_ON_VOID, OVERPAID } = PaymentExceptionKind;
/** The exception a payment of `amount` raises on an invoice in `status` with `balanceDue` left. */
const paying = (status: InvoiceStatus, balanceDue: number, amount: number) =>
  exceptionFor({ status, balanceDue }, amount);

describe('exceptionFor', () => {
  it('takes the whole payment on a void invoice, whatever its balance', () => {
    expect(paying(VOID, 10000, 4000)).toEqual({ kind: PAID_ON_VOID, excess: 4000 });
    expect(paying(VOID, 0, 1)).toEqual({ kind: PAID_ON_VOID, excess: 1 });
  });

  it('takes only the part above the balance otherwise', () => {
    expect(paying(PARTIALLY_PAID, 7000, 10000)).toEqual({ kind: OVERPAID, excess: 3000 });
    expect(paying(PAID, 0, 2500)).toEqual({ kind: OVERPAID, excess: 2500 });
    expect(paying(UNCOLLECTIBLE, 5000, 5001)).toEqual({ kind: OVERPAID, excess: 1 });
  });

  it('raises nothing for money that is owed, or for refunds', () => {
    expect(paying(SENT, 10000, 10000)).toBeNull();
    // Money on an invoice written off as uncollectible is still owed: welcome, not an exception.
    expect(paying(UNCOLLECTIBLE, 5000, 5000)).toBeNull();
    expect(paying(VOID, 10000, -500)).toBeNull();
  });
});
