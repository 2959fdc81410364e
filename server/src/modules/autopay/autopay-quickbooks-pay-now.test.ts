import { expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { payByCheck } from '../../../test/fixtures.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment, PaymentKind } from '../payments/payment.entity.js';
import { call, control, directClient, payNow, quickBooksOf, settled } from '../quickbooks/quickbooks.test-support.js';
import {
  connectedOrg,
  qbSideOf,
  sentEverywhere,
  startBothWorld,
  startPaymentRaw,
} from '../stripe/payment-artifacts.test-support.js';
import { StripeCheckoutSession } from '../stripe/stripe-links.entity.js';
import { INTERACTIVE_CHECK_MS } from '../payments/payment-provider.js';
import type { StripeWorld } from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayOrg, chargerOf } from './autopay-test-kit.js';

// A client paid on QuickBooks' own Pay Now page; its webhook is lost and the CDC poll has not come round.
// Autopay must not take the same balance off their card on top.
const w = forFile(() => startBothWorld(), 'autopay and QuickBooks Pay Now');
const asStripeWorld = () => w as unknown as StripeWorld;

/** A Checkout org on QuickBooks too (autopay on by card if `autopay`), with an invoice sent to both and booked there. */
async function sentToBoth(opts: { autopay?: boolean } = {}) {
  const o = await connectedOrg(w, { quickbooks: true, sendVia: 'CHECKOUT' });
  if (opts.autopay) await autopayOrg(asStripeWorld(), { card_number: '4242424242424242' }, o as never);
  const { invoice, qbInvoiceId } = await sentEverywhere(w, o);
  await settled(qbSideOf(w), o.org.id);
  return { o, invoice, qbInvoiceId };
}

/** Runs `fn` while QuickBooks' webhooks to Settle are lost (the CDC poll has not come round either). */
async function withQbWebhooksLost(fn: () => Promise<void>) {
  await control(w.qbEmu, '/webhooks/faults', { mode: 'drop', count: 50 });
  try {
    await fn();
  } finally {
    await control(w.qbEmu, '/webhooks/faults', undefined, 'DELETE');
  }
}

it('autopay charges nothing while QuickBooks holds a Pay Now payment of the invoice Settle has not pulled back', async () => {
  const { o, invoice, qbInvoiceId } = await sentToBoth({ autopay: true });
  const qb = await directClient(w.qbEmu);
  const link = (await call<any>((cb) => qb.getInvoice(qbInvoiceId!, cb))).InvoiceLink as string;
  expect(link).toBeTruthy();

  await withQbWebhooksLost(async () => {
    expect((await payNow(link)).status).toBe(200);
    const due = new Date(`${invoice.dueDate}T12:00:00Z`);
    const outcome = await chargerOf(asStripeWorld()).chargeInvoiceExplained(o.org.id, invoice.id, due);
    expect(outcome).toEqual({ outcome: 'skipped', skip: 'PAID_ELSEWHERE' });
    expect(await attemptsOf(asStripeWorld(), invoice.id)).toHaveLength(0);
  });

  // The poll then books the QuickBooks payment: the invoice is paid once, and autopay has nothing to take.
  await quickBooksOf(w.settle.container).inbound.pollCdc(o.org.id);
  const paid = await w.settle.container.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
  expect(paid).toMatchObject({ status: InvoiceStatus.PAID, amountPaid: 10000, balanceDue: 0 });
  const payments = await w.settle.container.db
    .getRepository(Payment)
    .findBy({ invoiceId: invoice.id, kind: PaymentKind.PAYMENT });
  expect(payments.map((p) => p.source)).toEqual(['QUICKBOOKS']);
}, 60_000);

