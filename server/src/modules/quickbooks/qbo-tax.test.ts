// Pure mapping of Settle tax and currency to QuickBooks (no database, no emulator).
import { describe, expect, it } from 'vitest';
import { currencyRefusal, foreignCustomerName } from './qbo-currency.js';
import { quickBooksTax, taxCodeFor, taxPlan, type QbTaxCode } from './qbo-tax.js';

const codes: QbTaxCode[] = [
  { id: 'TAX', name: 'TAX', active: true, salesRatePercent: null },
  { id: '3', name: 'Old 8%', active: false, salesRatePercent: 8 },
  { id: '4', name: 'State 8%', active: true, salesRatePercent: 8 },
  { id: '5', name: 'City 8%', active: true, salesRatePercent: 8 },
  { id: '6', name: 'Zero', active: true, salesRatePercent: 0 },
  { id: '7', name: 'Combined 8.25%', active: true, salesRatePercent: 8.25 },
];
const base = { invoiceNumber: 'INV-7', currency: 'USD', codes, overrides: {} };

describe('QuickBooks tax', () => {
  it('computes tax as QuickBooks does: per rate on the summed lines, half away from zero', () => {
    // Per line: 804 × 8 % = 64.32 → 64, twice = 128; per rate: 1608 × 8 % = 128.64 → 129.
    expect(
      quickBooksTax([
        { amount: 804, taxRateBps: 800 },
        { amount: 804, taxRateBps: 800 },
      ]),
    ).toBe(129);
    expect(
      quickBooksTax([
        { amount: 1000, taxRateBps: 825 },
        { amount: 500, taxRateBps: 0 },
      ]),
    ).toBe(83);
  });

  it('matches a rate to the first active code with that rate, unless the mapping chose another', () => {
    expect(taxCodeFor(800, codes, {})?.id).toBe('4');
    expect(taxCodeFor(800, codes, { '800': '5' })?.id).toBe('5');
    expect(taxCodeFor(800, codes, { '800': '3' })).toBeNull(); // a chosen code that is inactive
    expect(taxCodeFor(825, codes, {})?.id).toBe('7');
    expect(taxCodeFor(700, codes, {})).toBeNull();
  });

  it('US: TAX/NON per line and one TxnTaxCodeRef; Settle tax is sent, the rounding difference reported', () => {
    const lines = [
      { amount: 804, taxRateBps: 800 },
      { amount: 804, taxRateBps: 800 },
      { amount: 1000, taxRateBps: 0 },
    ];
    const plan = taxPlan({ ...base, us: true, lines, taxTotal: 128 });
    expect(plan).toEqual({
      lineCodes: ['TAX', 'TAX', 'NON'],
      txnTaxDetail: { TxnTaxCodeRef: { value: '4' }, TotalTax: 1.28 },
      roundingDelta: -1,
    });
    const untaxed = taxPlan({ ...base, us: true, lines: [{ amount: 5, taxRateBps: 0 }], taxTotal: 0 });
    expect(untaxed).toEqual({ lineCodes: ['NON'], txnTaxDetail: null, roundingDelta: 0 });
  });

  it('refuses what QuickBooks cannot book, saying why', () => {
    const two = taxPlan({
      ...base,
      us: true,
      lines: [
        { amount: 100, taxRateBps: 800 },
        { amount: 100, taxRateBps: 825 },
      ],
      taxTotal: 16,
    });
    expect(two).toEqual({ refuse: expect.stringContaining('one sales tax rate to a whole invoice') });
    const none = taxPlan({ ...base, us: true, lines: [{ amount: 100, taxRateBps: 700 }], taxTotal: 7 });
    expect(none).toEqual({ refuse: expect.stringMatching(/INV-7 has tax at 7%, and no active QuickBooks/) });
  });

  it('elsewhere: a code per line, zero-rated lines included', () => {
    const lines = [
      { amount: 3333, taxRateBps: 800 },
      { amount: 1000, taxRateBps: 0 },
    ];
    expect(taxPlan({ ...base, us: false, lines, taxTotal: 267 })).toEqual({
      lineCodes: ['4', '6'],
      txnTaxDetail: { TotalTax: 2.67 },
      roundingDelta: 0,
    });
    const noZero = taxPlan({ ...base, codes: codes.filter((c) => c.id !== '6'), us: false, lines, taxTotal: 267 });
    expect(noZero).toEqual({ refuse: expect.stringContaining('tax at 0%') });
  });
});

describe('QuickBooks currency', () => {
  it('refuses a foreign currency only where multicurrency is off', () => {
    expect(currencyRefusal('USD', { home: 'USD', multiCurrency: false }, 'Invoice INV-1')).toBeNull();
    expect(currencyRefusal('EUR', { home: 'USD', multiCurrency: true }, 'Invoice INV-1')).toBeNull();
    expect(currencyRefusal('EUR', { home: 'USD', multiCurrency: false }, 'Invoice INV-1')).toMatch(
      /^Invoice INV-1 is in EUR, but the QuickBooks company keeps its books in USD and has multicurrency turned off/,
    );
    expect(foreignCustomerName('Acme', 'EUR')).toBe('Acme (EUR)');
  });
});
