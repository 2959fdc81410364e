import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { ok } from '../../../test/api.js';
import { inboxSettled, stripeWorldForFile } from './stripe-test-kit.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import { hostedStripeInvoice } from './hosted-invoice.test-support.js';

/**
 * A check recorded by hand closes the hosted Stripe invoice (marked paid out of band, so its page reads
 * paid). When that check stops counting (voided as recorded by mistake, or refunded when it bounced), the
 * balance is owed again: a new hosted Stripe invoice asks for it, as after any other balance change. The
 * one paid out of band asked for nothing more, and left the client's Stripe page reading paid and the
 * nightly reconciliation reporting "paid in Stripe, open in Settle" (whose advice is to record the money
 * by hand again). Real SDK against the emulator, PostgreSQL.
 */
const w = stripeWorldForFile();
const db = () => w.settle.container.db;
const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id} invoice{status balanceDue}}}`;
const VOID = `mutation($i:VoidPaymentInput!){voidPayment(input:$i){invoice{status balanceDue}}}`;
const REFUND = `mutation($i:RefundPaymentInput!){refundPayment(input:$i){invoice{status balanceDue}}}`;
const linkOf = (invoiceId: string) => db().getRepository(StripeInvoiceLink).findOneByOrFail({ invoiceId });

async function paidByCheck(name: string) {
  const hosted = await hostedStripeInvoice(w, name);
  const { o, invoice, stripeInvoiceId } = hosted;
  const paid = ok(await w.settle.gql(PAY, { i: { invoiceId: invoice.id, amount: 10000, method: 'CHECK' } }, o.token));
  expect(paid.recordPayment.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
  expect((await o.stripe.invoices.retrieve(stripeInvoiceId)).status).toBe('paid');
  await inboxSettled(w, o.org.id);
  return { ...hosted, paymentId: paid.recordPayment.payment.id as string };
}

/** The hosted Stripe invoice issued after `before`, once it is recorded with its page. */
const reissuedAfter = (invoiceId: string, before: string) =>
  eventually(
    async () => {
      const l = await linkOf(invoiceId);
      return l.stripeInvoiceId && l.stripeInvoiceId !== before && l.hostedUrl ? l : null;
    },
    'a hosted Stripe invoice for the balance owed again',
    15_000,
  );

describe('a hosted Stripe invoice closed by a check that no longer counts', () => {
  it('the check voided as recorded by mistake: a new hosted invoice asks for the balance', async () => {
    const { o, invoice, stripeInvoiceId, paymentId } = await paidByCheck('Hosted check voided');
    const voided = ok(await w.settle.gql(VOID, { i: { paymentId, reason: 'Wrong invoice' } }, o.token));
    expect(voided.voidPayment.invoice).toEqual({ status: 'SENT', balanceDue: 10000 });
    const link = await reissuedAfter(invoice.id, stripeInvoiceId);
    expect(link.stripeAmount).toBe(10000);
    expect(await o.stripe.invoices.retrieve(link.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: 10000,
    });
    expect((await o.stripe.invoices.retrieve(stripeInvoiceId)).status).toBe('paid');
  });

  it('the check refunded in part when it bounced: a new hosted invoice asks for what is owed again', async () => {
    const { o, invoice, stripeInvoiceId, paymentId } = await paidByCheck('Hosted check bounced');
    const refunded = ok(
      await w.settle.gql(REFUND, { i: { paymentId, amount: 4000, reason: 'Check bounced in part' } }, o.token),
    );
    expect(refunded.refundPayment.invoice).toEqual({ status: 'PARTIALLY_PAID', balanceDue: 4000 });
    const link = await reissuedAfter(invoice.id, stripeInvoiceId);
    expect(await o.stripe.invoices.retrieve(link.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: 4000,
    });
  });
});
