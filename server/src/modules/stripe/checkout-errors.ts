import { AppError, conflict } from '../../platform/errors.js';
import type { InvoiceStatus } from '../invoices/invoice-status.js';
import type { Invoice } from '../invoices/invoice.entity.js';

// The refusals a payment start gives and the Stripe failures it translates, kept apart from the
// session logic so the routes and the hosted-invoice service can share the exact wording.

/**
 * Why an invoice takes no payment online, as the payer reads it (the portal shows the message as it is);
 * `contact` is whom to ask (organizations/org-contact.ts contactOf: the org's billing email when it has one).
 */
export function notPayable(status: InvoiceStatus, contact: string): string {
  const why: Partial<Record<InvoiceStatus, string>> = {
    DRAFT: 'is not finalized yet, so it cannot be paid',
    PAID: 'is paid in full already',
    VOID: 'was cancelled; there is nothing to pay',
    UNCOLLECTIBLE: `can no longer be paid online; please contact ${contact} to pay it`,
  };
  return why[status] ?? 'has nothing to pay';
}

export const BEING_CONFIRMED = 'A payment for this invoice is being confirmed; try again in a minute.';
export const STRIPE_BUSY = 'Stripe is busy; try again in a moment.';

/** The SDK's error for HTTP 429 (after its own retries with backoff). */
export const isRateLimited = (err: unknown) =>
  (err as { type?: string; statusCode?: number })?.type === 'StripeRateLimitError' ||
  (err as { statusCode?: number })?.statusCode === 429;

/** Stripe refused an amount under its minimum in a currency Settle knows no minimum for (stripe-rules.ts). */
export const isBelowMinimum = (err: unknown) => (err as { code?: string })?.code === 'amount_too_small';

/** A card payment on the invoice completed at Stripe (its webhook may still be on its way): nothing else may take money now. */
export const paymentInFlight = (inv: Invoice): AppError =>
  conflict(
    `A card payment on invoice ${inv.number} is already in progress or completed at Stripe; refresh to see the new balance`,
  );

/**
 * The same refusal as a payer reads it (portal Pay, /pay): the money they or someone else already paid
 * at Stripe has not reached the invoice yet, and a second page to pay must not be handed out.
 */
/** The client paid on a page Settle does not run (QuickBooks' Pay Now) and Settle has not read it back yet. */
export const alreadyPaidIn = (inv: Invoice, where: string): AppError =>
  conflict(
    `A payment of invoice ${inv.number} was already made in ${where}, so you cannot pay it again now. It can take a few minutes to show here: refresh the page to see the new balance.`,
  );

export const alreadyPaying = (inv: Invoice): AppError =>
  conflict(
    `A payment of invoice ${inv.number} was already made or is under way at Stripe, so you cannot pay it again now. It can take a few minutes to show here: refresh the page to see the new balance.`,
  );
