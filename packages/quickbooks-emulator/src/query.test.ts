import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from './query-language.js';
import { call, callError, control, qboClient, serviceLine, startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
let qbo: any;
beforeAll(async () => {
  emu = await startEmulator();
  qbo = qboClient(emu);
  for (let i = 1; i <= 12; i++) {
    await call((cb) =>
      qbo.createInvoice(
        {
          CustomerRef: { value: String((i % 3) + 1) },
          DocNumber: `Q-${String(i).padStart(3, '0')}`,
          Line: [serviceLine(i * 10)],
        },
        cb,
      ),
    );
  }
});
afterAll(() => emu.close());

describe('query language', () => {
  it('parses what node-quickbooks sends, incl. escaped quotes and IN lists', () => {
    const q = parseQuery(
      "select * from customer where DisplayName = 'O\\'Brien & Co' and Balance >= 10 orderby MetaData.LastUpdatedTime desc startposition 1 maxresults 1000",
    );
    expect(q).toMatchObject({
      entity: 'customer',
      where: [
        { field: 'DisplayName', op: '=', value: "O'Brien & Co" },
        { field: 'Balance', op: '>=', value: 10 },
      ],
      orderBy: [{ field: 'MetaData.LastUpdatedTime', desc: true }],
      startPosition: 1,
      maxResults: 1000,
    });
    expect(parseQuery('select count(*) from invoice').count).toBe(true);
    expect(parseQuery('SELECT Id, DisplayName FROM Customer WHERE Active IN (true, false)').fields).toEqual([
      'Id',
      'DisplayName',
    ]);
  });

  it('filters with =, IN, LIKE, <, > and finds by email with a + sign', async () => {
    await call((cb) =>
      qbo.createCustomer({ DisplayName: "O'Brien & Co", PrimaryEmailAddr: { Address: 'a+b@example.com' } }, cb),
    );
    const byEmail = await call((cb) => qbo.findCustomers({ PrimaryEmailAddr: 'a+b@example.com' }, cb));
    expect(byEmail.QueryResponse.Customer.map((c: any) => c.DisplayName)).toEqual(["O'Brien & Co"]);
    const byName = await call((cb) =>
      qbo.findCustomers([{ field: 'DisplayName', value: "O'Brien & Co", operator: '=' }], cb),
    );
    expect(byName.QueryResponse.Customer).toHaveLength(1);
    const like = await call((cb) =>
      qbo.findCustomers([{ field: 'DisplayName', value: '%Cars%', operator: 'LIKE' }], cb),
    );
    expect(like.QueryResponse.Customer[0].DisplayName).toBe('Cool Cars');
    const services = await call((cb) => qbo.findItems({ Type: 'Service' }, cb));
    expect(services.QueryResponse.Item.map((i: any) => i.Name)).toEqual(
      expect.arrayContaining(['Consulting', 'Managed Services', 'Hours']),
    );
    const accts = await call((cb) =>
      qbo.findAccounts(
        [
          { field: 'AccountType', value: ['Expense', 'Bank'], operator: 'IN' },
          { field: 'limit', value: 50 },
        ],
        cb,
      ),
    );
    const types = new Set(accts.QueryResponse.Account.map((a: any) => a.AccountType));
    expect([...types].sort()).toEqual(['Bank', 'Expense']);
    expect(accts.QueryResponse.Account.map((a: any) => a.Name)).toEqual(
      expect.arrayContaining(['Stripe Fees', 'Bank Charges', 'Checking', 'Stripe Clearing']),
    );
    const big = await call((cb) =>
      qbo.findInvoices(
        [
          { field: 'TotalAmt', value: 100, operator: '>' },
          { field: 'CustomerRef', value: '1', operator: '=' },
        ],
        cb,
      ),
    );
    expect(big.QueryResponse.Invoice.map((i: any) => i.TotalAmt).sort()).toEqual([120]);
    const empty = await call((cb) => qbo.findInvoices({ DocNumber: 'nope' }, cb));
    expect(empty.QueryResponse).toEqual({});
  });

  it('counts, orders and pages (fetchAll follows maxResults)', async () => {
    const count = await call((cb) => qbo.findInvoices({ count: true }, cb));
    expect(count.QueryResponse.totalCount).toBe(12);
    const page2 = await call((cb) => qbo.findInvoices({ asc: 'DocNumber', limit: 5, offset: 6 }, cb));
    expect(page2.QueryResponse).toMatchObject({ startPosition: 6, maxResults: 5 });
    expect(page2.QueryResponse.Invoice.map((i: any) => i.DocNumber)).toEqual([
      'Q-006',
      'Q-007',
      'Q-008',
      'Q-009',
      'Q-010',
    ]);
    const desc = await call((cb) => qbo.findInvoices({ desc: 'TotalAmt', limit: 2 }, cb));
    expect(desc.QueryResponse.Invoice.map((i: any) => i.TotalAmt)).toEqual([120, 110]);
    const all = await call((cb) => qbo.findInvoices({ fetchAll: true, limit: 5 }, cb));
    expect(all.QueryResponse.Invoice).toHaveLength(12);
  });

  it('hides inactive name-list entries unless Active is queried, and rejects OR', async () => {
    const c = await call((cb) => qbo.createCustomer({ DisplayName: 'Gone Inc' }, cb));
    await call((cb) => qbo.updateCustomer({ Id: c.Id, SyncToken: c.SyncToken, Active: false }, cb));
    const active = await call((cb) => qbo.findCustomers({ DisplayName: 'Gone Inc' }, cb));
    expect(active.QueryResponse).toEqual({});
    const inactive = await call((cb) => qbo.findCustomers({ DisplayName: 'Gone Inc', Active: false }, cb));
    expect(inactive.QueryResponse.Customer).toHaveLength(1);
    const or = await callError((cb) => qbo.findCustomers("where DisplayName = 'a' or DisplayName = 'b'", cb));
    expect(or.body.Fault.Error[0].code).toBe('4000');
  });
});

describe('CDC', () => {
  it('returns changed entities since a timestamp incl. deleted markers and voided documents', async () => {
    await control(emu, '/clock/advance', { minutes: 10 });
    const since = new Date(Date.now() + (await control(emu, '/clock')).offsetMs - 1000);
    const inv = await call((cb) => qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(10)] }, cb));
    const gone = await call((cb) => qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(20)] }, cb));
    await call((cb) => qbo.deleteInvoice({ Id: gone.Id, SyncToken: gone.SyncToken }, cb));
    await call((cb) => qbo.voidInvoice({ Id: inv.Id, SyncToken: inv.SyncToken }, cb));
    const cust = await call((cb) => qbo.createCustomer({ DisplayName: 'CDC Customer' }, cb));
    // offset format with an unencoded '+' as node-quickbooks sends it
    const sinceStr = since.toISOString().replace('Z', '+00:00');
    const res = await call((cb) => qbo.changeDataCapture(['Invoice', 'Customer', 'Payment'], sinceStr, cb));
    const [invoices, customers, payments] = res.CDCResponse[0].QueryResponse;
    expect(invoices.Invoice.map((i: any) => i.Id).sort()).toEqual([inv.Id, gone.Id].sort());
    expect(invoices.Invoice.find((i: any) => i.Id === gone.Id)).toMatchObject({ status: 'Deleted' });
    expect(invoices.Invoice.find((i: any) => i.Id === inv.Id)).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
    expect(customers.Customer.map((c: any) => c.Id)).toEqual([cust.Id]);
    expect(payments).toEqual({});
    expect(res.time).toBeTruthy();
    const old = await callError((cb) => qbo.changeDataCapture(['Invoice'], new Date(Date.now() - 40 * 86400_000), cb));
    expect(old.status).toBe(400);
    // TaxCode and TaxRate are read and queried, but QBO's CDC does not serve them.
    for (const name of ['TaxCode', 'TaxRate']) {
      const refused = await callError((cb) => qbo.changeDataCapture(['Invoice', name], sinceStr, cb));
      expect(refused.status).toBe(400);
      expect(refused.body.Fault.Error[0]).toMatchObject({ code: '2170', element: 'entities' });
    }
  });

  it("finds a change made after the answer whose `time` is the next changedSince, in that answer's second", async () => {
    // Emulated time just past the start of a second: the answer and the payment after it share that second.
    const now = Date.parse((await control(emu, '/clock')).now);
    await control(emu, '/clock/advance', { ms: 1000 - (now % 1000) + 100 });
    const first = await call((cb) => qbo.changeDataCapture(['Payment'], new Date(now).toISOString(), cb));
    const p = await call((cb) => qbo.createPayment({ CustomerRef: { value: '1' }, TotalAmt: 7 }, cb));
    expect(Date.parse(p.MetaData.LastUpdatedTime)).toBeLessThan(Date.parse(first.time));
    const next = await call((cb) => qbo.changeDataCapture(['Payment'], first.time, cb));
    expect(next.CDCResponse[0].QueryResponse[0].Payment.map((x: any) => x.Id)).toContain(p.Id);
  });
});
