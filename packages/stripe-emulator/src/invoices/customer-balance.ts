import type { Actor } from '../runtime.js';
import type { WInvoice } from '../core/wire-types.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';

/**
 * The customer's balance meets an invoice when it is finalized, as on Stripe: a credit (negative balance)
 * lowers `amount_due` as far as the total allows and the rest of it stays on the customer; an amount owed
 * (positive balance) is added to `amount_due` in full. `starting_balance` is the balance before,
 * `ending_balance` after. Drafts show 0 and null. (Customer balance transactions are not emulated.)
 */
export function applyCustomerBalance(actor: Actor, inv: WInvoice): void {
  const customer = actor.acct.collections.customers[inv.customer as string];
  const start = customer?.balance ?? 0;
  const applied = start < 0 ? Math.max(start, -inv.amount_due) : start;
  inv.starting_balance = start;
  inv.ending_balance = start - applied;
  if (!customer || applied === 0) return;
  inv.amount_due += applied;
  const before = snapshot(customer);
  customer.balance = start - applied;
  emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
}

/** Voiding gives the customer back what the invoice took from (or added to) their balance. */
export function restoreCustomerBalance(actor: Actor, inv: WInvoice): void {
  const customer = actor.acct.collections.customers[inv.customer as string];
  const applied = inv.starting_balance - (inv.ending_balance ?? inv.starting_balance);
  if (!customer || applied === 0) return;
  const before = snapshot(customer);
  customer.balance += applied;
  emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
}
