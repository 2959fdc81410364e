import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { creditToClient, payByCheck } from '../../../test/fixtures.js';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentKind, PaymentSource } from '../payments/payment.entity.js';
import * as qb from '../quickbooks/quickbooks.test-support.js';
import { clientCreditsOf } from './client-credits.services.js';

const w = forFile(() => qb.startQbWorld());
const a = SYSTEM_ACTOR;
const c = () => w.settle.container;
const credits = () => clientCreditsOf(c()).credits;

const invoiceOf = (id: string) => c().db.manager.findOneByOrFail(Invoice, { id });
const creditOf = async (clientId: string) =>
  Number(
    (
      (await c().db.query(`SELECT COALESCE(SUM(amount), 0)::bigint AS b FROM client_credits WHERE client_id = $1`, [
        clientId,
      ])) as Array<{ b: string }>
    )[0]!.b,
  );
const takenBack = (clientId: string) =>
  c().db.query(
    `SELECT amount::int, payment_id, invoice_id FROM client_credits WHERE client_id = $1 AND source = 'TAKEN_BACK'`,
    [clientId],
  ) as Promise<Array<{ amount: number; payment_id: string; invoice_id: string }>>;
const takeBackAudits = (invoiceId: string) =>
  c().db.query(
    `SELECT after->>'takenBack' AS taken, after->>'alreadySpent' AS spent, after->'cause'->>'id' AS cause
       FROM audit_events WHERE entity_id = $1 AND action = 'invoice.kept_credit_taken_back' ORDER BY id`,
    [invoiceId],
  ) as Promise<Array<{ taken: string; spent: string; cause: string }>>;
const money = (i: Invoice) => ({
  status: i.status,
  amountPaid: i.amountPaid,
  amountKeptAsCredit: i.amountKeptAsCredit,
  amountCredited: i.amountCredited,
  balanceDue: i.balanceDue,
});

/** An invoice whose payment is gone: nothing paid, `kept` still counted as kept credit, `credited` by memos. */
const unpaid = (amountKeptAsCredit: number, amountCredited: number, balanceDue: number) => ({
  status: 'PARTIALLY_PAID',
  amountPaid: 0,
  amountKeptAsCredit,
  amountCredited,
  balanceDue,
});

/** What a payment's deletion (`reversal`) left: the client's credit, the invoice's money, the take-backs it wrote. */
async function leftAfter(s: { clientId: string; invoice: { id: string } }, reversal: { id: string }) {
  const rows = await takenBack(s.clientId);
  expect(rows.every((r) => r.payment_id === reversal.id && r.invoice_id === s.invoice.id)).toBe(true);
  return {
    credit: await creditOf(s.clientId),
    invoice: money(await invoiceOf(s.invoice.id)),
    takenBack: rows.map((r) => r.amount),
  };
}

/** The QuickBooks payment deleted (see paidInQuickBooks): no credit is left, and the invoice and take-backs are `left`. */
async function deletedLeavingNoCredit(
  s: Awaited<ReturnType<typeof paidInQuickBooks>>,
  left: { invoice: ReturnType<typeof unpaid>; takenBack: number[] },
) {
  const reversal = await s.deleteInQuickBooks();
  expect(await leftAfter(s, reversal)).toEqual({ credit: 0, ...left });
  return reversal;
}

