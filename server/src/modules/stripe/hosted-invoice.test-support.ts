// Test support (not a test file): invoices sent, and paid, as hosted Stripe invoices.
import { ok } from '../../../test/api.js';
import { eventually } from '../../../test/harness.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import { connectedOrg, type StripeWorld } from './stripe-test-kit.js';

/**
 * A 100.00 invoice of a fresh org that sends hosted Stripe invoices (partial payments allowed unless
 * `partial: false`), once its hosted invoice exists at Stripe.
 */
export async function hostedStripeInvoice(w: StripeWorld, name: string, opts: { partial?: boolean } = {}) {
  const db = w.settle.container.db;
  const o = await connectedOrg(w, name);
  ok(
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token),
  );
  if (opts.partial !== false)
    await db.query(`UPDATE organizations SET allow_partial_payments = true WHERE id = $1`, [o.org.id]);
  const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
  const link = await eventually(async () => {
    const l = await db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id });
    return l?.hostedUrl ? l : null;
  }, 'the hosted Stripe invoice');
  return { o, invoice, link, stripeInvoiceId: link.stripeInvoiceId!, hostedUrl: link.hostedUrl! };
}

/**
 * `o` switched to hosted Stripe invoices, then the invoice `send()` sends; with the id of its Stripe
 * invoice once Settle has recorded one (its hosted page may not be recorded yet).
 */
export async function sentAsHostedInvoice<T extends { id: string }>(
  w: StripeWorld,
  o: { token: string },
  send: () => Promise<T>,
) {
  await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
  const inv = await send();
  const stripeId = await eventually(
    async () =>
      (await w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: inv.id }))
        ?.stripeInvoiceId ?? null,
    'the hosted invoice',
  );
  return { inv, stripeId };
}
