import { describe, expect, it } from 'vitest';
import { editedInQuickBooks, ownedCustomer, ownedInvoice } from './quickbooks-conflicts.js';

const invoice = (memo: string, amount: number, extra: Record<string, unknown> = {}) => ({
  DueDate: '2026-12-31',
  CustomerMemo: { value: memo },
  Line: [
    { DetailType: 'SalesItemLineDetail', Amount: amount, Description: 'Support' },
    { DetailType: 'SubTotalLineDetail', Amount: amount },
  ],
  ...extra,
});

describe('edits made in QuickBooks (pure)', () => {
  it('what QuickBooks changes itself (balance, links, SyncToken, subtotal) is not an edit of what Settle owns', () => {
    const pushed = ownedInvoice(invoice('Thanks', 100));
    const current = ownedInvoice(invoice('Thanks', 100, { Balance: 0, SyncToken: '7', LinkedTxn: [{ TxnId: '9' }] }));
    expect(editedInQuickBooks(pushed, current, ownedInvoice(invoice('Thanks', 120)))).toBeNull();
  });

  it("an edit in QuickBooks that Settle's version would overwrite lists each differing field", () => {
    const pushed = ownedInvoice(invoice('Thanks', 100));
    const current = ownedInvoice(invoice('Edited in QBO', 100));
    expect(editedInQuickBooks(pushed, current, ownedInvoice(invoice('Thanks', 120)))).toEqual([
      { field: 'CustomerMemo', settle: 'Thanks', quickBooks: 'Edited in QBO' },
      { field: 'Line[0].Amount', settle: '120', quickBooks: '100' },
    ]);
  });

  it("no conflict when QuickBooks already has Settle's version, or Settle never recorded what it pushed", () => {
    const settle = ownedCustomer({ DisplayName: 'Acme', PrimaryEmailAddr: { Address: 'ap@acme.test' } });
    const pushed = ownedCustomer({ DisplayName: 'Old', PrimaryEmailAddr: { Address: 'ap@acme.test' } });
    expect(editedInQuickBooks(pushed, settle, settle)).toBeNull();
    expect(editedInQuickBooks(null, ownedCustomer({ DisplayName: 'Other' }), settle)).toBeNull();
    expect(
      editedInQuickBooks(
        pushed,
        ownedCustomer({ DisplayName: 'Other', PrimaryEmailAddr: { Address: 'ap@acme.test' } }),
        settle,
      ),
    ).toEqual([{ field: 'DisplayName', settle: 'Acme', quickBooks: 'Other' }]);
  });
});
