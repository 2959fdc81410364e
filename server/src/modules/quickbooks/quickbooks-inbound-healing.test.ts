import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { paidThenCredited } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import { clientCreditsOf } from '../client-credits/client-credits.services.js';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';
import { QuickBooksException } from './quickbooks.entities.js';
import { PaymentException } from '../payment-exceptions/payment-exception.entity.js';
import * as qb from './quickbooks.test-support.js';

/** QuickBooks payments Settle must not miss: applied later, paid on a draft, or next to Settle's own Payments. */
const w = forFile(() => qb.startQbWorld());
const c = () => w.settle.container;
const invoiceOf = (id: string) => c().db.manager.findOneByOrFail(Invoice, { id });
const qbPaymentsOn = (invoiceId: string) =>
  c().db.manager.findBy(Payment, { invoiceId, source: PaymentSource.QUICKBOOKS });
const exceptionsOf = (orgId: string) =>
  c().db.manager.find(QuickBooksException, { where: { orgId, kind: 'INBOUND_PAYMENT' }, order: { createdAt: 'ASC' } });
/** A QuickBooks Payment of `total` for a customer, applied as `lines` (QuickBooks invoice id, amount in dollars). */
const qbPayment = (qbo: any, customerRef: unknown, total: number, lines: Array<[string, number]>) =>
  qb.call<any>((cb) =>
    qbo.createPayment(
      {
        CustomerRef: customerRef,
        TotalAmt: total,
        Line: lines.map(([txnId, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: txnId, TxnType: 'Invoice' }] })),
      },
      cb,
    ),
  );
/** Runs `f` with QuickBooks' webhooks going nowhere, so only the CDC poll can tell Settle. */
async function withoutWebhooks<T>(f: () => Promise<T>): Promise<T> {
  const to = (url: string) =>
    qb.control(w.emu, '/webhooks', { url, verifierToken: w.emu.credentials.webhookVerifierToken });
  await to('http://127.0.0.1:9/nowhere');
  try {
    return await f();
  } finally {
    await to(`${w.settle.url}/webhooks/quickbooks`);
  }
}

