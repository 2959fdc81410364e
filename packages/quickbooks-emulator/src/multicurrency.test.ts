// Multicurrency (Preferences.CurrencyPrefs, CurrencyRef, ExchangeRate, Home* amounts) and the
// read-only sales tax lists (TaxCode, TaxRate), through the real node-quickbooks SDK (issue #16).
import { describe, expect, it } from 'vitest';
import {
  appliedLine,
  call,
  callError,
  emulatorForFile,
  qboClient,
  serviceLine,
  startEmulator,
  multicurrencyClient,
} from './testing.js';

const t = emulatorForFile();

const businessError = (res: { status?: number; body: any }) => {
  expect(res.status).toBe(400);
  expect(res.body.Fault.type).toBe('ValidationFault');
  expect(res.body.Fault.Error[0].code).toBe('6000');
  return res.body.Fault.Error[0].Detail as string;
};

describe('multicurrency', () => {
  it('refuses an invoice in a non-home currency while multicurrency is off', async () => {
    const prefs = await call((cb) => t.qbo.getPreferences(cb));
    expect(prefs.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } });
    const eur = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, CurrencyRef: { value: 'EUR' }, Line: [serviceLine(10)] }, cb),
    );
    expect(businessError(eur)).toContain('Multicurrency is not enabled');
    const customer = await callError((cb) =>
      t.qbo.createCustomer({ DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } }, cb),
    );
    businessError(customer);
    const usd = await call((cb) => t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(10)] }, cb));
    expect(usd.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });
    expect(usd.ExchangeRate).toBeUndefined();
  });

  it('with multicurrency on, books a foreign invoice and payment with ExchangeRate and home amounts', async () => {
    const multi = await startEmulator();
    try {
      const q = qboClient(multi);
      const prefs = await call((cb) => q.getPreferences(cb));
      const on = await call((cb) =>
        q.updatePreferences(
          { Id: prefs.Id, SyncToken: prefs.SyncToken, CurrencyPrefs: { MultiCurrencyEnabled: true } },
          cb,
        ),
      );
      expect(on.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: true, HomeCurrency: { value: 'USD' } });
      const off = await callError((cb) =>
        q.updatePreferences({ Id: on.Id, SyncToken: on.SyncToken, CurrencyPrefs: { MultiCurrencyEnabled: false } }, cb),
      );
      expect(businessError(off)).toContain('cannot be turned off');

      const cust = await call((cb) => q.createCustomer({ DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } }, cb));
      expect(cust.CurrencyRef).toEqual({ value: 'EUR', name: 'Euro' });
      const noRate = await callError((cb) =>
        q.createInvoice({ CustomerRef: { value: cust.Id }, Line: [serviceLine(100)] }, cb),
      );
      expect(noRate.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'ExchangeRate' });
      const inv = await call((cb) =>
        q.createInvoice({ CustomerRef: { value: cust.Id }, ExchangeRate: 1.1, Line: [serviceLine(100)] }, cb),
      );
      expect(inv).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.1, TotalAmt: 100, HomeTotalAmt: 110 });
      expect(inv.HomeBalance).toBe(110);
      const wrong = await callError((cb) =>
        q.createInvoice({ CustomerRef: { value: cust.Id }, CurrencyRef: { value: 'USD' }, Line: [serviceLine(5)] }, cb),
      );
      expect(businessError(wrong)).toContain("customer's currency");

      const pay = await call((cb) =>
        q.createPayment(
          {
            CustomerRef: { value: cust.Id },
            ExchangeRate: 1.1,
            TotalAmt: 40,
            Line: [appliedLine(40, inv.Id)],
          },
          cb,
        ),
      );
      expect(pay).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.1, TotalAmt: 40 });
      const after = await call((cb) => q.getInvoice(inv.Id, cb));
      expect(after).toMatchObject({ Balance: 60, HomeBalance: 66 });
      // Money paid back to the EUR customer is in EUR too, at the rate it is given.
      const back = await call((cb) =>
        q.createRefundReceipt(
          {
            CustomerRef: { value: cust.Id },
            ExchangeRate: 1.1,
            DepositToAccountRef: { value: pay.DepositToAccountRef.value },
            Line: [serviceLine(15)],
          },
          cb,
        ),
      );
      expect(back).toMatchObject({
        CurrencyRef: { value: 'EUR' },
        ExchangeRate: 1.1,
        TotalAmt: 15,
        HomeTotalAmt: 16.5,
      });
    } finally {
      await multi.close();
    }
  });
});

