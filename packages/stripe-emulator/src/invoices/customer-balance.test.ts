import { describe, it, expect } from 'vitest';
import type Stripe from 'stripe';
import { emulatorForFile } from '../file-emulator.test-support.js';
import { draftInvoice } from '../testing.js';

const world = emulatorForFile('sk_test_customer_balance');

const balanceOf = async (id: string) => ((await world.stripe.customers.retrieve(id)) as Stripe.Customer).balance;

/** A $123.45 draft for a customer whose balance is `balance` (negative = credit). */
async function draftWithBalance(balance: number) {
  const draft = await draftInvoice(world.stripe);
  await world.stripe.customers.update(draft.customer.id, { balance });
  return draft;
}

describe("the customer's balance on invoices (issue #16)", () => {
  it('applies a credit at finalization: starting_balance, ending_balance, lower amount_due, balance used up', async () => {
    const { customer, invoice } = await draftWithBalance(-3000);
    expect(invoice).toMatchObject({ starting_balance: 0, ending_balance: null, amount_due: 12345 });
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open).toMatchObject({
      status: 'open',
      total: 12345,
      starting_balance: -3000,
      ending_balance: 0,
      amount_due: 9345,
      amount_remaining: 9345,
    });
    expect(await balanceOf(customer.id)).toBe(0);
    const updated = (await world.stripe.events.list({ type: 'customer.updated', limit: 1 })).data[0]!;
    expect(updated.data.previous_attributes).toEqual({ balance: -3000 });
  });

  it('a credit larger than the total pays the invoice at finalization and keeps the rest', async () => {
    const { customer, invoice } = await draftWithBalance(-20000);
    const paid = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(paid).toMatchObject({
      status: 'paid',
      starting_balance: -20000,
      ending_balance: -7655,
      amount_due: 0,
      amount_paid: 0,
    });
    expect(await balanceOf(customer.id)).toBe(-7655);
  });

  it('adds an amount owed to amount_due; voiding gives the balance back', async () => {
    const { customer, invoice } = await draftWithBalance(500);
    const open = await world.stripe.invoices.finalizeInvoice(invoice.id);
    expect(open).toMatchObject({ starting_balance: 500, ending_balance: 0, amount_due: 12845 });
    expect(await balanceOf(customer.id)).toBe(0);
    await world.stripe.invoices.voidInvoice(invoice.id);
    expect(await balanceOf(customer.id)).toBe(500);
  });
});
