import type { Actor } from '../runtime.js';
import type { WCustomer, WCustomerBalanceTransaction, WInvoice } from '../core/wire-types.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';

/**
 * Records a change of the customer's balance as Stripe does, with a CustomerBalanceTransaction
 * (`amount` negative = credit given, `ending_balance` after it). The caller emits `customer.updated`.
 */
export function recordBalanceChange(
  actor: Actor,
  customer: WCustomer,
  amount: number,
  type: WCustomerBalanceTransaction['type'],
  o: {
    currency?: string;
    description?: string | null;
    invoice?: string | null;
    metadata?: Record<string, string>;
  } = {},
): WCustomerBalanceTransaction {
  customer.balance += amount;
  const txn: WCustomerBalanceTransaction = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount,
    checkout_session: null,
    created: nowSeconds(),
    credit_note: null,
    currency: o.currency ?? customer.currency ?? 'usd',
    customer: customer.id,
    customer_account: null,
    description: o.description ?? null,
    ending_balance: customer.balance,
    invoice: o.invoice ?? null,
    livemode: !!actor.acct.livemode,
    metadata: o.metadata ?? {},
    type,
  };
  actor.acct.collections.customer_balance_transactions[txn.id] = txn;
  return txn;
}

/** `customers.update({balance})` (or create): an `adjustment` (`initial` at creation) of the difference. */
export function setBalance(actor: Actor, customer: WCustomer, balance: number, creating: boolean): void {
  const delta = balance - customer.balance;
  if (delta !== 0) recordBalanceChange(actor, customer, delta, creating ? 'initial' : 'adjustment');
}

/**
 * The customer's balance meets an invoice when it is finalized, as on Stripe: a credit (negative balance)
 * lowers `amount_due` as far as the total allows and the rest of it stays on the customer; an amount owed
 * (positive balance) is added to `amount_due` in full. `starting_balance` is the balance before,
 * `ending_balance` after. Drafts show 0 and null. Each change is a CustomerBalanceTransaction.
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
  // A credit used (negative balance) is a positive transaction, an amount owed that is billed a negative one.
  recordBalanceChange(actor, customer, -applied, 'applied_to_invoice', { currency: inv.currency, invoice: inv.id });
  emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
}

/** Voiding gives the customer back what the invoice took from (or added to) their balance. */
export function restoreCustomerBalance(actor: Actor, inv: WInvoice): void {
  const customer = actor.acct.collections.customers[inv.customer as string];
  const applied = inv.starting_balance - (inv.ending_balance ?? inv.starting_balance);
  if (!customer || applied === 0) return;
  const before = snapshot(customer);
  recordBalanceChange(actor, customer, applied, 'unapplied_from_invoice', { currency: inv.currency, invoice: inv.id });
  emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
}
