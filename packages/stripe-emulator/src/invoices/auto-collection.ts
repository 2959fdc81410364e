import type { Actor, Runtime } from '../runtime.js';
import type { WInvoice } from '../core/wire-types.js';
import type { StripeApiError } from '../core/errors.js';
import { emitEvent } from '../webhooks/events.js';
import { nowSeconds } from '../core/ids.js';
import { payInvoiceWith, nextRetry, setDelinquent } from './invoice-actions.js';

/** The payment method automatic collection charges: the invoice's own default, else the customer's. */
export function collectionPaymentMethod(actor: Actor, inv: WInvoice): string | null {
  const customer = actor.acct.collections.customers[inv.customer as string];
  return (
    (inv.default_payment_method as string | null) ??
    (customer?.invoice_settings.default_payment_method as string | null | undefined) ??
    null
  );
}

/**
 * One automatic (off-session) payment attempt of a `charge_automatically` invoice, as Stripe makes at
 * finalization and on each retry: success → `invoice.paid`; a decline → `invoice.payment_failed` (and
 * `invoice.payment_action_required` when the card asks for authentication), the invoice stays open with
 * `attempt_count` up and `next_payment_attempt` at the next retry, and the customer becomes `delinquent`. Without a payment method to charge the
 * attempt fails the same way without a charge.
 */
export function attemptAutomaticPayment(actor: Actor, inv: WInvoice): { ok: boolean; error?: StripeApiError } {
  const pm = collectionPaymentMethod(actor, inv);
  if (!pm) {
    inv.attempted = true;
    inv.attempt_count += 1;
    inv.next_payment_attempt = nextRetry(inv);
    emitEvent(actor, 'invoice.payment_failed', inv);
    setDelinquent(actor, inv, true);
    return { ok: false };
  }
  const r = payInvoiceWith(actor, inv, { kind: 'id', id: pm }, { offSession: true });
  if (!r.ok) setDelinquent(actor, inv, true);
  return { ok: r.ok, error: r.error };
}

const isDue = (inv: WInvoice, now: number) =>
  inv.status === 'open' &&
  inv.collection_method === 'charge_automatically' &&
  inv.auto_advance === true &&
  inv.next_payment_attempt !== null &&
  inv.next_payment_attempt <= now;

/** Runs every due automatic payment attempt (the periodic sweep, and after the clock is advanced). */
export function collectDueInvoices(rt: Runtime): string[] {
  const attempted: string[] = [];
  const now = nowSeconds();
  for (const acct of Object.values(rt.store.state.accounts)) {
    const actor: Actor = { rt, acct, request: { id: null, idempotency_key: null } };
    for (const inv of Object.values(acct.collections.invoices)) {
      if (!isDue(inv, now)) continue;
      // A bank debit still processing settles by itself; no second attempt meanwhile.
      try {
        attemptAutomaticPayment(actor, inv);
        attempted.push(inv.id);
      } catch (err) {
        rt.logger.warn(`automatic collection of ${inv.id} failed`, err);
        inv.next_payment_attempt = null;
      }
    }
  }
  if (attempted.length) rt.store.changed();
  return attempted;
}