/** A 100.00 invoice in QuickBooks (after `before` ran in Settle) paid there by one Payment of what QuickBooks says is due. */
async function paidInQuickBooks(before?: (s: Awaited<ReturnType<typeof qb.invoiceInQuickBooks>>) => Promise<void>) {
  const s = await qb.invoiceInQuickBooks(w, 60);
  if (before) await before(s);
  await qb.settled(w, s.org.id);
  const qbInvoice = await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
  const amount = Number(qbInvoice.Balance);
  const pay = await qb.call<any>((cb) =>
    s.qbo.createPayment(
      {
        CustomerRef: qbInvoice.CustomerRef,
        TotalAmt: amount,
        Line: [{ Amount: amount, LinkedTxn: [{ TxnId: s.qbId, TxnType: 'Invoice' }] }],
      },
      cb,
    ),
  );
  await eventually(async () => (await invoiceOf(s.invoice.id)).amountPaid === 10000, 'the QuickBooks payment booked');
  const clientId = s.fixture.client.id;
  /** The bookkeeper deletes the Payment in QuickBooks (the check bounced); Settle books the reversal. */
  const deleteInQuickBooks = async () => {
    await qb.call((cb) => s.qbo.deletePayment(pay.Id, cb));
    await eventually(async () => (await invoiceOf(s.invoice.id)).amountPaid === 0, 'the deletion booked');
    return c().db.manager.findOneByOrFail(Payment, {
      orgId: s.org.id,
      invoiceId: s.invoice.id,
      kind: PaymentKind.ADJUSTMENT,
    });
  };
  return { ...s, clientId, deleteInQuickBooks };
}

/** The exception the overpayment raised on `invoiceId`, kept as the client's credit. */
async function keepOverpaymentAsCredit(orgId: string, invoiceId: string) {
  const exc = await eventually(async () => {
    const [row] = (await c().db.query(`SELECT id, amount::int FROM payment_exceptions WHERE invoice_id = $1`, [
      invoiceId,
    ])) as Array<{ id: string; amount: number }>;
    return row;
  }, 'the overpayment raised');
  await credits().keepExceptionAsCredit(orgId, a, exc.id);
  return exc;
}

/**
 * A 40.00 discount in Settle that QuickBooks does not know: it reaches QuickBooks applied to the invoice,
 * and a bookkeeper takes it off there (voids its application), so QuickBooks still asks for 100.00.
 */
async function discountOf40(s: Awaited<ReturnType<typeof qb.invoiceInQuickBooks>>) {
  await qb.discountTakenOffInQuickBooks(w, s, 4000);
}

