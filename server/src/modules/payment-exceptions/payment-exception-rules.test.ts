import { describe, expect, it } from 'vitest';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { PaymentExceptionKind } from './payment-exception.entity.js';
import { exceptionFor } from './payment-exception-rules.js';

describe('exceptionFor', () => {
  it('takes the whole payment on a void invoice, whatever its balance', () => {
    expect(exceptionFor({ status: InvoiceStatus.VOID, balanceDue: 10000 }, 4000)).toEqual({
      kind: PaymentExceptionKind.PAID_ON_VOID,
      excess: 4000,
    });
    expect(exceptionFor({ status: InvoiceStatus.VOID, balanceDue: 0 }, 1)).toEqual({
      kind: PaymentExceptionKind.PAID_ON_VOID,
      excess: 1,
    });
  });

  it('takes only the part above the balance otherwise', () => {
    expect(exceptionFor({ status: InvoiceStatus.PARTIALLY_PAID, balanceDue: 7000 }, 10000)).toEqual({
      kind: PaymentExceptionKind.OVERPAID,
      excess: 3000,
    });
    expect(exceptionFor({ status: InvoiceStatus.PAID, balanceDue: 0 }, 2500)).toEqual({
      kind: PaymentExceptionKind.OVERPAID,
      excess: 2500,
    });
    expect(exceptionFor({ status: InvoiceStatus.UNCOLLECTIBLE, balanceDue: 5000 }, 5001)).toEqual({
      kind: PaymentExceptionKind.OVERPAID,
      excess: 1,
    });
  });

  it('raises nothing for money that is owed, or for refunds', () => {
    expect(exceptionFor({ status: InvoiceStatus.SENT, balanceDue: 10000 }, 10000)).toBeNull();
    // Money on an invoice written off as uncollectible is still owed: welcome, not an exception.
    expect(exceptionFor({ status: InvoiceStatus.UNCOLLECTIBLE, balanceDue: 5000 }, 5000)).toBeNull();
    expect(exceptionFor({ status: InvoiceStatus.VOID, balanceDue: 10000 }, -500)).toBeNull();
  });
});
