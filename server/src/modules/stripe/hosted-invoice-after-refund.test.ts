import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { ok } from '../../../test/api.js';
import {
  inboxSettled,
  invoiceOf,
  payCheckout,
  paymentsOf,
  START_PAYMENT,
  stripeModule,
  stripeWorldForFile,
} from './stripe-test-kit.js';
import type { StripeApi } from './stripe-client.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import { payHostedPage } from './payment-artifacts.test-support.js';
import { hostedStripeInvoice } from './hosted-invoice.test-support.js';

/**
 * A hosted Stripe invoice once its money went back: a paid hosted invoice that was then refunded (in part)
 * asks for nothing more, so it never holds up a payment recorded by hand; and a balance that comes back
 * to an amount Stripe was already asked for gets a new hosted invoice, not the void one Stripe's
 * idempotency key would answer with. Real SDK against the emulator, PostgreSQL.
 */
const w = stripeWorldForFile();
afterEach(() => vi.restoreAllMocks());
const db = () => w.settle.container.db;
const RECORD = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { invoice { status balanceDue } } }`;
const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { invoice { status balanceDue } } }`;
const MEMO = `mutation($i: IssueCreditMemoInput!) { issueCreditMemo(input: $i) { invoice { balanceDue } } }`;
const linkOf = (invoiceId: string) => db().getRepository(StripeInvoiceLink).findOneByOrFail({ invoiceId });
/** Waits (`what`: for which) until the invoice's hosted Stripe invoice is another than `before`, with its page; its link. */
const reissuedAfter = (invoiceId: string, before: string, what: string, timeoutMs?: number) =>
  eventually(
    async () => {
      const l = await linkOf(invoiceId);
      return l.stripeInvoiceId && l.stripeInvoiceId !== before && l.hostedUrl ? l : null;
    },
    what,
    timeoutMs,
  );

const hostedInvoice = (name: string) => hostedStripeInvoice(w, name);

/**
 * Stripe refuses the next `method` call once (an outage the job's attempt does not survive), then answers.
 * Returns how many calls it has seen.
 */
function refuseOnce(method: 'createInvoice' | 'createInvoiceItem'): () => number {
  const connections = stripeModule(w).connections;
  const real = connections.provider.bind(connections);
  let refused = 0;
  vi.spyOn(connections, 'provider').mockImplementation((conn) => {
    const api = real(conn);
    const flaky: StripeApi = Object.create(api);
    flaky[method] = ((...args: Parameters<StripeApi[typeof method]>) => {
      if (refused++ === 0)
        return Promise.reject(Object.assign(new Error('Stripe is down'), { type: 'StripeAPIError' }));
      return (api[method] as (...a: typeof args) => ReturnType<StripeApi[typeof method]>)(...args);
    }) as never;
    return flaky;
  });
  return () => refused;
}

