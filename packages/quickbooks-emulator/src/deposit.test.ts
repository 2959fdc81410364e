import { beforeAll, describe, expect, it } from 'vitest';
import { call, callError, control, emulatorForFile } from './testing.js';

const world = emulatorForFile();
let accounts: Record<string, string>;
beforeAll(async () => {
  const found = await call((cb) => world.qbo.findAccounts({ fetchAll: true }, cb));
  accounts = Object.fromEntries(found.QueryResponse.Account.map((a: any) => [a.Name, a.Id]));
});

const fromAccount = (amount: number, account: string) => ({
  Amount: amount,
  DetailType: 'DepositLineDetail',
  DepositLineDetail: { AccountRef: { value: accounts[account] } },
});
const errorCode = (r: { body: any }) => r.body.Fault.Error[0].code as string;

describe('Deposit', () => {
  it('moves a payout from a clearing account into the bank; a repeated requestid replays it', async () => {
    // node-quickbooks takes `requestId` off the object it sends: each call gets a fresh body.
    const body = () => ({
      DepositToAccountRef: { value: accounts.Checking },
      TxnDate: '2026-11-20',
      PrivateNote: 'Stripe payout po_1',
      Line: [fromAccount(96.8, 'Stripe Clearing')],
      requestId: 'dep-1',
    });
    const d = await call((cb) => world.qbo.createDeposit(body(), cb));
    expect(d).toMatchObject({
      TotalAmt: 96.8,
      TxnDate: '2026-11-20',
      SyncToken: '0',
      DepositToAccountRef: { value: accounts.Checking, name: 'Checking' },
      Line: [
        {
          Amount: 96.8,
          DetailType: 'DepositLineDetail',
          DepositLineDetail: { AccountRef: { value: accounts['Stripe Clearing'], name: 'Stripe Clearing' } },
        },
      ],
    });
    expect((await call((cb) => world.qbo.createDeposit(body(), cb))).Id).toBe(d.Id);
    expect((await call((cb) => world.qbo.getDeposit(d.Id, cb))).TotalAmt).toBe(96.8);
    const found = await call((cb) => world.qbo.findDeposits([{ field: 'TxnDate', value: '2026-11-20' }], cb));
    expect(found.QueryResponse.Deposit.map((x: any) => x.Id)).toEqual([d.Id]);
    expect((await control(world.emu, '/entities?type=Deposit')).entities.Deposit).toHaveLength(1);
  });

  it('deposits a payment held in Undeposited Funds once, for its whole amount, less a negative fee line', async () => {
    const payment = await call((cb) => world.qbo.createPayment({ CustomerRef: { value: '1' }, TotalAmt: 50 }, cb));
    expect(payment.DepositToAccountRef.name).toBe('Undeposited Funds');
    const linked = (amount: number) => ({ Amount: amount, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] });
    const partial = await callError((cb) =>
      world.qbo.createDeposit({ DepositToAccountRef: { value: accounts.Checking }, Line: [linked(20)] }, cb),
    );
    expect(errorCode(partial)).toBe('6000');
    const d = await call((cb) =>
      world.qbo.createDeposit(
        { DepositToAccountRef: { value: accounts.Checking }, Line: [linked(50), fromAccount(-1.75, 'Stripe Fees')] },
        cb,
      ),
    );
    expect(d.TotalAmt).toBe(48.25);
    expect(d.Line[0].LinkedTxn).toEqual([{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }]);
    const twice = await callError((cb) =>
      world.qbo.createDeposit({ DepositToAccountRef: { value: accounts.Checking }, Line: [linked(50)] }, cb),
    );
    expect(errorCode(twice)).toBe('6000');
  });

  it('keeps a deposited payment: void, delete and a new amount are 6540 until its deposit is deleted', async () => {
    const payment = await call((cb) => world.qbo.createPayment({ CustomerRef: { value: '1' }, TotalAmt: 30 }, cb));
    const d = await call((cb) =>
      world.qbo.createDeposit(
        {
          DepositToAccountRef: { value: accounts.Checking },
          Line: [{ Amount: 30, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] }],
        },
        cb,
      ),
    );
    const ref = { Id: payment.Id, SyncToken: payment.SyncToken };
    const refused = [
      await callError((cb) => world.qbo.voidPayment({ ...ref }, cb)),
      await callError((cb) => world.qbo.deletePayment({ ...ref }, cb)),
      await callError((cb) => world.qbo.updatePayment({ ...ref, TotalAmt: 31 }, cb)),
    ];
    for (const r of refused) {
      expect(r.status).toBe(400);
      expect(r.body.Fault.Error[0]).toMatchObject({ code: '6540', Message: 'Deposited Transaction cannot be changed' });
    }
    // Nothing was written: the payment and its deposit are as they were.
    expect(await call((cb) => world.qbo.getPayment(payment.Id, cb))).toMatchObject({ SyncToken: '0', TotalAmt: 30 });
    expect((await call((cb) => world.qbo.getDeposit(d.Id, cb))).TotalAmt).toBe(30);
    // A memo is not what the deposit took; once the deposit is gone the payment can be voided.
    const noted = await call((cb) => world.qbo.updatePayment({ ...ref, PrivateNote: 'cheque 12' }, cb));
    await call((cb) => world.qbo.deleteDeposit({ Id: d.Id, SyncToken: d.SyncToken }, cb));
    const voided = await call((cb) => world.qbo.voidPayment({ Id: payment.Id, SyncToken: noted.SyncToken }, cb));
    expect(voided.TotalAmt).toBe(0);
  });

  it('refuses what QBO refuses: no account or lines, an income account, a negative total, an unknown property', async () => {
    const create = (body: object) => callError((cb) => world.qbo.createDeposit(body, cb));
    expect(errorCode(await create({ Line: [fromAccount(5, 'Stripe Clearing')] }))).toBe('2020');
    expect(errorCode(await create({ DepositToAccountRef: { value: accounts.Checking } }))).toBe('2020');
    expect(
      errorCode(
        await create({ DepositToAccountRef: { value: accounts.Services }, Line: [fromAccount(5, 'Stripe Clearing')] }),
      ),
    ).toBe('6000');
    expect(
      errorCode(
        await create({ DepositToAccountRef: { value: accounts.Checking }, Line: [fromAccount(-5, 'Stripe Clearing')] }),
      ),
    ).toBe('6000');
    expect(
      errorCode(
        await create({
          DepositToAccountRef: { value: accounts.Checking },
          Line: [fromAccount(5, 'Stripe Clearing')],
          Bogus: 1,
        }),
      ),
    ).toBe('2010');
  });
});
