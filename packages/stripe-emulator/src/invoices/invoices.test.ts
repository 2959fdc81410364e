import { describe, it, expect } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { draftInvoice, postForm } from '../testing.js';

const world = emulatorForFile('sk_test_invoices');

const types = async (since: number) =>
  (await world.stripe.events.list({ limit: 100, created: { gte: since } })).data.map((e) => e.type).reverse();

describe('invoices', () => {
  it('create → add item → finalize → pay with pm_card_visa → paid, with fee reachable via payments', async () => {
    const since = Math.floor(Date.now() / 1000);
    const { invoice } = await draftInvoice(world.stripe, 10000);
    expect(invoice.status).toBe('draft');
    expect(invoice.amount_due).toBe(10000);
    expect(invoice.lines.data[0]!.pricing?.unit_amount_decimal?.toString()).toBe('10000');
    expect(invoice.hosted_invoice_url).toBeNull();
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open.status).toBe('open');
    expect(open.number).toMatch(/^[A-Z0-9]+-0001$/);
    expect(open.hosted_invoice_url).toBe(`${world.emu.url}/hosted/invoices/${invoice.id}`);
    expect(open.status_transitions.finalized_at).toBeTypeOf('number');
    expect(open.amount_remaining).toBe(10000);
    const paid = await world.stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(10000);
    expect(paid.amount_remaining).toBe(0);
    expect(paid.status_transitions.paid_at).toBeTypeOf('number');
    const withPayments = await world.stripe.invoices.retrieve(invoice.id, {
      expand: ['payments.data.payment.payment_intent'],
    });
    const ip = withPayments.payments!.data[0]!;
    expect(ip.status).toBe('paid');
    expect(ip.is_default).toBe(true);
    const pi = ip.payment.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('succeeded');
    const ch = await world.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    const bt = ch.balance_transaction as Stripe.BalanceTransaction;
    expect(bt.fee).toBe(320);
    expect(bt.net).toBe(10000 - 320);
    expect(bt.fee_details[0]).toMatchObject({ amount: 320, type: 'stripe_fee', currency: 'usd' });
    const listed = await world.stripe.invoicePayments.list({ invoice: invoice.id });
    expect(listed.data.map((p) => p.id)).toEqual([ip.id]);
    const t = await types(since);
    expect(t).toEqual(
      expect.arrayContaining([
        'invoice.created',
        'invoice.finalized',
        'charge.succeeded',
        'payment_intent.succeeded',
        'invoice_payment.paid',
        'invoice.paid',
        'invoice.payment_succeeded',
      ]),
    );
    expect(t.indexOf('invoice.finalized')).toBeLessThan(t.indexOf('invoice.paid'));
    const err = (await world.stripe.invoices
      .pay(invoice.id, { payment_method: 'pm_card_visa' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).toBe(400);
  });

  it('pm_card_chargeDeclined → 402 card_error card_declined; invoice stays open', async () => {
    const { invoice } = await draftInvoice(world.stripe, 5000);
    await world.stripe.invoices.finalizeInvoice(invoice.id);
    const err = (await world.stripe.invoices
      .pay(invoice.id, { payment_method: 'pm_card_chargeDeclined' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('generic_decline');
    expect((err.raw as { charge?: string }).charge).toMatch(/^ch_/);
    const after = await world.stripe.invoices.retrieve(invoice.id);
    expect(after.status).toBe('open');
    expect(after.attempt_count).toBe(1);
    expect(after.amount_paid).toBe(0);
    const failed = await world.stripe.events.list({ type: 'invoice.payment_failed' });
    expect(failed.data.some((e) => (e.data.object as Stripe.Invoice).id === invoice.id)).toBe(true);
    // A later good card still pays it.
    expect((await world.stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' })).status).toBe('paid');
  });

  it('paid_out_of_band marks paid without a charge; amount_paid_off_stripe is includable', async () => {
    const { invoice } = await draftInvoice(world.stripe, 7000);
    await world.stripe.invoices.finalizeInvoice(invoice.id);
    const charges = (await world.stripe.charges.list({ limit: 100 })).data.length;
    const paid = await world.stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(7000);
    expect(paid).not.toHaveProperty('amount_paid_off_stripe');
    expect(
      (await world.stripe.invoices.retrieve(invoice.id, { expand: ['amount_paid_off_stripe'] })).amount_paid_off_stripe,
    ).toBe(7000);
    expect((await world.stripe.charges.list({ limit: 100 })).data.length).toBe(charges);
    const evts = await world.stripe.events.list({ types: ['invoice.paid', 'invoice.payment_succeeded'], limit: 100 });
    const forThis = evts.data.filter((e) => (e.data.object as Stripe.Invoice).id === invoice.id).map((e) => e.type);
    expect(forThis).toEqual(['invoice.paid']);
    // Its hosted page reads paid and takes no more money.
    const page = await (await fetch(paid.hosted_invoice_url!)).text();
    expect(page).toContain('id="paid"');
    expect(
      (await postForm(`${paid.hosted_invoice_url!}/pay`, { card_number: '4242424242424242' })).status,
    ).toBeGreaterThanOrEqual(400);
  });

  it('a number set at creation is kept when finalized and is unique in the account, void invoices included', async () => {
    const customer = await world.stripe.customers.create({ email: 'numbered@example.com' });
    const params = { customer: customer.id, collection_method: 'send_invoice' as const, days_until_due: 30 };
    const number = `SETTLE-${Date.now()}`;
    const first = await world.stripe.invoices.create({ ...params, number });
    expect(first.number).toBe(number);
    await world.stripe.invoiceItems.create({ customer: customer.id, invoice: first.id, amount: 500, currency: 'usd' });
    expect((await world.stripe.invoices.finalizeInvoice(first.id)).number).toBe(number);
    await world.stripe.invoices.voidInvoice(first.id);
    const dup = await world.stripe.invoices.create({ ...params, number }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(dup).toMatchObject({ statusCode: 400, param: 'number' });
    expect((await world.stripe.invoices.create({ ...params, number: `${number}-2` })).number).toBe(`${number}-2`);
  });

  it('void, mark_uncollectible, send and invalid transitions', async () => {
    const a = (await draftInvoice(world.stripe)).invoice;
    const a2 = (await draftInvoice(world.stripe)).invoice;
    const noPm = (await world.stripe.invoices.pay(a2.id).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(noPm).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(noPm.code).toBe('missing');
    const e1 = (await world.stripe.invoices.voidInvoice(a.id).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(e1.statusCode).toBe(400);
    await world.stripe.invoices.finalizeInvoice(a.id);
    const sent = await world.stripe.invoices.sendInvoice(a.id);
    expect(sent.status).toBe('open');
    const voided = await world.stripe.invoices.voidInvoice(a.id);
    expect(voided.status).toBe('void');
    expect(voided.status_transitions.voided_at).toBeTypeOf('number');
    const e2 = (await world.stripe.invoices
      .pay(a.id, { payment_method: 'pm_card_visa' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(e2.statusCode).toBe(400);
    const b = (await draftInvoice(world.stripe)).invoice;
    await world.stripe.invoices.finalizeInvoice(b.id);
    const unc = await world.stripe.invoices.markUncollectible(b.id);
    expect(unc.status).toBe('uncollectible');
    expect((await world.stripe.invoices.pay(b.id, { paid_out_of_band: true })).status).toBe('paid');
    const list = await world.stripe.invoices.list({ status: 'void' });
    expect(list.data.map((i) => i.id)).toContain(a.id);
    expect(list.data.every((i) => i.status === 'void')).toBe(true);
  });

  it('updates drafts, items with amount / unit_amount_decimal × quantity, pending items and deletes', async () => {
    const customer = await world.stripe.customers.create({ email: 'x@example.com' });
    const pending = await world.stripe.invoiceItems.create({
      customer: customer.id,
      amount: 999,
      currency: 'usd',
      description: 'pending',
    });
    expect(pending.invoice).toBeNull();
    const excluded = await world.stripe.invoices.create({ customer: customer.id });
    expect(excluded.amount_due).toBe(0);
    const inv = await world.stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
      collection_method: 'send_invoice',
      days_until_due: 10,
    });
    expect(inv.amount_due).toBe(999);
    await world.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: inv.id,
      unit_amount_decimal: '250.5' as unknown as Stripe.Decimal,
      quantity: 3,
    });
    const upd = await world.stripe.invoices.update(inv.id, { description: 'Updated', metadata: { ref: 'INV-9' } });
    expect(upd.amount_due).toBe(999 + 752);
    expect(upd.description).toBe('Updated');
    expect(upd.metadata).toEqual({ ref: 'INV-9' });
    const updated = await world.stripe.events.list({ type: 'invoice.updated', limit: 1 });
    expect(updated.data[0]!.data.previous_attributes).toMatchObject({ description: null });
    const del = await world.stripe.invoiceItems.del(pending.id);
    expect(del.deleted).toBe(true);
    expect((await world.stripe.invoices.retrieve(inv.id)).amount_due).toBe(752);
    expect((await world.stripe.invoices.del(excluded.id)).deleted).toBe(true);
  });

  it('hosted invoice page: GET shows the amount; POST 4000…0002 declines, 4242 pays', async () => {
    const { invoice } = await draftInvoice(world.stripe, 4321);
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    const html = await (await fetch(open.hosted_invoice_url!)).text();
    expect(html).toContain('$43.21');
    expect(html).toContain('name="card_number"');
    const declined = await postForm(`${world.emu.url}/hosted/invoices/${invoice.id}/pay`, {
      card_number: '4000 0000 0000 0002',
      card_expiry: '12 / 34',
      card_cvc: '123',
    });
    expect(declined.status).toBe(402);
    expect(await declined.text()).toContain('Your card was declined.');
    expect((await world.stripe.invoices.retrieve(invoice.id)).status).toBe('open');
    const ok = await postForm(`${world.emu.url}/hosted/invoices/${invoice.id}/pay`, {
      card_number: '4242 4242 4242 4242',
      email: 'payer@example.com',
    });
    expect(ok.status).toBe(303);
    expect((await world.stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
    expect(await (await fetch(open.hosted_invoice_url!)).text()).toContain('id="paid"');
    const pdf = await fetch(open.invoice_pdf!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.startsWith('%PDF-1.4')).toBe(true);
    expect(bytes).toContain(`Invoice ${open.number}`);
  });

  it('hosted invoice page with a US bank account: processing, then paid once settled', async () => {
    const { invoice } = await draftInvoice(world.stripe, 20000);
    await world.stripe.invoices.finalizeInvoice(invoice.id);
    const res = await postForm(`${world.emu.url}/hosted/invoices/${invoice.id}/pay`, {
      payment_method_type: 'us_bank_account',
      bank_account_number: '000123456789',
    });
    expect(res.status).toBe(303);
    expect((await world.stripe.invoices.retrieve(invoice.id)).status).toBe('open');
    expect(await (await fetch(`${world.emu.url}/hosted/invoices/${invoice.id}`)).text()).toContain('id="processing"');
    // A debit on its way cannot be called back: the invoice is neither voided nor paid out of band under it.
    const refused = await world.stripe.invoices
      .voidInvoice(invoice.id)
      .catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(refused).toMatchObject({ statusCode: 400, code: 'invoice_unexpected_state' });
    const outOfBand = await world.stripe.invoices
      .pay(invoice.id, { paid_out_of_band: true })
      .catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(outOfBand).toMatchObject({ statusCode: 400, code: 'invoice_unexpected_state' });
    expect((await world.stripe.invoices.retrieve(invoice.id)).status).toBe('open');
    const settled = await fetch(`${world.emu.url}/__emulator/async-payments/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await settled.json()) as { settled: string[] }).settled).toHaveLength(1);
    const paid = await world.stripe.invoices.retrieve(invoice.id);
    expect(paid.status).toBe('paid');
    expect(paid.amount_paid).toBe(20000);
  });

  it('partial payment via attach_payment keeps the invoice open until fully paid', async () => {
    const { invoice, customer } = await draftInvoice(world.stripe, 10000);
    await world.stripe.invoices.finalizeInvoice(invoice.id);
    const pi = await world.stripe.paymentIntents.create({
      amount: 4000,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const part = await world.stripe.invoices.attachPayment(invoice.id, { payment_intent: pi.id });
    expect(part.status).toBe('open');
    expect(part.amount_paid).toBe(4000);
    expect(part.amount_remaining).toBe(6000);
    const rest = await world.stripe.invoices.pay(invoice.id, { payment_method: 'pm_card_visa' });
    expect(rest.status).toBe('paid');
    expect(rest.amount_paid).toBe(10000);
    // Both payments, newest first, and only this invoice's (another invoice of the account has its own).
    await draftInvoice(world.stripe, 500).then(({ invoice: other }) => world.stripe.invoices.finalizeInvoice(other.id));
    const { payments } = await world.stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });
    expect(payments!.data.map((p) => [p.payment.payment_intent, p.amount_paid, p.is_default])).toEqual([
      [pi.id, 4000, false],
      [expect.stringMatching(/^pi_/), 6000, true],
    ]);
  });
});
