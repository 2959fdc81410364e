import type { EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { balanceDue } from '../invoices/invoice-status.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { PaymentProvider } from './stripe-client.js';

/** Event types whose whole effect is recording money: the processor applies runs of them in one transaction. */
export const MONEY_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'invoice.paid']);

/** What the network said about an event, fetched before its transaction (never while holding row locks). */
export interface PreparedMoney {
  /** invoice.paid: the invoice as Stripe has it now, with its payments (the payload carries none). */
  fresh?: Stripe.Invoice;
}

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/** Our metadata names the org and invoice; an object of another org (or not Settle's) is ignored. */
export function settleIdOf(orgId: string, o: { metadata?: Stripe.Metadata | null }): string | null {
  const m = o.metadata ?? {};
  return m.settle_org_id === orgId && m.settle_invoice_id ? m.settle_invoice_id : null;
}

/**
 * Stores (created, event id) for an object when newer than what is stored, in one statement (the
 * upsert locks the row like SELECT … FOR UPDATE would); returns whether it was newer. The tie-break on
 * the event id compares bytes, as `isNewer` in stripe-rules.ts does. With `clearPaymentErrorOf`, the
 * invoice's last payment error is cleared in the same round trip.
 */
export async function bumpVersion(tx: EntityManager, orgId: string, objectId: string, created: number, eventId: string, state: string, clearPaymentErrorOf?: string): Promise<boolean> {
  const rows = (await tx.query(
    `WITH v AS (
       INSERT INTO stripe_object_versions AS cur (org_id, object_id, created, event_id, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, object_id) DO UPDATE SET created = EXCLUDED.created, event_id = EXCLUDED.event_id, state = EXCLUDED.state
        WHERE (cur.created, cur.event_id COLLATE "C") < (EXCLUDED.created, EXCLUDED.event_id COLLATE "C")
       RETURNING 1
     ), l AS (
       UPDATE stripe_invoice_links SET last_payment_error = NULL, last_payment_error_at = NULL, updated_at = now()
        WHERE $6::uuid IS NOT NULL AND org_id = $1 AND invoice_id = $6::uuid
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM v)::int AS newer`,
    [orgId, objectId, created, eventId, state, clearPaymentErrorOf ?? null],
  )) as Array<{ newer: number }>;
  return rows[0]!.newer > 0;
}

/**
 * Payments from Stripe: Checkout sessions paid (now or after a delayed debit) and paid Stripe invoices.
 * The network part (`prepare`) runs before the transaction; `applyIn` runs inside the caller's, so many
 * events can share one. Money always goes through the settlement service keyed by the PaymentIntent.
 */
export class StripeMoneyEffects {
  constructor(private readonly c: Container) {}

  async prepare(orgId: string, evt: Stripe.Event, provider: () => Promise<PaymentProvider | null>): Promise<PreparedMoney> {
    if (evt.type !== 'invoice.paid') return {};
    const inv = evt.data.object;
    if (!settleIdOf(orgId, inv)) return {};
    const p = await provider();
    if (!p) throw new Error('Stripe is not connected');
    // The payload has no payments (they are includable only), so the PaymentIntents come from Stripe.
    return { fresh: await p.retrieveInvoice(inv.id, ['payments']) };
  }

  async applyIn(tx: EntityManager, orgId: string, actor: Actor, evt: Stripe.Event, prepared: PreparedMoney): Promise<string> {
    if (evt.type === 'invoice.paid') return this.invoicePaid(tx, orgId, actor, evt.data.object, prepared.fresh);
    if (evt.type === 'checkout.session.completed' || evt.type === 'checkout.session.async_payment_succeeded') return this.checkoutPaid(tx, orgId, actor, evt, evt.data.object);
    throw new Error(`${evt.type} does not record money`);
  }