it('autopay still charges the rest when what QuickBooks has on the invoice is a payment Settle pushed there', async () => {
  const o = await connectedOrg(w, { quickbooks: true, sendVia: 'CHECKOUT' });
  await autopayOrg(asStripeWorld(), { card_number: '4242424242424242' }, o as never);
  const { invoice } = await sentEverywhere(w, o);
  await payByCheck(w.settle.container, o.org.id, invoice.id, 4000);
  await settled({ emu: w.qbEmu, settle: w.settle, close: async () => {} }, o.org.id);

  const due = new Date(`${invoice.dueDate}T12:00:00Z`);
  expect(await chargerOf(asStripeWorld()).chargeInvoice(o.org.id, invoice.id, due)).toBe('charged');
  const paid = await w.settle.container.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
  expect(paid).toMatchObject({ status: InvoiceStatus.PAID, amountPaid: 10000 });
}, 60_000);

it('a Checkout session is refused while QuickBooks holds a Pay Now payment of the invoice Settle has not pulled back', async () => {
  const { o, invoice, qbInvoiceId } = await sentToBoth();
  const qb = await directClient(w.qbEmu);
  const link = (await call<any>((cb) => qb.getInvoice(qbInvoiceId!, cb))).InvoiceLink as string;

  await withQbWebhooksLost(async () => {
    expect((await payNow(link)).status).toBe(200);
    const r = await startPaymentRaw(w, o, invoice.id);
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await w.settle.container.db.getRepository(StripeCheckoutSession).countBy({ invoiceId: invoice.id })).toBe(0);
  });
}, 60_000);

it('autopay charges an invoice whose QuickBooks copy was deleted there (no Pay Now page left to ask)', async () => {
  const { o, invoice, qbInvoiceId } = await sentToBoth({ autopay: true });
  const qb = await directClient(w.qbEmu);
  const live = await call<any>((cb) => qb.getInvoice(qbInvoiceId!, cb));
  await call((cb) => qb.deleteInvoice({ Id: live.Id, SyncToken: live.SyncToken }, cb));

  const due = new Date(`${invoice.dueDate}T12:00:00Z`);
  expect(await chargerOf(asStripeWorld()).chargeInvoice(o.org.id, invoice.id, due)).toBe('charged');
}, 60_000);

it('a check recorded by hand is refused while QuickBooks holds a payment of the invoice Settle has not read back (the bookkeeper recorded it there)', async () => {
  const { o, invoice, qbInvoiceId } = await sentToBoth();
  const qb = await directClient(w.qbEmu);
  const live = await call<any>((cb) => qb.getInvoice(qbInvoiceId!, cb));

  await withQbWebhooksLost(async () => {
    await call((cb) =>
      qb.createPayment(
        {
          CustomerRef: live.CustomerRef,
          TotalAmt: 100,
          PaymentRefNum: '1234',
          Line: [{ Amount: 100, LinkedTxn: [{ TxnId: live.Id, TxnType: 'Invoice' }] }],
        },
        cb,
      ),
    );
    const r = await w.settle.gql(
      `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`,
      { i: { invoiceId: invoice.id, amount: 10000, method: 'CHECK', reference: '1234' } },
      o.token,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await w.settle.container.db.getRepository(Payment).countBy({ invoiceId: invoice.id })).toBe(0);
  });
}, 60_000);

// A person pressing Pay waits on QuickBooks a few seconds at most: it cannot tell, so the client can pay.
it('Pay waits a few seconds at most for a QuickBooks that does not answer, then opens Checkout', async () => {
  const { o, invoice } = await sentToBoth();
  await control(w.qbEmu, '/faults', {
    kind: 'timeout',
    count: 5,
    method: 'GET',
    pathPattern: '/invoice/',
    hangMs: 20_000,
  });
  try {
    const started = Date.now();
    const r = await startPaymentRaw(w, o, invoice.id);
    expect(r.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(INTERACTIVE_CHECK_MS + 4_000);
    expect(await w.settle.container.db.getRepository(StripeCheckoutSession).countBy({ invoiceId: invoice.id })).toBe(1);
  } finally {
    await control(w.qbEmu, '/faults', undefined, 'DELETE');
  }
}, 60_000);
