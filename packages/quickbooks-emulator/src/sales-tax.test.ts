// Sales tax computed from TaxCode/TaxRate as QBO does (US: TAX/NON lines + TxnTaxCodeRef; other
// countries: a TaxCode per line), codes made through the TaxService endpoint, and ExchangeRate reads,
// all through the real node-quickbooks SDK.
import { describe, expect, it } from 'vitest';
import {
  call,
  callError,
  control,
  emulatorForFile,
  qboClient,
  serviceLine,
  startEmulator,
  multicurrencyClient,
} from './testing.js';

const t = emulatorForFile();

const taxed = (amount: number, code = 'TAX') => {
  const l = serviceLine(amount);
  return { ...l, SalesItemLineDetail: { ...l.SalesItemLineDetail, TaxCodeRef: { value: code } } };
};

async function taxCode(q: any, name: string, rate: number) {
  const made = await call((cb) =>
    q.createTaxService(
      { TaxCode: name, TaxRateDetails: [{ TaxRateName: `${name} rate`, RateValue: rate, TaxAgencyId: '1' }] },
      cb,
    ),
  );
  return made.TaxCodeId as string;
}

describe('US sales tax', () => {
  it('applies the TxnTaxCodeRef rates to TAX lines, one TaxLine per rate, rounded half-up per rate', async () => {
    const made = await call((cb) =>
      t.qbo.createTaxService(
        { TaxCode: 'Eight', TaxRateDetails: [{ TaxRateName: 'Eight', RateValue: 8, TaxAgencyId: '1' }] },
        cb,
      ),
    );
    expect(made).toMatchObject({ TaxCode: 'Eight', TaxRateDetails: [{ TaxRateName: 'Eight', RateValue: 8 }] });
    const code = await call((cb) => t.qbo.getTaxCode(made.TaxCodeId, cb));
    expect(code.SalesTaxRateList.TaxRateDetail[0].TaxRateRef.value).toBe(made.TaxRateDetails[0].TaxRateId);
    // Per line 8 % of 10.05 and of 10.05 would be 0.80 + 0.80; QBO taxes their sum: 20.10 × 8 % = 1.608 → 1.61.
    const inv = await call((cb) =>
      t.qbo.createInvoice(
        {
          CustomerRef: { value: '1' },
          Line: [taxed(10.05), taxed(10.05), serviceLine(50)],
          TxnTaxDetail: { TxnTaxCodeRef: { value: made.TaxCodeId } },
        },
        cb,
      ),
    );
    expect(inv.TxnTaxDetail).toMatchObject({
      TxnTaxCodeRef: { value: made.TaxCodeId },
      TotalTax: 1.61,
      TaxLine: [
        {
          Amount: 1.61,
          DetailType: 'TaxLineDetail',
          TaxLineDetail: { TaxPercent: 8, NetAmountTaxable: 20.1, PercentBased: true },
        },
      ],
    });
    expect(inv.TotalAmt).toBe(71.71);
    expect(inv.Line[2].SalesItemLineDetail.TaxCodeRef).toEqual({ value: 'NON' });
  });

  it('keeps a TotalTax override and shows the difference; refuses codes that do not fit the model', async () => {
    const id = await taxCode(t.qbo, 'Ten', 10);
    const inv = await call((cb) =>
      t.qbo.createInvoice(
        {
          CustomerRef: { value: '1' },
          Line: [taxed(10.05), taxed(10.05)],
          TxnTaxDetail: { TxnTaxCodeRef: { value: id }, TotalTax: 2.0 },
        },
        cb,
      ),
    );
    expect(inv.TxnTaxDetail.TotalTax).toBe(2);
    expect(inv.TxnTaxDetail.TaxLine[0]).toMatchObject({ Amount: 2, TaxLineDetail: { OverrideDeltaAmount: -0.01 } });
    expect(inv.TotalAmt).toBe(22.1);
    const lineCode = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [taxed(5, id)] }, cb),
    );
    expect(lineCode.body.Fault.Error[0].Detail).toContain('TAX or NON');
    const unknown = await callError((cb) =>
      t.qbo.createInvoice(
        { CustomerRef: { value: '1' }, Line: [taxed(5)], TxnTaxDetail: { TxnTaxCodeRef: { value: '999' } } },
        cb,
      ),
    );
    expect(unknown.body.Fault.Error[0].code).toBe('2500');
    const dup = await callError((cb) =>
      t.qbo.createTaxService({ TaxCode: 'Ten', TaxRateDetails: [{ TaxRateId: '1' }] }, cb),
    );
    expect(dup.status).toBe(400);
  });
});

describe('sales tax outside the US, and exchange rates', () => {
  it('applies each line its own TaxCode, rate by rate', async () => {
    const gb = await startEmulator();
    try {
      await control(gb, '/company/region', { country: 'GB', homeCurrency: 'GBP' });
      const q = qboClient(gb);
      const standard = await taxCode(q, '20.0% S', 20);
      const zero = await taxCode(q, '0.0% Z', 0);
      const inv = await call((cb) =>
        q.createInvoice({ CustomerRef: { value: '1' }, Line: [taxed(33.33, standard), taxed(10, zero)] }, cb),
      );
      expect(inv.TxnTaxDetail.TotalTax).toBe(6.67);
      expect(inv.TxnTaxDetail.TaxLine.map((l: any) => [l.Amount, l.TaxLineDetail.NetAmountTaxable])).toEqual([
        [6.67, 33.33],
        [0, 10],
      ]);
      expect(inv.TotalAmt).toBe(50);
      const us = await callError((cb) => q.createInvoice({ CustomerRef: { value: '1' }, Line: [taxed(5)] }, cb));
      expect(us.body.Fault.Error[0].code).toBe('2500');
    } finally {
      await gb.close();
    }
  });

  it('reads the exchange rate of a currency on a date, and the rate set for it', async () => {
    const off = await callError((cb) => t.qbo.getExchangeRate({ sourcecurrencycode: 'EUR' }, cb));
    expect(off.body.Fault.Error[0].Detail).toContain('multicurrency');
    const multi = await startEmulator();
    try {
      const q = await multicurrencyClient(multi);
      // QBO answers {ExchangeRate, time}; node-quickbooks hands the body over as it is.
      const feed = await call((cb) => q.getExchangeRate({ sourcecurrencycode: 'EUR', asofdate: '2026-11-01' }, cb));
      expect(feed.ExchangeRate).toMatchObject({ SourceCurrencyCode: 'EUR', TargetCurrencyCode: 'USD', Rate: 1.08 });
      await call((cb) => q.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: 1.1234, AsOfDate: '2026-11-10' }, cb));
      const later = await call((cb) => q.getExchangeRate({ sourcecurrencycode: 'EUR', asofdate: '2026-11-20' }, cb));
      expect(later.ExchangeRate).toMatchObject({ Rate: 1.1234, AsOfDate: '2026-11-20' });
      const before = await call((cb) => q.getExchangeRate({ sourcecurrencycode: 'EUR', asofdate: '2026-11-09' }, cb));
      expect(before.ExchangeRate.Rate).toBe(1.08);
      const missing = await callError((cb) => q.getExchangeRate({}, cb));
      expect(missing.body.Fault.Error[0].code).toBe('2020');
    } finally {
      await multi.close();
    }
  });
});
