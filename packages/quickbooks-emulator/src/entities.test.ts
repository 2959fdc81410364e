import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedLine, call, callError, control, qboClient, serviceLine, startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
let qbo: any;
beforeAll(async () => {
  emu = await startEmulator();
  qbo = qboClient(emu);
});
afterAll(() => emu.close());

describe('Customer', () => {
  it('creates, reads, sparse-updates and rejects a duplicate DisplayName with 6240', async () => {
    const c = await call((cb) =>
      qbo.createCustomer({ DisplayName: "O'Brien & Co", PrimaryEmailAddr: { Address: 'a+b@example.com' } }, cb),
    );
    expect(c).toMatchObject({ DisplayName: "O'Brien & Co", SyncToken: '0', Active: true, Balance: 0 });
    expect(c.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const got = await call((cb) => qbo.getCustomer(c.Id, cb));
    expect(got.PrimaryEmailAddr.Address).toBe('a+b@example.com');
    const upd = await call((cb) =>
      qbo.updateCustomer({ Id: c.Id, SyncToken: c.SyncToken, CompanyName: 'OBC Ltd' }, cb),
    );
    expect(upd).toMatchObject({ SyncToken: '1', CompanyName: 'OBC Ltd', DisplayName: "O'Brien & Co" });
    const dup = await callError((cb) => qbo.createCustomer({ DisplayName: "o'brien & co" }, cb));
    expect(dup.status).toBe(400);
    expect(dup.body.Fault.type).toBe('ValidationFault');
    expect(dup.body.Fault.Error[0]).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
  });

  it('rejects a stale SyncToken with 5010 and a missing name with 2020', async () => {
    const c = await call((cb) => qbo.createCustomer({ DisplayName: 'Stale Test' }, cb));
    await call((cb) => qbo.updateCustomer({ Id: c.Id, SyncToken: '0', Notes: 'first' }, cb));
    const stale = await callError((cb) => qbo.updateCustomer({ Id: c.Id, SyncToken: '0', Notes: 'second' }, cb));
    expect(stale.status).toBe(400);
    expect(stale.body.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect(stale.body.time).toBeTruthy();
    const missing = await callError((cb) => qbo.createCustomer({ Notes: 'no name' }, cb));
    expect(missing.body.Fault.Error[0].code).toBe('2020');
    const notFound = await callError((cb) => qbo.getCustomer('99999', cb));
    expect(notFound.body.Fault.Error[0].code).toBe('610');
    // Name-list entities cannot be deleted in QBO (deactivate with Active:false instead).
    const del = await fetch(`${emu.url}/v3/company/${emu.credentials.realmId}/customer?operation=delete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${qbo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Id: c.Id, SyncToken: '1' }),
    });
    expect(del.status).toBe(400);
    expect((await del.json()).Fault.Error[0]).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
  });
});

describe('Item, Account, Term, PaymentMethod, CompanyInfo', () => {
  it('creates a Service item against an income account and validates enums/refs', async () => {
    const income = await call((cb) => qbo.createAccount({ Name: 'Training Income', AccountType: 'Income' }, cb));
    expect(income).toMatchObject({ Classification: 'Revenue', AccountType: 'Income' });
    const item = await call((cb) =>
      qbo.createItem({ Name: 'Workshop', Type: 'Service', UnitPrice: 500, IncomeAccountRef: { value: income.Id } }, cb),
    );
    expect(item.IncomeAccountRef).toEqual({ value: income.Id, name: 'Training Income' });
    const badEnum = await callError((cb) => qbo.createAccount({ Name: 'X', AccountType: 'Bogus' }, cb));
    expect(badEnum.body.Fault.Error[0].code).toBe('2170');
    const badRef = await callError((cb) =>
      qbo.createItem({ Name: 'Y', Type: 'Service', IncomeAccountRef: { value: '9999' } }, cb),
    );
    expect(badRef.body.Fault.Error[0].code).toBe('2500');
    const dupItem = await callError((cb) =>
      qbo.createItem({ Name: 'workshop', Type: 'Service', IncomeAccountRef: { value: income.Id } }, cb),
    );
    expect(dupItem.body.Fault.Error[0].code).toBe('6240');
  });

  it('reads seeded lists and company info', async () => {
    const terms = await call((cb) => qbo.findTerms(cb));
    expect(terms.QueryResponse.Term.map((t: any) => t.Name)).toContain('Net 30');
    const methods = await call((cb) => qbo.findPaymentMethods(cb));
    expect(methods.QueryResponse.PaymentMethod.length).toBeGreaterThan(3);
    const info = await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    expect(info).toMatchObject({ Id: '1', Country: 'US' });
  });
});

describe('Invoice', () => {
  it('computes totals, assigns DocNumber, sparse update, send, pdf, void, delete', async () => {
    const inv = await call((cb) =>
      qbo.createInvoice(
        { CustomerRef: { value: '1' }, Line: [serviceLine(150), serviceLine(50, '4')], SalesTermRef: { value: '3' } },
        cb,
      ),
    );
    expect(inv).toMatchObject({ TotalAmt: 200, Balance: 200, EmailStatus: 'NotSet', SyncToken: '0' });
    expect(inv.DocNumber).toMatch(/^\d+$/);
    expect(inv.Line.at(-1)).toEqual({ Amount: 200, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    expect(inv.CustomerRef.name).toBe("Amy's Bird Sanctuary");
    const upd = await call((cb) =>
      qbo.updateInvoice({ Id: inv.Id, SyncToken: inv.SyncToken, DueDate: '2027-01-01', requestId: 'upd-1' }, cb),
    );
    expect(upd).toMatchObject({ DueDate: '2027-01-01', SyncToken: '1', TotalAmt: 200 });
    const sent = await call((cb) => qbo.sendInvoicePdf(inv.Id, 'a+b@example.com', cb));
    expect(sent).toMatchObject({
      EmailStatus: 'EmailSent',
      BillEmail: { Address: 'a+b@example.com' },
      DeliveryInfo: { DeliveryType: 'Email' },
    });
    const pdf = await call<Buffer>((cb) => qbo.getInvoicePdf(inv.Id, cb));
    expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1')).toContain('%%EOF');
    const voided = await call((cb) => qbo.voidInvoice(inv.Id, cb));
    expect(voided.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
    const after = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(after.Line[0].Amount).toBe(0);
    const again = await callError((cb) => qbo.voidInvoice({ Id: inv.Id, SyncToken: after.SyncToken }, cb));
    expect(again.body.Fault.Error[0].code).toBe('6000');
    const del = await call((cb) => qbo.deleteInvoice({ Id: inv.Id, SyncToken: after.SyncToken }, cb));
    expect(del.Invoice).toMatchObject({ status: 'Deleted', Id: inv.Id });
    expect((await callError((cb) => qbo.getInvoice(inv.Id, cb))).body.Fault.Error[0].code).toBe('610');
  });

  it('validates CustomerRef/Line and DocNumber uniqueness (6140 unless allowDuplicateDocNum)', async () => {
    expect(
      (await callError((cb) => qbo.createInvoice({ Line: [serviceLine(1)] }, cb))).body.Fault.Error[0],
    ).toMatchObject({ code: '2020', element: 'CustomerRef' });
    expect(
      (await callError((cb) => qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [] }, cb))).body.Fault.Error[0]
        .code,
    ).toBe('2020');
    await call((cb) =>
      qbo.createInvoice({ CustomerRef: { value: '1' }, DocNumber: 'INV-7', Line: [serviceLine(1)] }, cb),
    );
    expect(
      (
        await callError((cb) =>
          qbo.createInvoice({ CustomerRef: { value: '1' }, DocNumber: 'INV-7', Line: [serviceLine(1)] }, cb),
        )
      ).body.Fault.Error[0].code,
    ).toBe('6140');
    const ok = await call((cb) =>
      qbo.createInvoice(
        { CustomerRef: { value: '1' }, DocNumber: 'INV-7', Line: [serviceLine(1)], allowDuplicateDocNum: true },
        cb,
      ),
    );
    expect(ok.DocNumber).toBe('INV-7');
  });

  it('replays the first response for a repeated requestid without creating a second invoice', async () => {
    const body = () => ({
      CustomerRef: { value: '2' },
      Line: [serviceLine(99)],
      PrivateNote: 'idempotent',
      requestId: 'settle-req-42',
    });
    const a = await call((cb) => qbo.createInvoice(body(), cb));
    const b = await call((cb) => qbo.createInvoice({ ...body(), PrivateNote: 'changed' }, cb));
    expect(b).toEqual(a);
    const dump = await control(emu, '/entities?type=Invoice');
    expect(dump.entities.Invoice.filter((i: any) => i.PrivateNote === 'idempotent')).toHaveLength(1);
    const c = await call((cb) => qbo.createInvoice({ ...body(), requestId: 'settle-req-43' }, cb));
    expect(c.Id).not.toBe(a.Id);
  });
});

describe('Payment, CreditMemo, Purchase', () => {
  /** A payment of customer 3 for `total`, applied by `lines`. */
  const payment = (total: number, ...lines: Array<ReturnType<typeof appliedLine>>) => ({
    CustomerRef: { value: '3' },
    TotalAmt: total,
    Line: lines,
  });

  it('applies payments to invoices (Balance, LinkedTxn both ways, UnappliedAmt) and voiding restores the balance', async () => {
    const inv = await call((cb) => qbo.createInvoice({ CustomerRef: { value: '3' }, Line: [serviceLine(300)] }, cb));
    const pay = await call((cb) => qbo.createPayment(payment(120, appliedLine(100, inv.Id)), cb));
    expect(pay).toMatchObject({ TotalAmt: 120, UnappliedAmt: 20 });
    expect(pay.DepositToAccountRef.name).toBe('Undeposited Funds');
    let after = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(after.Balance).toBe(200);
    expect(after.LinkedTxn).toEqual([{ TxnId: pay.Id, TxnType: 'Payment' }]);
    expect(after.SyncToken).toBe('1');
    const over = await callError((cb) => qbo.createPayment(payment(500, appliedLine(250, inv.Id)), cb));
    expect(over.body.Fault.Error[0].code).toBe('6000');
    const cm = await call((cb) => qbo.createCreditMemo({ CustomerRef: { value: '3' }, Line: [serviceLine(50)] }, cb));
    expect(cm).toMatchObject({ TotalAmt: 50, RemainingCredit: 50 });
    await call((cb) =>
      qbo.createPayment(payment(0, appliedLine(50, inv.Id), appliedLine(50, cm.Id, 'CreditMemo')), cb),
    );
    after = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(after.Balance).toBe(150);
    expect((await call((cb) => qbo.getCreditMemo(cm.Id, cb))).RemainingCredit).toBe(0);
    const current = await call((cb) => qbo.getPayment(pay.Id, cb));
    const voided = await call((cb) => qbo.voidPayment({ Id: pay.Id, SyncToken: current.SyncToken }, cb));
    expect(voided).toMatchObject({ TotalAmt: 0 });
    after = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(after.Balance).toBe(250);
    const customer = await call((cb) => qbo.getCustomer('3', cb));
    expect(customer.Balance).toBe(250);
  });

  it('records a Stripe fee as a Purchase from Stripe Clearing', async () => {
    const accts = await call((cb) =>
      qbo.findAccounts([{ field: 'Name', value: ['Stripe Clearing', 'Stripe Fees'], operator: 'IN' }], cb),
    );
    const byName = Object.fromEntries(accts.QueryResponse.Account.map((a: any) => [a.Name, a.Id]));
    const p = await call((cb) =>
      qbo.createPurchase(
        {
          PaymentType: 'Cash',
          AccountRef: { value: byName['Stripe Clearing'] },
          Line: [
            {
              DetailType: 'AccountBasedExpenseLineDetail',
              Amount: 3.2,
              AccountBasedExpenseLineDetail: { AccountRef: { value: byName['Stripe Fees'] } },
            },
            {
              DetailType: 'AccountBasedExpenseLineDetail',
              Amount: 0.3,
              AccountBasedExpenseLineDetail: { AccountRef: { value: byName['Stripe Fees'] } },
            },
          ],
        },
        cb,
      ),
    );
    expect(p).toMatchObject({ TotalAmt: 3.5, AccountRef: { name: 'Stripe Clearing' } });
    const bad = await callError((cb) => qbo.createPurchase({ PaymentType: 'Cash' }, cb));
    expect(bad.body.Fault.Error[0].code).toBe('2020');
    const del = await call((cb) => qbo.deletePurchase({ Id: p.Id, SyncToken: p.SyncToken }, cb));
    expect(del.Purchase.status).toBe('Deleted');
  });

  it('runs batch items with per-item faults', async () => {
    const res = await call((cb) =>
      qbo.batch(
        [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch Co' } },
          { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Batch Co' } },
          { bId: 'b3', Query: "select count(*) from Customer where DisplayName = 'Batch Co'" },
        ],
        cb,
      ),
    );
    const [r1, r2, r3] = res.BatchItemResponse;
    expect(r1).toMatchObject({ bId: 'b1', Customer: { DisplayName: 'Batch Co' } });
    expect(r2.Fault.Error[0].code).toBe('6240');
    expect(r3.QueryResponse.totalCount).toBe(1);
  });
});