describe('QuickBooks payments Settle must not miss', () => {
  it('money left unapplied on a QuickBooks payment, applied later to a second invoice, is recorded there', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60); // A: 100.00
    const b = await qb.sendLinesToQb(w, s.org.id, s.fixture.client.id, [[5000, 0]]); // B: 50.00
    await qb.settled(w, s.org.id);
    const bQb = (await qb.qbIdOf(w, s.org.id, 'INVOICE', b.id))!;
    const qbA = await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
    // One check of 150.00: 100 applied to A, 50 left unapplied.
    const pay = await qbPayment(s.qbo, qbA.CustomerRef, 150, [[s.qbId, 100]]);
    await eventually(async () => (await invoiceOf(s.invoice.id)).status === 'PAID', 'A paid from QuickBooks');
    // Later the bookkeeper applies the 50 to B.
    await qb.call((cb) =>
      s.qbo.updatePayment(
        {
          Id: pay.Id,
          SyncToken: pay.SyncToken,
          sparse: true,
          Line: [
            { Amount: 100, LinkedTxn: [{ TxnId: s.qbId, TxnType: 'Invoice' }] },
            { Amount: 50, LinkedTxn: [{ TxnId: bQb, TxnType: 'Invoice' }] },
          ],
        },
        cb,
      ),
    );
    await eventually(async () => (await invoiceOf(b.id)).status === 'PAID', 'B paid by the later application');
    expect((await qbPaymentsOn(b.id)).map((p) => [p.externalId, p.amount])).toEqual([[`${pay.Id}:${bQb}`, 5000]]);
    // A is as it was; the CDC poll reading the same Payment again records nothing more.
    expect((await qbPaymentsOn(s.invoice.id)).map((p) => [p.externalId, p.amount])).toEqual([[pay.Id, 10000]]);
    await qb.quickBooksOf(c()).inbound.pollCdc(s.org.id);
    expect(await qbPaymentsOn(b.id)).toHaveLength(1);
  });

  it('a QuickBooks payment on an invoice still a draft in Settle is recorded once the invoice is sent', async () => {
    const { draft, ...o } = await qb.bookingSetup(w, 10000);
    const d = await draft(60);
    await c().db.transaction((tx) => enqueueOperation(tx, o.org.id, OpKind.PUSH_INVOICE, d.id));
    await qb.settled(w, o.org.id);
    const qbId = (await qb.qbIdOf(w, o.org.id, 'INVOICE', d.id))!;
    const qbo = await qb.directClient(w.emu);
    const qbInv = await qb.call<any>((cb) => qbo.getInvoice(qbId, cb));
    const pay = await qbPayment(qbo, qbInv.CustomerRef, 100, [[qbId, 100]]);
    const [refused] = await eventually(async () => {
      const found = await exceptionsOf(o.org.id);
      return found.length ? found : null;
    }, 'the refused payment raised');
    expect(refused!.message).toMatch(/draft/i);
    // The CDC poll meets it again: still one exception.
    await qb.quickBooksOf(c()).inbound.pollCdc(o.org.id);
    expect(await exceptionsOf(o.org.id)).toHaveLength(1);

    await c().invoices.send(o.org.id, SYSTEM_ACTOR, d.id, { destinations: ['EMAIL'] });
    await eventually(async () => (await invoiceOf(d.id)).status === 'PAID', 'the payment recorded once sent');
    expect((await qbPaymentsOn(d.id)).map((p) => [p.externalId, p.amount])).toEqual([[pay.Id, 10000]]);
    expect((await exceptionsOf(o.org.id)).map((x) => x.resolvedBy)).toEqual(['Settle (recorded)']);
  });

  it("Settle's Payment of 0 for client credit, its memo edited in QuickBooks, is not new money nor a stall", async () => {
    const { sentToQb, ...o } = await qb.bookingSetup(w, 10000);
    const paid = await sentToQb();
    await paidThenCredited(c(), o.org.id, paid, 3000);
    const inv = await sentToQb();
    await qb.settled(w, o.org.id);
    const applied = await clientCreditsOf(c()).credits.apply(o.org.id, SYSTEM_ACTOR, inv.id);
    await qb.settled(w, o.org.id);
    const qbApplication = (await qb.qbIdOf(w, o.org.id, 'CREDIT_APPLICATION', applied.creditMemo.id))!;
    const qbo = await qb.directClient(w.emu);
    const p = await qb.call<any>((cb) => qbo.getPayment(qbApplication, cb));
    const invQb = (await qb.qbIdOf(w, o.org.id, 'INVOICE', inv.id))!;
    const qbInv = await qb.call<any>((cb) => qbo.getInvoice(invQb, cb));
    // The bookkeeper retypes the memo of Settle's Payment; then a real check for the rest, entered in QuickBooks.
    const check = await withoutWebhooks(async () => {
      await qb.call((cb) =>
        qbo.updatePayment({ Id: p.Id, SyncToken: p.SyncToken, sparse: true, PrivateNote: 'credit applied per J.' }, cb),
      );
      return qbPayment(qbo, qbInv.CustomerRef, 70, [[invQb, 70]]);
    });
    await qb.quickBooksOf(c()).inbound.pollCdc(o.org.id);
    expect(await invoiceOf(inv.id)).toMatchObject({ status: 'PAID', balanceDue: 0 });
    expect((await qbPaymentsOn(inv.id)).map((x) => [x.externalId, x.amount])).toEqual([[check.Id, 7000]]);
    expect(await exceptionsOf(o.org.id)).toEqual([]);
  });

  it('a QuickBooks payment that fails unexpectedly holds back neither the others nor the watermark, and can be retried', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const b = await qb.sendLinesToQb(w, s.org.id, s.fixture.client.id, [[5000, 0]]);
    await qb.settled(w, s.org.id);
    const bQb = (await qb.qbIdOf(w, s.org.id, 'INVOICE', b.id))!;
    const qbA = await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
    const inbound = qb.quickBooksOf(c()).inbound;
    const original = inbound.applyPayment.bind(inbound);
    const first = await withoutWebhooks(async () => {
      const made = await qbPayment(s.qbo, qbA.CustomerRef, 100, [[s.qbId, 100]]);
      await qbPayment(s.qbo, qbA.CustomerRef, 50, [[bQb, 50]]);
      // Booking the first one fails for a reason Settle did not foresee (the database, a bug).
      inbound.applyPayment = async (conn, qb, pay) => {
        if (typeof pay !== 'string' && String(pay.Id) === String(made.Id)) throw new Error('connection reset');
        return original(conn, qb, pay);
      };
      try {
        await inbound.pollCdc(s.org.id);
      } finally {
        inbound.applyPayment = original;
      }
      return made;
    });
    expect((await invoiceOf(b.id)).status).toBe('PAID');
    const [failed] = await exceptionsOf(s.org.id);
    expect(failed).toMatchObject({ canRetry: true, resolvedAt: null });
    expect(failed!.message).toContain(`QuickBooks payment ${first.Id} could not be read into Settle: connection reset`);
    // Retried by a person: read again and recorded; the exception resolved by it.
    const retried = await w.settle.gql(
      `mutation($id: ID!) { retryQuickBooksException(id: $id) { id } }`,
      { id: failed!.id },
      s.token,
    );
    expect(retried.errors).toBeUndefined();
    await eventually(async () => (await invoiceOf(s.invoice.id)).status === 'PAID', 'the retried payment recorded');
    expect((await exceptionsOf(s.org.id))[0]!.resolvedBy).toBe('Settle (recorded)');
  });

  it('money past the balance, then taken away in QuickBooks: its payment exception claims only what is still there', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60); // 100.00; a 40.00 discount in Settle, which QuickBooks does not know
    // A bookkeeper takes the discount off the invoice in QuickBooks (voids its application): it asks for 100.00.
    await qb.discountTakenOffInQuickBooks(w, s, 4000);
    const qbA = await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
    const pay = await qbPayment(s.qbo, qbA.CustomerRef, 100, [[s.qbId, 100]]);
    const exceptionOf = () => c().db.manager.findOneByOrFail(PaymentException, { invoiceId: s.invoice.id });
    await eventually(async () => (await qbPaymentsOn(s.invoice.id)).length === 1, 'the 100.00 recorded');
    expect(await exceptionOf()).toMatchObject({ amount: 4000, status: 'OPEN' });
    const edit = async (dollars: number) => {
      await qb.editQbPaymentAmount(s.qbo, pay.Id, s.qbId, dollars);
      await eventually(async () => (await invoiceOf(s.invoice.id)).amountPaid === dollars * 100, `paid ${dollars}`);
    };
    await edit(80); // 20.00 of the excess is gone, 20.00 is left to refund or keep
    expect(await exceptionOf()).toMatchObject({ amount: 2000, status: 'OPEN' });
    await edit(60); // no excess left
    expect(await exceptionOf()).toMatchObject({ amount: 2000, status: 'DISMISSED' });
    expect((await exceptionOf()).resolutionNote).toMatch(/^The money past the balance is gone: QuickBooks payment/);
  });
});
