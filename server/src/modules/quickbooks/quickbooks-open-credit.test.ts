import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';
import {
  invoiceInQuickBooks,
  operations,
  qbEntities,
  payNow,
  qbIdOf,
  settled,
  startQbWorld,
} from './quickbooks.test-support.js';

/**
 * A credit memo that lowers what an open invoice asks for reaches QuickBooks applied to that invoice, so
 * the QuickBooks invoice and its Pay Now link ask for Settle's balance, not the old one. Real
 * node-quickbooks against the emulator, PostgreSQL.
 */
const w = forFile(() => startQbWorld());
const c = () => w.settle.container;
const invoiceOf = (id: string) => c().db.manager.findOneByOrFail(Invoice, { id });
const qbInvoice = async (qbId: string) => (await qbEntities(w.emu, 'Invoice')).find((i) => i.Id === qbId);

describe('a credit memo on an open invoice, in QuickBooks', () => {
  it('is applied to the invoice there: its Pay Now asks for what Settle says is owed, and paying it settles the invoice exactly', async () => {
    const s = await invoiceInQuickBooks(w, 60); // 100.00
    const { creditMemo } = await c().settlement.issueCreditMemo(s.org.id, SYSTEM_ACTOR, {
      invoiceId: s.invoice.id,
      amount: 4000,
      reason: 'Goodwill',
    });
    await settled(w, s.org.id);
    expect((await invoiceOf(s.invoice.id)).balanceDue).toBe(6000);
    expect((await qbInvoice(s.qbId)).Balance).toBe(60);
    const memoQbId = await qbIdOf(w, s.org.id, 'CREDIT_MEMO', creditMemo.id);
    expect((await qbEntities(w.emu, 'CreditMemo')).find((m) => m.Id === memoQbId)).toMatchObject({
      TotalAmt: 40,
      RemainingCredit: 0,
    });

    // Run again, the application's link forgotten: QuickBooks' requestid answers, nothing is booked twice.
    await c().db.query(`DELETE FROM qbo_links WHERE org_id = $1 AND settle_type = 'CREDIT_APPLICATION'`, [s.org.id]);
    await c().db.transaction((tx) =>
      enqueueOperation(tx, s.org.id, OpKind.PUSH_CREDIT_MEMO, creditMemo.id, {
        version: 2,
        payload: { applyToInvoice: true },
      }),
    );
    await settled(w, s.org.id);
    expect((await qbInvoice(s.qbId)).Balance).toBe(60);
    const applications = (await qbEntities(w.emu, 'Payment')).filter((p) =>
      p.Line?.some((l: any) => l.LinkedTxn?.some((t: any) => t.TxnId === memoQbId)),
    );
    expect(applications).toHaveLength(1);

    // The client pays what Pay Now asks: 60.00, and the invoice is paid, nothing over.
    const paid = await payNow(s.link);
    expect(paid.status).toBe(200);
    const inv = await eventually(async () => {
      const i = await invoiceOf(s.invoice.id);
      return i.status === InvoiceStatus.PAID ? i : null;
    }, 'the Pay Now payment recorded');
    expect(inv).toMatchObject({ amountPaid: 6000, amountCredited: 4000, balanceDue: 0 });
    const [{ n }] = await c().db.query(`SELECT count(*)::int AS n FROM payment_exceptions WHERE invoice_id = $1`, [
      s.invoice.id,
    ]);
    expect(n).toBe(0);
    expect((await operations(w, s.org.id)).filter((o) => o.status === 'FAILED')).toEqual([]);
  });

  it('an invoice voided after its memo was applied is voided in QuickBooks too', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    await c().settlement.issueCreditMemo(s.org.id, SYSTEM_ACTOR, {
      invoiceId: s.invoice.id,
      amount: 2500,
      reason: 'Goodwill',
    });
    await settled(w, s.org.id);
    expect((await qbInvoice(s.qbId)).Balance).toBe(75);
    await c().invoices.void(s.org.id, SYSTEM_ACTOR, s.invoice.id);
    await settled(w, s.org.id);
    expect((await operations(w, s.org.id)).map((o) => [o.kind, o.status])).toContainEqual(['VOID_INVOICE', 'DONE']);
    expect((await qbInvoice(s.qbId)).Balance).toBe(0);
  });
});