describe('credit kept out of money that is gone is taken back', () => {
  it('a memo to client credit, then the QuickBooks payment deleted: the credit goes, the memo still credits the invoice', async () => {
    const s = await paidInQuickBooks();
    await creditToClient(c(), s.org.id, s.invoice.id, 3000, 'Goodwill to the account');
    expect(await creditOf(s.clientId)).toBe(3000);

    // Nothing was paid: the 30.00 of credit made of that money is taken back, and the invoice owes what
    // it would owe had the payment never come: 100.00 less the 30.00 the memo credited it.
    const reversal = await deletedLeavingNoCredit(s, { invoice: unpaid(0, 3000, 7000), takenBack: [-3000] });
    expect(await takeBackAudits(s.invoice.id)).toEqual([{ taken: '3000', spent: '0', cause: reversal.id }]);
    // No credit left to spend on it.
    await expect(credits().apply(s.org.id, a, s.invoice.id)).rejects.toThrow(/no credit/);
  });

  it('an overpayment kept as credit, then the QuickBooks payment deleted: no credit from nothing', async () => {
    // 100.00 less a 40.00 discount in Settle; QuickBooks still asks 100.00 and gets it: 40.00 over, kept as credit.
    const s = await paidInQuickBooks(discountOf40);
    const exc = await keepOverpaymentAsCredit(s.org.id, s.invoice.id);
    expect(exc.amount).toBe(4000);
    expect(await creditOf(s.clientId)).toBe(4000);

    await deletedLeavingNoCredit(s, { invoice: unpaid(0, 4000, 6000), takenBack: [-4000] });
  });

  it('credit already spent stays owed on the invoice whose payment was deleted; the ledger never goes below 0', async () => {
    const s = await paidInQuickBooks(discountOf40);
    await keepOverpaymentAsCredit(s.org.id, s.invoice.id);
    // 25.00 of the 40.00 is spent on another invoice of the client.
    const other = await qb.sendLinesToQb(w, s.org.id, s.clientId, [[5000, 0]]);
    const spent = await credits().apply(s.org.id, a, other.id, 2500);
    expect(spent.invoice).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 2500 });
    expect(await creditOf(s.clientId)).toBe(1500);

    // The 15.00 left is taken back; the 25.00 spent is owed here: 60.00 for the invoice, 25.00 for the credit.
    const reversal = await deletedLeavingNoCredit(s, { invoice: unpaid(2500, 4000, 8500), takenBack: [-1500] });
    expect(await takeBackAudits(s.invoice.id)).toEqual([{ taken: '1500', spent: '2500', cause: reversal.id }]);
    // The invoice the credit paid keeps what it was paid with.
    expect(money(await invoiceOf(other.id))).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 2500 });
    // Paying what is owed settles it exactly: no exception, nothing past the balance.
    const paid = await payByCheck(c(), s.org.id, s.invoice.id, 8500);
    expect(paid.invoice).toMatchObject({ status: 'PAID', balanceDue: 0 });
    expect(paid.exception).toBeFalsy();
  });

  it('a deletion reported again takes nothing back a second time', async () => {
    const s = await paidInQuickBooks();
    await creditToClient(c(), s.org.id, s.invoice.id, 3000, 'Goodwill to the account');
    // Credit from another paid invoice too, so a second take-back would have something to take.
    const more = await qb.sendLinesToQb(w, s.org.id, s.clientId, [[5000, 0]]);
    await payByCheck(c(), s.org.id, more.id, 5000);
    await creditToClient(c(), s.org.id, more.id, 2000);
    expect(await creditOf(s.clientId)).toBe(5000);

    const reversal = await s.deleteInQuickBooks();
    const after = money(await invoiceOf(s.invoice.id));
    // The change feed and a direct replay of the same change: one reversal, one take-back.
    await qb.quickBooksOf(c()).inbound.pollCdc(s.org.id);
    const replay = await c().settlement.adjust(s.org.id, a, {
      paymentId: reversal.adjustsPaymentId!,
      amount: 0,
      source: reversal.source,
      externalId: reversal.externalId!,
      reference: 'replayed',
    });
    expect(replay).toMatchObject({ replayed: true, adjustment: null });
    expect(await creditOf(s.clientId)).toBe(2000);
    expect(await takenBack(s.clientId)).toEqual([{ amount: -3000, payment_id: reversal.id, invoice_id: s.invoice.id }]);
    expect(money(await invoiceOf(s.invoice.id))).toEqual(after);
    expect(after).toMatchObject({ balanceDue: 7000, amountKeptAsCredit: 0 });
  });

  it('a chargeback (a refund from outside Settle) takes back the overpayment kept as credit, once', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const clientId = s.fixture.client.id;
    const { payment } = await payByCheck(c(), s.org.id, s.invoice.id, 11000, { allowOverpayment: true });
    await keepOverpaymentAsCredit(s.org.id, s.invoice.id);
    expect(await creditOf(clientId)).toBe(1000);
    // The whole 110.00 taken back by the bank, as a lost dispute is booked: a refund keyed by the provider's id.
    const chargeback = {
      invoiceId: s.invoice.id,
      amount: -11000,
      source: PaymentSource.MANUAL,
      method: payment.method,
      externalId: `chargeback-${payment.id}`,
      refundsPaymentId: payment.id,
    };
    const r = await c().settlement.settle(s.org.id, a, chargeback);
    expect(money(r.invoice)).toEqual({
      status: 'SENT',
      amountPaid: 0,
      amountKeptAsCredit: 0,
      amountCredited: 0,
      balanceDue: 10000,
    });
    expect(await creditOf(clientId)).toBe(0);
    expect(await takenBack(clientId)).toEqual([{ amount: -1000, payment_id: r.payment.id, invoice_id: s.invoice.id }]);
    expect((await c().settlement.settle(s.org.id, a, chargeback)).replayed).toBe(true);
    expect(await takenBack(clientId)).toHaveLength(1);
    expect(money(await invoiceOf(s.invoice.id))).toMatchObject({ balanceDue: 10000, amountKeptAsCredit: 0 });
  });
});
