import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import * as qb from './quickbooks.test-support.js';

// An invoice voided or deleted in QuickBooks while Settle still collects it.
const w = forFile(() => qb.startQbWorld());

describe('an invoice removed in QuickBooks', () => {
  it('voided there while open in Settle: a person is told at once', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    await qb.call((cb) => s.qbo.voidInvoice(s.qbId, cb));
    const list = await qb.raisedQbExceptions(w, s.token, 'the void to be raised');
    expect(list).toEqual([
      {
        kind: 'INVOICE_CHANGED_IN_QUICKBOOKS',
        message: expect.stringContaining(`Invoice ${s.invoice.number} was voided in QuickBooks but is open in Settle`),
      },
    ]);
  });

  it("Settle's own void reaching QuickBooks raises nothing", async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    await w.settle.container.invoices.void(s.org.id, SYSTEM_ACTOR, s.invoice.id);
    await qb.settled(w, s.org.id);
    await new Promise((r) => setTimeout(r, 800)); // its Void notification comes back
    expect(await qb.qbExceptionsVia(w, s.token)).toEqual([]);
  });
});
