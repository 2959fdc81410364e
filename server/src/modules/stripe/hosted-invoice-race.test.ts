import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { portalSession } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import type { StripeApi } from './stripe-client.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import * as kit from './stripe-test-kit.js';

/**
 * One way to pay per balance while the send job is still making the hosted Stripe invoice: a portal Pay
 * in that window (the link has no Stripe invoice yet) gets a Checkout session; when the hosted invoice is
 * recorded, under the invoice lock, that session is expired at Stripe before Stripe emails the invoice,
 * or, if the payer already paid it, the hosted invoice is voided and never sent. Real SDK against the
 * emulator, PostgreSQL; the race is driven by holding the job's finalize call.
 */
const w = kit.stripeWorldForFile();
afterEach(() => vi.restoreAllMocks());
const db = () => w.settle.container.db;

/** The next finalize of a Stripe invoice waits until `release()`; `reached` resolves when it is waiting. */
function holdFinalize() {
  let release!: () => void;
  let arrive!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (arrive = r));
  const connections = kit.stripeModule(w).connections;
  const real = connections.provider.bind(connections);
  vi.spyOn(connections, 'provider').mockImplementation((conn) => {
    const api = real(conn);
    const held: StripeApi = Object.create(api);
    held.finalizeInvoice = async (id, key) => {
      arrive();
      await released;
      return api.finalizeInvoice(id, key);
    };
    return held;
  });
  return { reached, release };
}

/** A 100.00 invoice sent through Stripe by an org sending hosted invoices, its hosted invoice being made. */
async function sendingHosted(name: string) {
  const o = await kit.connectedOrg(w, name);
  ok(
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token),
  );
  const finalize = holdFinalize();
  const invoice = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
  await finalize.reached;
  const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
  return { o, invoice, portal, release: finalize.release };
}

const stripeInvoices = async (o: kit.ConnectedOrg) =>
  (await o.stripe.invoices.list({ limit: 100 })).data.map((i) => ({ id: i.id, status: i.status }));
const sentAtStripe = async (o: kit.ConnectedOrg) =>
  (await o.stripe.events.list({ type: 'invoice.sent', limit: 100 })).data.map(
    (e) => (e.data.object as { id: string }).id,
  );
const sessionsAtStripe = async (o: kit.ConnectedOrg) =>
  (await o.stripe.checkout.sessions.list({ limit: 100 })).data.map((s) => s.status);
const linkOf = (invoiceId: string) => db().getRepository(StripeInvoiceLink).findOneByOrFail({ invoiceId });

describe('portal Pay while the hosted Stripe invoice is being made', () => {
  it('the Checkout session started meanwhile is expired at Stripe when the hosted invoice is recorded, before Stripe emails it', async () => {
    const { o, invoice, portal, release } = await sendingHosted('Hosted race open');
    const early = ok(await w.settle.gql(kit.START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment;
    expect(early.url).toMatch(/cs_test_/);

    release();
    const link = await eventually(async () => {
      const l = await linkOf(invoice.id);
      return l.hostedUrl ? l : null;
    }, 'the hosted Stripe invoice recorded');
    await eventually(async () => (await sentAtStripe(o)).includes(link.stripeInvoiceId!), 'Stripe to send it');
    // One way to pay: the session is closed at Stripe, so its page takes no money; Pay now opens the hosted page.
    expect(await sessionsAtStripe(o)).toEqual(['expired']);
    await expect(kit.payCheckout(early.url)).rejects.toThrow();
    expect(await stripeInvoices(o)).toEqual([{ id: link.stripeInvoiceId, status: 'open' }]);
    expect(ok(await w.settle.gql(kit.START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment).toEqual({
      url: link.hostedUrl,
      expiresAt: null,
    });
  });

  it('the payer paid that session first: the hosted invoice is voided and never sent, and Pay is refused while the money lands', async () => {
    const { o, invoice, portal, release } = await sendingHosted('Hosted race paid');
    // Stripe's webhooks wait: the Checkout payment is not booked when the hosted invoice is recorded.
    await kit.control(w.emu, '/faults', {
      action: 'delay',
      delay_ms: 30_000,
      count: 100,
      endpoint: o.conn.webhook.endpointId,
    });
    const early = ok(await w.settle.gql(kit.START_PAYMENT, { id: invoice.id }, portal)).startInvoicePayment;
    await kit.payCheckout(early.url);

    release();
    const link = await eventually(async () => {
      const l = await linkOf(invoice.id);
      return l.stripeInvoiceId ? l : null;
    }, 'the hosted Stripe invoice recorded');
    expect(link).toMatchObject({ hostedUrl: null, stripeAmount: null });
    expect(await stripeInvoices(o)).toEqual([{ id: link.stripeInvoiceId, status: 'void' }]);
    expect(await sentAtStripe(o)).toEqual([]);
    expect(await sessionsAtStripe(o)).toEqual(['complete']);
    const paid = (await o.stripe.paymentIntents.list({ limit: 100 })).data.filter((p) => p.status === 'succeeded');
    expect(paid.map((p) => p.amount_received)).toEqual([10000]);
    expect(failure(await w.settle.gql(kit.START_PAYMENT, { id: invoice.id }, portal))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});