describe('a Purchase in a foreign currency', () => {
  const bankAndExpense = async (q: any) => {
    const accounts = await call((cb) => q.findAccounts({}, cb));
    const list = accounts.QueryResponse.Account as Array<{ Id: string; AccountType: string }>;
    return {
      bank: list.find((a) => a.AccountType === 'Bank')!.Id,
      expense: list.find((a) => a.AccountType === 'Expense')!.Id,
    };
  };
  const feeLine = (amount: number, expense: string) => ({
    DetailType: 'AccountBasedExpenseLineDetail',
    Amount: amount,
    AccountBasedExpenseLineDetail: { AccountRef: { value: expense } },
  });

  it('is refused while multicurrency is off, never booked silently in the home currency', async () => {
    const { bank, expense } = await bankAndExpense(t.qbo);
    const eur = await callError((cb) =>
      t.qbo.createPurchase(
        {
          PaymentType: 'Cash',
          AccountRef: { value: bank },
          CurrencyRef: { value: 'EUR' },
          Line: [feeLine(3.2, expense)],
        },
        cb,
      ),
    );
    expect(businessError(eur)).toContain('Multicurrency is not enabled');
    const usd = await call((cb) =>
      t.qbo.createPurchase({ PaymentType: 'Cash', AccountRef: { value: bank }, Line: [feeLine(3.2, expense)] }, cb),
    );
    expect(usd).toMatchObject({ CurrencyRef: { value: 'USD' }, TotalAmt: 3.2 });
  });

  it('with multicurrency on, keeps its CurrencyRef and needs its ExchangeRate', async () => {
    const multi = await startEmulator();
    try {
      const q = await multicurrencyClient(multi);
      const { bank, expense } = await bankAndExpense(q);
      const body = { PaymentType: 'Cash', AccountRef: { value: bank }, CurrencyRef: { value: 'EUR' } };
      const noRate = await callError((cb) => q.createPurchase({ ...body, Line: [feeLine(3.2, expense)] }, cb));
      expect(noRate.body.Fault.Error[0]).toMatchObject({ code: '2020', element: 'ExchangeRate' });
      const fee = await call((cb) =>
        q.createPurchase({ ...body, ExchangeRate: 1.1, Line: [feeLine(3.2, expense)] }, cb),
      );
      expect(fee).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.1, TotalAmt: 3.2 });
      expect((await call((cb) => q.getPurchase(fee.Id, cb))).CurrencyRef.value).toBe('EUR');
      const home = await call((cb) =>
        q.createPurchase({ PaymentType: 'Cash', AccountRef: { value: bank }, Line: [feeLine(1, expense)] }, cb),
      );
      expect(home.CurrencyRef.value).toBe('USD');
      expect(home.ExchangeRate).toBe(1);
    } finally {
      await multi.close();
    }
  });
});

describe('a Deposit in a foreign currency', () => {
  it('is refused while multicurrency is off; with it on, keeps its CurrencyRef, rate and home total, and matches its bank account', async () => {
    const accounts = async (q: any) => {
      const list = (await call((cb) => q.findAccounts({}, cb))).QueryResponse.Account as Array<{
        Id: string;
        AccountType: string;
      }>;
      return {
        bank: list.find((a) => a.AccountType === 'Bank')!.Id,
        expense: list.find((a) => a.AccountType === 'Expense')!.Id,
      };
    };
    const deposit = (to: string, from: string, extra: object) => ({
      DepositToAccountRef: { value: to },
      Line: [{ Amount: 15, DetailType: 'DepositLineDetail', DepositLineDetail: { AccountRef: { value: from } } }],
      ...extra,
    });
    const off = await accounts(t.qbo);
    const refused = await callError((cb) =>
      t.qbo.createDeposit(deposit(off.bank, off.expense, { CurrencyRef: { value: 'EUR' } }), cb),
    );
    expect(businessError(refused)).toContain('Multicurrency is not enabled');
    const home = await call((cb) => t.qbo.createDeposit(deposit(off.bank, off.expense, {}), cb));
    expect(home.CurrencyRef.value).toBe('USD');
    expect(home.HomeTotalAmt).toBeUndefined();

    const multi = await startEmulator();
    try {
      const q = await multicurrencyClient(multi);
      const on = await accounts(q);
      const eur = await call((cb) =>
        q.createDeposit(deposit(on.bank, on.expense, { CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.2 }), cb),
      );
      expect(eur).toMatchObject({ CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.2, TotalAmt: 15, HomeTotalAmt: 18 });
      expect((await call((cb) => q.getDeposit(eur.Id, cb))).CurrencyRef.value).toBe('EUR');

      // A bank account holding EUR takes EUR deposits only, and keeps its currency.
      const eurBank = await call((cb) =>
        q.createAccount({ Name: 'Bank EUR', AccountType: 'Bank', CurrencyRef: { value: 'EUR' } }, cb),
      );
      expect(eurBank.CurrencyRef.value).toBe('EUR');
      const intoEur = await call((cb) =>
        q.createDeposit(deposit(eurBank.Id, on.expense, { CurrencyRef: { value: 'EUR' }, ExchangeRate: 1.2 }), cb),
      );
      expect(intoEur.DepositToAccountRef.value).toBe(eurBank.Id);
      const usdIntoEur = await callError((cb) => q.createDeposit(deposit(eurBank.Id, on.expense, {}), cb));
      expect(businessError(usdIntoEur)).toContain('must match the currency of account Bank EUR (EUR)');
      const renamed = await callError((cb) => q.updateAccount({ ...eurBank, CurrencyRef: { value: 'USD' } }, cb));
      expect(businessError(renamed)).toContain('cannot be changed');
    } finally {
      await multi.close();
    }
  });
});

describe('TaxCode and TaxRate', () => {
  it('reads and queries the seeded sales tax lists, and refuses writes', async () => {
    const codes = await call((cb) => t.qbo.findTaxCodes(cb));
    expect(codes.QueryResponse.TaxCode.map((c: any) => c.Name)).toEqual(
      expect.arrayContaining(['California', 'TAX', 'NON']),
    );
    const non = await call((cb) => t.qbo.getTaxCode('NON', cb));
    expect(non).toMatchObject({ Id: 'NON', Taxable: false, Active: true });
    const ca = codes.QueryResponse.TaxCode.find((c: any) => c.Name === 'California');
    const rateId = ca.SalesTaxRateList.TaxRateDetail[0].TaxRateRef.value;
    const rate = await call((cb) => t.qbo.getTaxRate(rateId, cb));
    expect(rate).toMatchObject({ Name: 'California', RateValue: 7.25 });
    const byName = await call((cb) => t.qbo.findTaxRates({ Name: 'California' }, cb));
    expect(byName.QueryResponse.TaxRate).toHaveLength(1);
    const write = await callError((cb) => t.qbo.updateTaxCode({ Id: 'NON', SyncToken: '0', Name: 'Exempt' }, cb));
    expect(write.body.Fault.Error[0]).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
  });
});
