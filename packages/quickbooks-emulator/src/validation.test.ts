// Input the real QBO refuses must be refused here too, with QBO's Fault, so a client that passes
// against the emulator does not fail in production (issue #16). Every request goes through the
// real node-quickbooks SDK except the raw '+'-encoded query, which the SDK never sends.
import { describe, expect, it } from 'vitest';
import { appliedLine, call, callError, emulatorForFile, serviceLine } from './testing.js';

const t = emulatorForFile();

/** QBO's 400 ValidationFault envelope, exactly. */
function expectFault(res: { status?: number; body: any }, code: string, message: string, element?: string) {
  expect(res.status).toBe(400);
  expect(Object.keys(res.body).sort()).toEqual(['Fault', 'time']);
  expect(res.body.Fault.type).toBe('ValidationFault');
  expect(res.body.Fault.Error).toHaveLength(1);
  const err = res.body.Fault.Error[0];
  expect(Object.keys(err).sort()).toEqual(['Detail', 'Message', 'code', 'element']);
  expect(err).toMatchObject({ code, Message: message, ...(element === undefined ? {} : { element }) });
  expect(typeof err.Detail).toBe('string');
  return err;
}

const INVALID_PROPERTY = 'Request has invalid or unsupported property';

describe('schema validation of request bodies', () => {
  it('refuses an unknown property with 2010 instead of storing and echoing it', async () => {
    const top = await callError((cb) => t.qbo.createCustomer({ DisplayName: 'Unknown Prop Co', Nickname: 'x' }, cb));
    const err = expectFault(top, '2010', INVALID_PROPERTY, 'Nickname');
    expect(err.Detail).toContain('Unrecognized field "Nickname"');
    const found = await call((cb) => t.qbo.findCustomers({ DisplayName: 'Unknown Prop Co' }, cb));
    expect(found.QueryResponse.Customer).toBeUndefined();

    const line = { ...serviceLine(10), SalesItemLineDetail: { ...serviceLine(10).SalesItemLineDetail, Colour: 'red' } };
    const nested = await callError((cb) => t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [line] }, cb));
    expectFault(nested, '2010', INVALID_PROPERTY, 'Line.SalesItemLineDetail.Colour');
    const ref = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1', id: '1' }, Line: [serviceLine(10)] }, cb),
    );
    expectFault(ref, '2010', INVALID_PROPERTY, 'CustomerRef.id');
  });

  it('answers a malformed date with a 400 Fault, not a 500', async () => {
    const month = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, TxnDate: '2026-13-45', Line: [serviceLine(10)] }, cb),
    );
    expect(expectFault(month, '2010', INVALID_PROPERTY, 'TxnDate').Detail).toContain("'2026-13-45'");
    const word = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, DueDate: 'tomorrow', Line: [serviceLine(10)] }, cb),
    );
    expectFault(word, '2010', INVALID_PROPERTY, 'DueDate');
    const ok = await call((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, TxnDate: '2026-02-28', Line: [serviceLine(10)] }, cb),
    );
    expect(ok.DueDate).toBe('2026-03-30');
  });

  it('refuses non-boolean and non-numeric values with 2010', async () => {
    const active = await callError((cb) => t.qbo.createCustomer({ DisplayName: 'Bool Co', Active: 'yes' }, cb));
    expectFault(active, '2010', INVALID_PROPERTY, 'Active');
    const online = await callError((cb) =>
      t.qbo.createInvoice(
        { CustomerRef: { value: '1' }, AllowOnlineCreditCardPayment: 1, Line: [serviceLine(10)] },
        cb,
      ),
    );
    expectFault(online, '2010', INVALID_PROPERTY, 'AllowOnlineCreditCardPayment');
    const total = await callError((cb) => t.qbo.createPayment({ CustomerRef: { value: '1' }, TotalAmt: 'ten' }, cb));
    expectFault(total, '2010', INVALID_PROPERTY, 'TotalAmt');
    const lines = await callError((cb) =>
      t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: serviceLine(10) }, cb),
    );
    expectFault(lines, '2010', INVALID_PROPERTY, 'Line');
  });
});

describe('round trip', () => {
  it('accepts back, as a full update, every entity it returned', async () => {
    const inv = await call((cb) =>
      t.qbo.createInvoice(
        {
          CustomerRef: { value: '1' },
          AllowOnlineACHPayment: true,
          BillEmail: { Address: 'a@b.co' },
          Line: [serviceLine(50)],
        },
        cb,
      ),
    );
    await call((cb) => t.qbo.sendInvoicePdf(inv.Id, null, cb));
    const pay = await call((cb) =>
      t.qbo.createPayment(
        {
          CustomerRef: { value: '1' },
          TotalAmt: 20,
          Line: [appliedLine(20, inv.Id)],
        },
        cb,
      ),
    );
    const read = { Invoice: await call((cb) => t.qbo.getInvoice(inv.Id, cb)), Payment: pay };
    const back = await call((cb) => t.qbo.updateInvoice({ ...read.Invoice, sparse: false }, cb));
    expect(back.SyncToken).toBe(String(Number(read.Invoice.SyncToken) + 1));
    const paid = await call((cb) => t.qbo.updatePayment({ ...read.Payment, sparse: false }, cb));
    expect(paid.TotalAmt).toBe(20);
  });
});

describe('sales line arithmetic', () => {
  it('refuses a line whose Amount is not Qty × UnitPrice with 6070', async () => {
    const line = { Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 2, UnitPrice: 40 } };
    const res = await callError((cb) => t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [line] }, cb));
    expect(expectFault(res, '6070', 'Amount is not equal to UnitPrice * Qty').Detail).toContain('100');
    const cents = { ...line, SalesItemLineDetail: { Qty: 3, UnitPrice: 33.333 } };
    const ok = await call((cb) => t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [cents] }, cb));
    expect(ok.TotalAmt).toBe(100);
    const half = { Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 1.5, UnitPrice: 3.33 } };
    const rounded = await call((cb) => t.qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [half] }, cb));
    expect(rounded.TotalAmt).toBe(5);
  });
});

describe('query validation and encoding', () => {
  it('refuses WHERE on a property that does not exist with 4001', async () => {
    const res = await callError((cb) => t.qbo.findCustomers([{ field: 'Nickname', value: 'x', operator: '=' }], cb));
    const err = expectFault(res, '4001', 'Invalid query');
    expect(err.Detail).toBe("QueryValidationError: property 'Nickname' is not queryable");
    const nested = await call((cb) =>
      t.qbo.findInvoices([{ field: 'MetaData.CreateTime', value: '2000-01-01', operator: '>' }], cb),
    );
    expect(nested.QueryResponse).toBeDefined();
  });

  it("decodes '+' as a space in the query string, as QBO does", async () => {
    await call((cb) => t.qbo.createCustomer({ DisplayName: 'Plus Sign Co' }, cb));
    const sql = "select+*+from+Customer+where+DisplayName+%3D+'Plus+Sign+Co'";
    const res = await fetch(`${t.emu.url}/v3/company/${t.emu.credentials.realmId}/query?query=${sql}&minorversion=75`, {
      headers: { authorization: `Bearer ${t.qbo.token}`, accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.QueryResponse.Customer.map((c: any) => c.DisplayName)).toEqual(['Plus Sign Co']);
  });
});
