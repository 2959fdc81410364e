import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import type { StripeApi } from './stripe-client.js';
import { inScope, type StripeConnection } from './stripe-connection.entity.js';
import { StripeClientLink, StripeInvoiceLink } from './stripe-links.entity.js';

/**
 * "Is money for this invoice already taken (or being taken) at Stripe, beyond what Settle booked?",
 * asked of Stripe under the invoice's row lock before anything else may charge it (a portal Checkout,
 * autopay). Webhooks can be late by minutes; these reads are not.
 */

/** The invoice's hosted Stripe invoice in the connection's account and mode, as Stripe has it now (null: none). */
export async function readHostedInvoice(
  tx: EntityManager,
  api: StripeApi,
  conn: StripeConnection,
  invoice: Invoice,
): Promise<{ link: StripeInvoiceLink; live: Stripe.Invoice } | null> {
  const link = await tx.findOneBy(StripeInvoiceLink, { orgId: invoice.orgId, invoiceId: invoice.id });
  // One of a previous account is that switch's clean-up's to close; this key cannot reach it.
  if (!link?.stripeInvoiceId || link.stripeAmount === 0 || !inScope(conn, link)) return null;
  return { link, live: await api.retrieveInvoice(link.stripeInvoiceId, ['payments']) };
}

/** The payer paid the hosted Stripe invoice (in full, or in part): that money is on its way to Settle. */
export const hostedTookMoney = (live: Stripe.Invoice) => live.status === 'paid' || live.amount_paid > 0;

/**
 * A payment of the Stripe invoice (read with its `payments`) is a bank debit still processing: money that
 * may yet arrive, which Stripe will not let the invoice be voided or marked paid elsewhere under.
 */
export async function hostedDebitProcessing(api: StripeApi, live: Stripe.Invoice): Promise<boolean> {
  for (const p of live.payments?.data ?? []) {
    const pi = p.status === 'open' && p.payment.type === 'payment_intent' ? p.payment.payment_intent : null;
    if (!pi) continue;
    const intent = typeof pi === 'string' ? await api.retrievePaymentIntent(pi) : pi;
    if (intent.status === 'processing') return true;
  }
  return false;
}

/** The client's Stripe customer in the connection's account and mode (null: none there yet). */
export async function customerOf(tx: EntityManager, conn: StripeConnection, invoice: Invoice): Promise<string | null> {
  const link = await tx.findOneBy(StripeClientLink, { orgId: invoice.orgId, clientId: invoice.clientId });
  return link?.customerId && inScope(conn, link) ? link.customerId : null;
}

/**
 * The invoice's PaymentIntents on the customer that took its money or are still debiting it (Settle's
 * invoice id in their metadata: autopay charges, Checkout payments made on the customer), oldest first.
 * One paged list call since the invoice was created (a day's margin covers a skewed clock).
 */
export async function invoiceIntentsAtStripe(
  api: StripeApi,
  invoice: Invoice,
  customer: string,
): Promise<Stripe.PaymentIntent[]> {
  const since = Math.floor(invoice.createdAt.getTime() / 1000) - 86_400;
  return (await api.listCustomerPaymentIntents(customer, since))
    .filter(
      (pi) =>
        pi.metadata?.settle_invoice_id === invoice.id && (pi.status === 'succeeded' || pi.status === 'processing'),
    )
    .sort((a, b) => a.created - b.created);
}

/** Of `intents`, those Settle has booked no payment of (every Stripe payment is keyed by its PaymentIntent). */
export async function unbooked(
  tx: EntityManager,
  invoice: Invoice,
  intents: Stripe.PaymentIntent[],
): Promise<Stripe.PaymentIntent[]> {
  if (!intents.length) return [];
  const booked = await tx.find(Payment, {
    where: { orgId: invoice.orgId, source: PaymentSource.STRIPE, externalId: In(intents.map((pi) => pi.id)) },
    select: { externalId: true },
  });
  const ids = new Set(booked.map((p) => p.externalId));
  return intents.filter((pi) => !ids.has(pi.id));
}

export interface MoneyAtStripe {
  /** The hosted Stripe invoice as Stripe has it now (null: none in this account and mode). */
  hosted: { link: StripeInvoiceLink; live: Stripe.Invoice } | null;
  /** Why a new charge must wait (null: nothing is under way at Stripe that Settle has not booked). */
  inFlight: string | null;
}

/**
 * What Stripe holds of this invoice's money that Settle has not booked: a hosted Stripe invoice paid
 * (its webhook still on the way), or a PaymentIntent of the invoice on the client's customer that
 * succeeded or is debiting with no payment booked for it (an autopay charge whose transaction was lost,
 * a bank debit still processing). The caller holds the invoice row lock. Checkout sessions are asked
 * separately (closing them says whether one completed).
 */
export async function moneyAtStripe(
  tx: EntityManager,
  api: StripeApi,
  conn: StripeConnection,
  invoice: Invoice,
): Promise<MoneyAtStripe> {
  const hosted = await readHostedInvoice(tx, api, conn, invoice);
  if (hosted && hostedTookMoney(hosted.live))
    return { hosted, inFlight: `hosted Stripe invoice ${hosted.live.id} is ${hosted.live.status}` };
  if (hosted && hosted.live.status === 'open' && (await hostedDebitProcessing(api, hosted.live)))
    return { hosted, inFlight: `a bank debit of hosted Stripe invoice ${hosted.live.id} is processing` };
  const customer = await customerOf(tx, conn, invoice);
  const [pi] = customer ? await unbooked(tx, invoice, await invoiceIntentsAtStripe(api, invoice, customer)) : [];
  return { hosted, inFlight: pi ? `PaymentIntent ${pi.id} is ${pi.status}, not booked yet` : null };
}
