import type { AccountData } from '../core/store.js';
import type { WInvoice, WInvoicePayment, WPaymentIntent } from '../core/wire-types.js';
import { newId, nowSeconds } from '../core/ids.js';

type Collection = AccountData['collections']['invoice_payments'];

/**
 * An account's InvoicePayments by invoice, oldest first. Built once from the stored collection (which
 * may come from a state file) and kept current by `addInvoicePayment`, so expanding an invoice's
 * `payments` or finding its default payment does not scan every payment of the account.
 */
const byInvoice = new WeakMap<Collection, Map<string, WInvoicePayment[]>>();

function indexOf(acct: AccountData): Map<string, WInvoicePayment[]> {
  const coll = acct.collections.invoice_payments;
  let index = byInvoice.get(coll);
  if (!index) {
    index = new Map();
    for (const ip of Object.values(coll)) push(index, ip);
    byInvoice.set(coll, index);
  }
  return index;
}

function push(index: Map<string, WInvoicePayment[]>, ip: WInvoicePayment): void {
  const list = index.get(ip.invoice as string);
  if (list) list.push(ip);
  else index.set(ip.invoice as string, [ip]);
}

/**
 * Stores a new open InvoicePayment of `pi` towards `inv` (`isDefault`: the one finalizing creates).
 * Every InvoicePayment is created through here.
 */
export function openInvoicePayment(
  acct: AccountData,
  inv: WInvoice,
  pi: WPaymentIntent,
  isDefault: boolean,
): WInvoicePayment {
  const ip: WInvoicePayment = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: pi.amount,
    created: nowSeconds(),
    currency: pi.currency,
    invoice: inv.id,
    is_default: isDefault,
    livemode: !!acct.livemode,
    payment: { type: 'payment_intent', payment_intent: pi.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
  const index = indexOf(acct);
  acct.collections.invoice_payments[ip.id] = ip;
  push(index, ip);
  return ip;
}

/** The invoice's InvoicePayments, oldest first (a new array; the objects are the stored ones). */
export function invoicePaymentsOf(acct: AccountData, invoiceId: string): WInvoicePayment[] {
  return [...(indexOf(acct).get(invoiceId) ?? [])];
}
