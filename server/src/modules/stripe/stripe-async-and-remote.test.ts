import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { Payment, PaymentMethod } from '../payments/payment.entity.js';
import { sentAsHostedInvoice } from './hosted-invoice.test-support.js';
import { control, postForm } from '@settle/stripe-emulator/testing';
import {
  connectedOrg,
  type ConnectedOrg,
  inboxSettled,
  invoiceOf,
  stripeWorldForFile,
  waitForStatus,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

const sentInvoice = (o: ConnectedOrg, destinations = ['STRIPE']) =>
  o.fx.sentInvoice(60, { destinations, email: false });

async function checkoutUrl(o: ConnectedOrg, invoiceId: string): Promise<string> {
  const r = await w.settle.gql(
    `mutation($id: ID!) { startInvoicePayment(invoiceId: $id) { url } }`,
    { id: invoiceId },
    o.token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.startInvoicePayment.url;
}

const sessionIdOf = (url: string) => /\/(cs_[^/?]+)/.exec(url)![1]!;

describe('bank debits (asynchronous Checkout payments)', () => {
  it('records nothing until the debit settles, then pays the invoice as a bank debit', async () => {
    const o = await connectedOrg(w);
    const inv = await sentInvoice(o);
    const url = await checkoutUrl(o, inv.id);
    const res = await postForm(url, {
      payment_method_type: 'us_bank_account',
      bank_account_number: '000123456789',
      name: 'Nora',
      email: 'ap@client.test',
    });
    expect(res.status).toBe(303);
    await inboxSettled(w, o.org.id);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');
    await control(w.emu, '/async-payments/advance', { checkout_session: sessionIdOf(url), outcome: 'succeeded' });
    const paid = await waitForStatus(w, o.org.id, inv.id, 'PAID');
    expect(paid.amountPaid).toBe(inv.total);
    const [payment] = await w.settle.container.db.getRepository(Payment).findBy({ invoiceId: inv.id });
    expect(payment!.method).toBe(PaymentMethod.BANK_DEBIT);
  });

  it('a failed debit leaves the invoice open and tells the client why', async () => {
    const o = await connectedOrg(w);
    const inv = await sentInvoice(o);
    const url = await checkoutUrl(o, inv.id);
    await postForm(url, {
      payment_method_type: 'us_bank_account',
      bank_account_number: '000123456789',
      name: 'Nora',
      email: 'ap@client.test',
    });
    await control(w.emu, '/async-payments/advance', { checkout_session: sessionIdOf(url), outcome: 'failed' });
    const f = await eventually(async () => {
      const r = await w.settle.gql(
        `query($id: ID!) { invoice(id: $id) { status payable lastPaymentError } }`,
        { id: inv.id },
        o.token,
      );
      return r.data.invoice.lastPaymentError ? r.data.invoice : null;
    }, 'the failure to reach the invoice');
    expect(f).toMatchObject({ status: 'SENT', payable: true });
    expect(await w.settle.container.db.getRepository(Payment).countBy({ invoiceId: inv.id })).toBe(0);
  });
});

describe('changes made in the Stripe dashboard', () => {
  const hostedInvoice = (o: ConnectedOrg) => sentAsHostedInvoice(w, o, () => sentInvoice(o));

  it('voiding the Stripe invoice voids the Settle invoice', async () => {
    const o = await connectedOrg(w);
    const { inv, stripeId } = await hostedInvoice(o);
    await o.stripe.invoices.voidInvoice(stripeId);
    const voided = await waitForStatus(w, o.org.id, inv.id, 'VOID');
    expect(voided.amountPaid).toBe(0);
  });

  it('marking it uncollectible in Stripe marks the Settle invoice uncollectible', async () => {
    const o = await connectedOrg(w);
    const { inv, stripeId } = await hostedInvoice(o);
    await o.stripe.invoices.markUncollectible(stripeId);
    await waitForStatus(w, o.org.id, inv.id, 'UNCOLLECTIBLE');
    // Stripe still takes money on an uncollectible invoice, so Settle voids it there; the invoice.voided
    // that follows is Settle's own close echoing back, and must not void the receivable in Settle.
    await eventually(
      async () => (await o.stripe.invoices.retrieve(stripeId)).status === 'void',
      'Settle to void the Stripe invoice',
    );
    await eventually(
      async () => (await inboxSettled(w, o.org.id)).some((e) => e.type === 'invoice.voided' && e.status === 'DONE'),
      'the invoice.voided event to be applied',
    );
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('UNCOLLECTIBLE');
  });
});
