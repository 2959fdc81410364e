import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { call, invoiceInQuickBooks, settled, startQbWorld } from './quickbooks.test-support.js';

// An invoice voided or deleted in QuickBooks while Settle still collects it.
const w = forFile(() => startQbWorld());

const EXCEPTIONS = `{ quickBooksExceptions {nodes{ kind message }} }`;

describe('an invoice removed in QuickBooks', () => {
  it('voided there while open in Settle: a person is told at once', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    await call((cb) => s.qbo.voidInvoice(s.qbId, cb));
    let list: any[] = [];
    await eventually(async () => {
      list = (await w.settle.gql(EXCEPTIONS, {}, s.token)).data.quickBooksExceptions.nodes;
      return list.length > 0;
    }, 'the void to be raised');
    expect(list).toEqual([
      {
        kind: 'INVOICE_CHANGED_IN_QUICKBOOKS',
        message: expect.stringContaining(`Invoice ${s.invoice.number} was voided in QuickBooks but is open in Settle`),
      },
    ]);
  });

  it("Settle's own void reaching QuickBooks raises nothing", async () => {
    const s = await invoiceInQuickBooks(w, 60);
    await w.settle.container.invoices.void(s.org.id, SYSTEM_ACTOR, s.invoice.id);
    await settled(w, s.org.id);
    await new Promise((r) => setTimeout(r, 800)); // its Void notification comes back
    expect((await w.settle.gql(EXCEPTIONS, {}, s.token)).data.quickBooksExceptions.nodes).toEqual([]);
  });
});