  private async checkoutPaid(tx: EntityManager, orgId: string, actor: Actor, evt: Stripe.Event, s: Stripe.Checkout.Session): Promise<string> {
    const invoiceId = settleIdOf(orgId, s);
    if (!invoiceId) return 'ignored: not a Settle checkout session';
    // Before settling: the balance-changed hook must not take this session for an open one.
    await tx.query(`UPDATE stripe_checkout_sessions SET status = 'complete' WHERE org_id = $1 AND id = $2`, [orgId, s.id]);
    if (s.payment_status !== 'paid') return 'awaiting the delayed payment';
    const pi = idOf(s.payment_intent);
    if (!pi || !s.amount_total) return 'ignored: no captured amount';
    const method = evt.type === 'checkout.session.async_payment_succeeded' ? PaymentMethod.BANK_DEBIT : PaymentMethod.CARD;
    return this.recordMoney(tx, orgId, actor, evt.created, evt.id, { invoiceId, amount: s.amount_total, currency: s.currency, externalId: pi, method, reference: `Stripe Checkout ${s.id}` });
  }

  /** invoice.paid: every paid PaymentIntent of the re-fetched invoice is recorded once. */
  private async invoicePaid(tx: EntityManager, orgId: string, actor: Actor, inv: Stripe.Invoice, fresh: Stripe.Invoice | undefined): Promise<string> {
    const invoiceId = settleIdOf(orgId, inv);
    if (!invoiceId) return 'ignored: not a Settle invoice';
    if (!fresh) throw new Error('invoice.paid applied without re-fetching the invoice');
    const paid = (fresh.payments?.data ?? []).filter((p) => p.status === 'paid' && p.payment.type === 'payment_intent');
    if (!paid.length) return 'paid out of band: no Stripe money to record';
    const results: string[] = [];
    for (const p of paid) {
      const pi = idOf(p.payment.payment_intent)!;
      results.push(await this.recordMoney(tx, orgId, actor, fresh.status_transitions?.paid_at ?? fresh.created, `inv:${inv.id}`, {
        invoiceId, amount: p.amount_paid ?? 0, currency: fresh.currency, externalId: pi, method: PaymentMethod.CARD, reference: `Stripe invoice ${fresh.number ?? fresh.id}`,
      }));
    }
    return results.join('; ');
  }

  /**
   * Records provider money under the invoice lock (taken by settleIn). Money that already moved is
   * recorded even past the balance (a manual payment may have won the race); that case is flagged.
   */
  private async recordMoney(tx: EntityManager, orgId: string, actor: Actor, created: number, eventId: string, m: { invoiceId: string; amount: number; currency: string | null; externalId: string; method: PaymentMethod; reference: string }): Promise<string> {
    let r;
    try {
      r = await this.c.settlement.settleIn(tx, orgId, actor, {
        invoiceId: m.invoiceId, amount: m.amount, currency: m.currency ?? undefined, source: PaymentSource.STRIPE, method: m.method,
        externalId: m.externalId, reference: m.reference, allowOverpayment: true,
      });
    } catch (err) {
      // Not found is answered by the lock, before anything was written in this transaction.
      if (err instanceof AppError && err.code === 'NOT_FOUND') return 'ignored: invoice not found';
      throw err;
    }
    if (r.replayed) return `already recorded ${m.externalId}`;
    const invoice = r.invoice;
    const balanceBefore = balanceDue({ total: invoice.total, amountPaid: invoice.amountPaid - m.amount, amountCredited: invoice.amountCredited });
    const over = m.amount > balanceBefore;
    if (over) {
      logger.warn({ orgId, invoiceId: invoice.id, paymentIntent: m.externalId }, 'stripe payment exceeded the balance; flagged');
      await this.c.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoice.id }, 'invoice.stripe_payment_over_balance', null, { paymentIntent: m.externalId, amount: m.amount, balanceBefore: balanceBefore + m.amount });
    }
    await bumpVersion(tx, orgId, `pay:${m.invoiceId}`, created, eventId, 'paid', m.invoiceId);
    return `recorded ${formatMoney(m.amount, invoice.currency)} from ${m.externalId}${over ? ' (over the balance: flagged)' : ''}`;
  }
}
