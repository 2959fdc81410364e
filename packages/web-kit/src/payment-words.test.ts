import { describe, expect, it } from 'vitest';
import { paymentKindLabel, paymentWay } from './payment-words';

describe('paymentWay', () => {
  it('names the method, and the provider it came through', () => {
    expect(paymentWay({ source: 'MANUAL', method: 'CHECK' })).toBe('Check');
    expect(paymentWay({ source: 'MANUAL', method: 'WIRE' })).toBe('Wire transfer');
    expect(paymentWay({ source: 'STRIPE', method: 'CARD' })).toBe('Card via Stripe');
    expect(paymentWay({ source: 'QUICKBOOKS', method: 'ACH' })).toBe('Bank transfer (ACH) in QuickBooks');
  });
});

describe('paymentKindLabel', () => {
  const row = { source: 'MANUAL', method: 'CHECK' };
  it('tells a payment, a voided one, a refund, a void and a correction apart', () => {
    expect(paymentKindLabel({ ...row, kind: 'PAYMENT', amount: 100 })).toBe('Payment');
    expect(paymentKindLabel({ ...row, kind: 'PAYMENT', amount: 100, voided: true })).toBe('Payment (voided)');
    expect(paymentKindLabel({ ...row, kind: 'REFUND', amount: -100 })).toBe('Refund');
    expect(paymentKindLabel({ ...row, kind: 'ADJUSTMENT', amount: -100 })).toBe('Void');
    expect(paymentKindLabel({ ...row, source: 'QUICKBOOKS', kind: 'ADJUSTMENT', amount: -40 })).toBe('Correction');
  });
});
