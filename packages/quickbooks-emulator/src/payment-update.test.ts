import { describe, expect, it } from 'vitest';
import { appliedLine, call, callError, emulatorForFile, serviceLine } from './testing.js';

const t = emulatorForFile();

/**
 * Applying a Payment's unapplied amount to another invoice, as a QuickBooks user (or Settle spending
 * client credit kept from an overpayment) does: a sparse update of the Payment with its whole Line array
 * plus a new line linking the invoice.
 */
describe('Payment sparse update', () => {
  const invoice = (amount: number) =>
    call((cb) => t.qbo.createInvoice({ CustomerRef: { value: '3' }, Line: [serviceLine(amount)] }, cb));
  const read = (kind: 'Payment' | 'Invoice', id: string) => call((cb) => t.qbo[`get${kind}`](id, cb));

  /** A 150.00 Payment of which 100.00 pays `first`: 50.00 unapplied. */
  async function overpaid() {
    const first = await invoice(100);
    const second = await invoice(80);
    const pay = await call((cb) =>
      t.qbo.createPayment({ CustomerRef: { value: '3' }, TotalAmt: 150, Line: [appliedLine(100, first.Id)] }, cb),
    );
    expect(pay).toMatchObject({ TotalAmt: 150, UnappliedAmt: 50, SyncToken: '0' });
    return { first, second, pay };
  }

  it('adds a line: the linked invoice Balance drops, UnappliedAmt is recomputed, the SyncToken moves on', async () => {
    const { first, second, pay } = await overpaid();
    const updated = await call((cb) =>
      t.qbo.updatePayment(
        {
          Id: pay.Id,
          SyncToken: pay.SyncToken,
          sparse: true,
          Line: [...pay.Line, appliedLine(30, second.Id)],
          UnappliedAmt: 999, // read-only: QuickBooks computes it
        },
        cb,
      ),
    );
    expect(updated).toMatchObject({ TotalAmt: 150, UnappliedAmt: 20, SyncToken: '1', CustomerRef: { value: '3' } });
    expect(updated.Line.map((l: any) => [l.Amount, l.LinkedTxn[0].TxnId])).toEqual([
      [100, first.Id],
      [30, second.Id],
    ]);
    expect(await read('Invoice', second.Id)).toMatchObject({
      Balance: 50,
      LinkedTxn: [{ TxnId: pay.Id, TxnType: 'Payment' }],
    });
    expect(await read('Invoice', first.Id)).toMatchObject({ Balance: 0 });
    // Fields not sent in a sparse update stay as they were.
    expect((await read('Payment', pay.Id)).DepositToAccountRef).toEqual(pay.DepositToAccountRef);
  });

  it('refuses a stale SyncToken with 5010 and changes nothing', async () => {
    const { second, pay } = await overpaid();
    await call((cb) => t.qbo.updatePayment({ Id: pay.Id, SyncToken: '0', sparse: true, PrivateNote: 'edited' }, cb));
    const stale = await callError((cb) =>
      t.qbo.updatePayment(
        { Id: pay.Id, SyncToken: '0', sparse: true, Line: [...pay.Line, appliedLine(30, second.Id)] },
        cb,
      ),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect(await read('Payment', pay.Id)).toMatchObject({ SyncToken: '1', UnappliedAmt: 50 });
    expect(await read('Invoice', second.Id)).toMatchObject({ Balance: 80 });
  });

  it('refuses lines past TotalAmt or past an invoice balance (6000), keeping the Payment as it was', async () => {
    const { second, pay } = await overpaid();
    const pastTotal = await callError((cb) =>
      t.qbo.updatePayment(
        { Id: pay.Id, SyncToken: pay.SyncToken, sparse: true, Line: [...pay.Line, appliedLine(60, second.Id)] },
        cb,
      ),
    );
    expect(pastTotal.body.Fault.Error[0].code).toBe('6000');
    expect(pastTotal.body.Fault.Error[0].Detail).toContain('less than the total amount applied');
    const pastBalance = await callError((cb) =>
      t.qbo.updatePayment(
        {
          Id: pay.Id,
          SyncToken: pay.SyncToken,
          sparse: true,
          TotalAmt: 500,
          Line: [...pay.Line, appliedLine(90, second.Id)],
        },
        cb,
      ),
    );
    expect(pastBalance.body.Fault.Error[0].Detail).toContain('exceeds its open balance (80)');
    expect(await read('Payment', pay.Id)).toMatchObject({ SyncToken: '0', TotalAmt: 150, UnappliedAmt: 50 });
    expect(await read('Invoice', second.Id)).toMatchObject({ Balance: 80 });
  });

  it('a repeated requestid replays the first answer instead of applying twice', async () => {
    const { second, pay } = await overpaid();
    const body = () => ({
      Id: pay.Id,
      SyncToken: pay.SyncToken,
      sparse: true,
      Line: [...pay.Line, appliedLine(30, second.Id)],
      requestId: 'apply-credit-1',
    });
    const once = await call((cb) => t.qbo.updatePayment(body(), cb));
    const twice = await call((cb) => t.qbo.updatePayment(body(), cb));
    expect(twice).toEqual(once);
    expect(await read('Payment', pay.Id)).toMatchObject({ SyncToken: '1', UnappliedAmt: 20 });
    expect(await read('Invoice', second.Id)).toMatchObject({ Balance: 50 });
  });
});
