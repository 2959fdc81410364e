import { describe, expect, it } from 'vitest';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import {
  connectedOrg,
  control,
  invoiceOf,
  payCheckout,
  START_PAYMENT,
  stripeWorldForFile,
  type ConnectedOrg,
} from './stripe-test-kit.js';
import { payHostedPage } from './payment-artifacts.test-support.js';
import { hostedStripeInvoice } from './hosted-invoice.test-support.js';

/**
 * Voiding an invoice whose payment went through at Stripe while its webhook is still on its way: the void
 * asks Stripe first (as a payment recorded by hand does) and is refused, writing nothing, rather than
 * voiding an invoice the client has just paid (money to give back through a payment exception). A void
 * with nothing paid closes the invoice's pay links at Stripe before it commits. Real SDK, emulator.
 */
const w = stripeWorldForFile();
const VOID = `mutation($id: ID!) { voidInvoice(id: $id) { status } }`;
const holdWebhooks = (o: ConnectedOrg) =>
  control(w.emu, '/faults', { action: 'delay', delay_ms: 30_000, count: 100, endpoint: o.conn.webhook.endpointId });

const hostedInvoice = (name: string) => hostedStripeInvoice(w, name, { partial: false });

describe('voiding an invoice paid at Stripe a moment ago', () => {
  it('its hosted invoice paid, the webhook late: the void is refused with CONFLICT and writes nothing', async () => {
    const { o, invoice, hostedUrl } = await hostedInvoice('Void while hosted paid');
    await holdWebhooks(o);
    expect((await payHostedPage(hostedUrl)).status).toBe(303);

    const refused = failure(await expectNoChange(w.settle, () => w.settle.gql(VOID, { id: invoice.id }, o.token)));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/already in progress or completed at Stripe/);
    expect(await invoiceOf(w, o.org.id, invoice.id)).toMatchObject({ status: 'SENT', voidedAt: null });
  });

  it('a Checkout session completed, the webhook late: the void is refused too', async () => {
    const o = await connectedOrg(w, 'Void while checkout paid');
    const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    await holdWebhooks(o);
    const session = ok(await w.settle.gql(START_PAYMENT, { id: invoice.id }, o.token)).startInvoicePayment;
    await payCheckout(session.url);
    const refused = failure(await expectNoChange(w.settle, () => w.settle.gql(VOID, { id: invoice.id }, o.token)));
    expect(refused.code).toBe('CONFLICT');
  });

  it('nothing paid: the void closes the hosted invoice at Stripe in its own transaction', async () => {
    const { o, invoice, stripeInvoiceId } = await hostedInvoice('Void closes hosted');
    expect(ok(await w.settle.gql(VOID, { id: invoice.id }, o.token)).voidInvoice.status).toBe('VOID');
    expect((await o.stripe.invoices.retrieve(stripeInvoiceId)).status).toBe('void');
  });
});
