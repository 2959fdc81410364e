import { expect, it } from 'vitest';
import { createOrgWithOwner, eventually } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { StripeInvoiceLink } from '../stripe/stripe-links.entity.js';
import { emulatorStripe } from '../stripe/stripe-test-kit.js';
import { payHostedPage, qbPayNowStatus } from '../stripe/payment-artifacts.test-support.js';
import { call, connectViaOAuth, directClient, qbIdOf, settled, startQbStripeWorld } from './quickbooks.test-support.js';
import { forFile } from '../../../test/for-file.js';

// Stripe is the processor and QuickBooks the books: a client who pays in QuickBooks must not be able
// to pay the same invoice again on Stripe.
const w = forFile(startQbStripeWorld, 'QuickBooks and Stripe');

it('a full Pay Now payment in QuickBooks settles the invoice and marks its Stripe invoice paid out of band, so nobody pays twice', async () => {
  const o = await createOrgWithOwner(w.settle);
  const c = w.settle.container;
  await c.db.query(`UPDATE organizations SET invoice_prefix = 'BOTH-' WHERE id = $1`, [o.org.id]);
  const key = `sk_test_${o.org.id.replace(/-/g, '')}`;
  const connected = await w.settle.gql(
    `mutation($sk:String!,$pk:String){connectStripe(secretKey:$sk,publishableKey:$pk){accountId}}`,
    { sk: key, pk: key.replace('sk_', 'pk_') },
    o.token,
  );
  expect(connected.errors).toBeUndefined();
  await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
  expect(await connectViaOAuth(w, o.token)).toContain('quickbooks=connected');
  // With Stripe connected, QuickBooks online payments start OFF; this client pays in QuickBooks.
  const mapped = await w.settle.gql(
    `mutation { updateQuickBooksMapping(input: {payNowEnabled: true, cardEnabled: true}) { mapping { payNowEnabled } } }`,
    {},
    o.token,
  );
  expect(mapped.errors).toBeUndefined();

  const f = await billingFixture(c, o.org.id, { catalogPrice: 10000 });
  const invoice = await f.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE', 'QUICKBOOKS'] });

  const stripe = emulatorStripe(key, w.stripeEmu.port);
  const link = await eventually(
    async () =>
      (await c.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id }))?.stripeInvoiceId ?? null,
    'the Stripe hosted invoice',
  );
  expect((await stripe.invoices.retrieve(link)).status).toBe('open');
  await settled(w, o.org.id);
  const qbId = (await qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
  const qb = await directClient(w.emu);
  const qbInvoice = await call<any>((cb) => qb.getInvoice(qbId, cb));
  expect(qbInvoice.InvoiceLink).toBeTruthy();

  expect(await qbPayNowStatus(qbInvoice.InvoiceLink)).toBe(200);

  await eventually(
    async () => (await c.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id })).status === InvoiceStatus.PAID,
    'the QuickBooks payment to settle the invoice',
  );
  await eventually(
    async () => (await stripe.invoices.retrieve(link)).status === 'paid',
    'the Stripe invoice to be marked paid out of band',
  );
  // Paid in QuickBooks, so Stripe's page reads paid (no charge made there), and takes no more money.
  const outOfBand = await stripe.invoices.retrieve(link, { expand: ['amount_paid_off_stripe'] });
  expect(outOfBand.amount_paid_off_stripe).toBe(10000);
  expect(await (await fetch(outOfBand.hosted_invoice_url!)).text()).toContain('id="paid"');
  const hosted = (await stripe.invoices.retrieve(link)).hosted_invoice_url!;
  expect((await payHostedPage(hosted)).status).toBeGreaterThanOrEqual(400);
  const final = await c.db.getRepository(Invoice).findOneByOrFail({ id: invoice.id });
  expect(final).toMatchObject({ amountPaid: 10000, balanceDue: 0 });
});
