import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, control, qboClient, serviceLine, startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
let qbo: any;
let accounts: Record<string, string>;
beforeAll(async () => {
  emu = await startEmulator();
  qbo = qboClient(emu);
  const found = await call((cb) => qbo.findAccounts({ fetchAll: true }, cb));
  accounts = Object.fromEntries(found.QueryResponse.Account.map((a: any) => [a.Name, a.Id]));
});
afterAll(() => emu.close());

describe('RefundReceipt', () => {
  it('refunds a customer from a bank or clearing account, replays a repeated requestid', async () => {
    const body = (amount: number, account: string) => ({
      CustomerRef: { value: '1' },
      DepositToAccountRef: { value: accounts[account] },
      PaymentRefNum: 're_1',
      Line: [serviceLine(amount)],
    });
    const r = await call((cb) => qbo.createRefundReceipt({ ...body(25, 'Stripe Clearing'), requestId: 'rr-1' }, cb));
    expect(r).toMatchObject({
      TotalAmt: 25,
      Balance: 0,
      CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
      DepositToAccountRef: { value: accounts['Stripe Clearing'], name: 'Stripe Clearing' },
      PaymentRefNum: 're_1',
      SyncToken: '0',
    });
    expect(r.DocNumber).toBeTruthy();
    const again = await call((cb) =>
      qbo.createRefundReceipt({ ...body(25, 'Stripe Clearing'), requestId: 'rr-1' }, cb),
    );
    expect(again.Id).toBe(r.Id);
    const fromUndeposited = await call((cb) => qbo.createRefundReceipt(body(10, 'Undeposited Funds'), cb));
    expect(fromUndeposited.DepositToAccountRef.name).toBe('Undeposited Funds');
    const read = await call((cb) => qbo.getRefundReceipt(r.Id, cb));
    expect(read.TotalAmt).toBe(25);
    const all = (await control(emu, '/entities?type=RefundReceipt')).entities.RefundReceipt;
    expect(all).toHaveLength(2);
  });

  it('requires DepositToAccountRef from an account money can leave, and a Line', async () => {
    const noAccount = await callError((cb) =>
      qbo.createRefundReceipt({ CustomerRef: { value: '1' }, Line: [serviceLine(5)] }, cb),
    );
    expect(noAccount.body.Fault.Error[0].code).toBe('2020');
    const income = await callError((cb) =>
      qbo.createRefundReceipt(
        { CustomerRef: { value: '1' }, DepositToAccountRef: { value: accounts['Services'] }, Line: [serviceLine(5)] },
        cb,
      ),
    );
    expect(income.body.Fault.Error[0].code).toBe('6000');
    const noLine = await callError((cb) =>
      qbo.createRefundReceipt({ CustomerRef: { value: '1' }, DepositToAccountRef: { value: accounts.Checking } }, cb),
    );
    expect(noLine.body.Fault.Error[0].code).toBe('2020');
  });
});