describe('a hosted Stripe invoice after its money went back', () => {
  it('paid on the hosted page, then refunded in part: the rest can be recorded by hand (the paid hosted invoice holds nothing up)', async () => {
    const { o, invoice, hostedUrl } = await hostedInvoice('Hosted paid then refunded');
    expect((await payHostedPage(hostedUrl)).status).toBe(303);
    await eventually(async () => (await invoiceOf(w, o.org.id, invoice.id)).status === 'PAID', 'the card payment');
    await inboxSettled(w, o.org.id);
    const [card] = await paymentsOf(w, o.org.id, invoice.id);
    const refunded = ok(
      await w.settle.gql(REFUND, { i: { paymentId: card!.id, amount: 3000, reason: 'Billed twice' } }, o.token),
    );
    expect(refunded.refundPayment.invoice).toEqual({ status: 'PARTIALLY_PAID', balanceDue: 3000 });

    const check = await w.settle.gql(
      RECORD,
      { i: { invoiceId: invoice.id, amount: 3000, method: 'CHECK', reference: 'check 1042' } },
      o.token,
    );
    expect(check.errors).toBeUndefined();
    expect(check.data.recordPayment.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
    expect((await paymentsOf(w, o.org.id, invoice.id)).map((p) => p.amount)).toEqual([10000, -3000, 3000]);
  });

  it('a balance back at an amount Stripe was asked for before gets a new open hosted invoice for it', async () => {
    const { o, invoice, stripeInvoiceId: first } = await hostedInvoice('Hosted balance round trip');
    // 40.00 paid through Checkout: the hosted invoice is voided for it and reissued for the 60.00 left.
    const part = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id, amount: 4000 }, o.token)).startInvoicePayment;
    await payCheckout(part.url, { custom_amount: '40.00' });
    const second = (await reissuedAfter(invoice.id, first, 'the hosted invoice reissued for 60.00')).stripeInvoiceId!;
    await inboxSettled(w, o.org.id);

    // The 40.00 goes back: 100.00 is owed again, as when the first hosted invoice was made.
    const [card] = await paymentsOf(w, o.org.id, invoice.id);
    ok(await w.settle.gql(REFUND, { i: { paymentId: card!.id, amount: 4000, reason: 'Paid by check' } }, o.token));
    const third = (await reissuedAfter(invoice.id, second, 'the hosted invoice reissued for 100.00')).stripeInvoiceId!;
    expect(third).not.toBe(first);
    expect(await o.stripe.invoices.retrieve(third)).toMatchObject({ status: 'open', amount_remaining: 10000 });
    expect((await linkOf(invoice.id)).stripeAmount).toBe(10000);
    const open = (await o.stripe.invoices.list({ limit: 100 })).data.filter((i) => i.status === 'open');
    expect(open.map((i) => i.id)).toEqual([third]);
  });

  it('a reissue whose Stripe call fails after the old hosted invoice was voided is made by the retry', async () => {
    const { o, invoice, stripeInvoiceId: first } = await hostedInvoice('Hosted reissue retried');
    // Stripe refuses the next invoice creation once (an outage the job's attempt does not survive).
    const calls = refuseOnce('createInvoice');
    const memo = { invoiceId: invoice.id, amount: 2500, reason: 'Goodwill discount' };
    expect(ok(await w.settle.gql(MEMO, { i: memo }, o.token)).issueCreditMemo.invoice.balanceDue).toBe(7500);
    await eventually(async () => (await o.stripe.invoices.retrieve(first)).status === 'void', 'the old one voided');
    const reissued = await reissuedAfter(
      invoice.id,
      first,
      'the hosted invoice reissued for 75.00 by the retry',
      20_000,
    );
    expect(calls()).toBeGreaterThan(1);
    expect(reissued.stripeAmount).toBe(7500);
    expect(await o.stripe.invoices.retrieve(reissued.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: 7500,
    });
  });

  it('an overdue invoice: a reissue that fails after Stripe made its draft is finished by the retry (same keys, same parameters)', async () => {
    const { o, invoice, stripeInvoiceId: first } = await hostedInvoice('Hosted overdue reissue retried');
    await db().query(`UPDATE invoices SET due_date = '2026-01-15' WHERE id = $1`, [invoice.id]);
    // The first item of the reissue is refused once: its draft exists at Stripe, the job's attempt fails.
    refuseOnce('createInvoiceItem');
    const memo = { invoiceId: invoice.id, amount: 1000, reason: 'Late fee waived' };
    expect(ok(await w.settle.gql(MEMO, { i: memo }, o.token)).issueCreditMemo.invoice.balanceDue).toBe(9000);
    const reissued = await reissuedAfter(
      invoice.id,
      first,
      'the hosted invoice reissued for 90.00 by the retry',
      20_000,
    );
    expect(await o.stripe.invoices.retrieve(reissued.stripeInvoiceId!)).toMatchObject({
      status: 'open',
      amount_remaining: 9000,
    });
    expect((await o.stripe.invoices.list({ limit: 100 })).data.filter((i) => i.status === 'open')).toHaveLength(1);
  });
});
