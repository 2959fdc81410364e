import { describe, it, expect, afterAll } from 'vitest';
import Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { control, stripeError } from '../testing.js';

const world = emulatorForFile('sk_test_auto_collection');
afterAll(() => control(world.emu, '/clock', undefined, 'DELETE'));

const DAY = 86400;

/** A customer whose default payment method is a new `pm` (a `pm_card_*` test id), and their $100 draft. */
async function autopayDraft(pm: string, balance = 0) {
  const customer = await world.stripe.customers.create({ email: 'autopay@example.com', balance });
  const attached = await world.stripe.paymentMethods.attach(pm, { customer: customer.id });
  await world.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: attached.id } });
  const invoice = await world.stripe.invoices.create({
    customer: customer.id,
    collection_method: 'charge_automatically',
    auto_advance: true,
  });
  await world.stripe.invoiceItems.create({
    customer: customer.id,
    invoice: invoice.id,
    amount: 10000,
    currency: 'usd',
  });
  return { customer, pm: attached, invoice };
}

const eventsFor = async (invoiceId: string) =>
  (await world.stripe.events.list({ limit: 100 })).data
    .filter((e) => (e.data.object as { id?: string }).id === invoiceId)
    .map((e) => e.type)
    .reverse();

describe('automatic collection of charge_automatically invoices', () => {
  it('finalizing charges the default payment method off-session → paid, invoice.paid', async () => {
    const { invoice } = await autopayDraft('pm_card_visa');
    const paid = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 10000, attempt_count: 1, next_payment_attempt: null });
    expect(await eventsFor(invoice.id)).toEqual(
      expect.arrayContaining(['invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded']),
    );
  });

  it('a decline leaves it open with attempt_count and next_payment_attempt, invoice.payment_failed', async () => {
    const { invoice } = await autopayDraft('pm_card_chargeCustomerFail');
    const before = Math.floor(Date.now() / 1000);
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open).toMatchObject({ status: 'open', attempted: true, attempt_count: 1, amount_paid: 0 });
    expect(open.next_payment_attempt).toBeGreaterThanOrEqual(before + 3 * DAY);
    const types = await eventsFor(invoice.id);
    expect(types).toContain('invoice.payment_failed');
    expect(types).not.toContain('invoice.payment_action_required');
    const customer = (await world.stripe.customers.retrieve(invoice.customer as string)) as Stripe.Customer;
    expect(customer.delinquent).toBe(true);
  });

  it('authentication required: invoice.payment_failed and invoice.payment_action_required', async () => {
    const { invoice } = await autopayDraft('pm_card_authenticationRequired');
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open.status).toBe('open');
    expect(open.attempt_count).toBe(1);
    expect(await eventsFor(invoice.id)).toEqual(
      expect.arrayContaining(['invoice.payment_failed', 'invoice.payment_action_required']),
    );
  });

  it('invoices.pay without payment_method charges the default off-session; a decline is a StripeCardError', async () => {
    const customer = await world.stripe.customers.create({ payment_method: 'pm_card_chargeCustomerFail' });
    const [pm] = (await world.stripe.customers.listPaymentMethods(customer.id)).data;
    await world.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm!.id } });
    const invoice = await world.stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 7,
    });
    await world.stripe.invoiceItems.create({
      customer: customer.id,
      invoice: invoice.id,
      amount: 4200,
      currency: 'usd',
    });
    await world.stripe.invoices.finalizeInvoice(invoice.id);
    const err = await stripeError(world.stripe.invoices.pay(invoice.id));
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.code).toBe('card_declined');
    const after = await world.stripe.invoices.retrieve(invoice.id);
    expect(after).toMatchObject({ status: 'open', attempt_count: 1 });
    const visa = await world.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await world.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    expect((await world.stripe.invoices.pay(invoice.id)).status).toBe('paid');
  });

  it('applies the credit balance at finalization and charges only the rest', async () => {
    const { customer, invoice } = await autopayDraft('pm_card_visa');
    await world.stripe.customers.createBalanceTransaction(customer.id, { amount: -2500, currency: 'usd' });
    const paid = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(paid).toMatchObject({
      status: 'paid',
      starting_balance: -2500,
      ending_balance: 0,
      amount_due: 7500,
      amount_paid: 7500,
    });
    const txns = await world.stripe.customers.listBalanceTransactions(customer.id);
    expect(txns.data[0]).toMatchObject({
      type: 'applied_to_invoice',
      amount: 2500,
      invoice: invoice.id,
      ending_balance: 0,
    });
  });
});

describe('the emulator clock (test clock)', () => {
  it('freezes and advances: created follows it, due retries run, it never goes back', async () => {
    const { customer, invoice } = await autopayDraft('pm_card_chargeCustomerFail');
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open.status).toBe('open');
    const retryAt = open.next_payment_attempt!;
    const frozen = Math.floor(Date.now() / 1000) + DAY;
    const clock = await control(world.emu, '/clock', { frozen_time: frozen });
    expect(clock).toMatchObject({ frozen_time: frozen, now: frozen, invoices_attempted: [] });
    const made = await world.stripe.customers.create({});
    expect(made.created).toBe(frozen);
    // The customer fixes their card; the retry three days later charges it.
    const visa = await world.stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await world.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id } });
    const advanced = await control<{ invoices_attempted: string[] }>(world.emu, '/clock', { frozen_time: retryAt });
    expect(advanced.invoices_attempted).toContain(invoice.id);
    const paid = await world.stripe.invoices.retrieve(invoice.id);
    expect(paid).toMatchObject({ status: 'paid', attempt_count: 2 });
    expect(((await world.stripe.customers.retrieve(customer.id)) as Stripe.Customer).delinquent).toBe(false);
    expect(paid.status_transitions.paid_at).toBe(retryAt);
    const back = await fetch(`${world.emu.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frozen_time: frozen }),
    });
    expect(back.status).toBe(400);
    const step = await control<{ now: number }>(world.emu, '/clock', { advance_seconds: 60 });
    expect(step.now).toBe(retryAt + 60);
    const real = await control<{ frozen_time: number | null }>(world.emu, '/clock', undefined, 'DELETE');
    expect(real.frozen_time).toBeNull();
    expect(Math.abs((await world.stripe.customers.create({})).created - Date.now() / 1000)).toBeLessThan(5);
  });

  it('retries stop after the schedule: three retries, then no next_payment_attempt', async () => {
    const { invoice } = await autopayDraft('pm_card_chargeCustomerFail');
    let inv = await world.stripe.invoices.finalizeInvoice(invoice.id);
    while (inv.next_payment_attempt) {
      await control(world.emu, '/clock', { frozen_time: inv.next_payment_attempt });
      inv = await world.stripe.invoices.retrieve(invoice.id);
    }
    expect(inv).toMatchObject({ status: 'open', attempt_count: 4, next_payment_attempt: null });
    await control(world.emu, '/clock', undefined, 'DELETE');
  });
});
