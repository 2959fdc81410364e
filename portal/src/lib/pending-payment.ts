/**
 * Before the browser leaves for Stripe's page we remember what the invoice looked like, so the return
 * page can tell "this payment has landed" (amount paid grew by the amount) from "still processing",
 * even when the webhook arrives before the page loads.
 */
export interface PendingPayment {
  invoiceId: string;
  amountPaidBefore: number;
  amount: number;
  currency: string;
  startedAt: number;
}

const key = (invoiceId: string) => `settle.pendingPayment.${invoiceId}`;

export function rememberPendingPayment(p: PendingPayment): void {
  try {
    sessionStorage.setItem(key(p.invoiceId), JSON.stringify(p));
  } catch {
    // Private mode without storage: the return page falls back to the subscription alone.
  }
}

export function pendingPayment(invoiceId: string): PendingPayment | null {
  try {
    const raw = sessionStorage.getItem(key(invoiceId));
    return raw ? (JSON.parse(raw) as PendingPayment) : null;
  } catch {
    return null;
  }
}

export function forgetPendingPayment(invoiceId: string): void {
  try {
    sessionStorage.removeItem(key(invoiceId));
  } catch {
    /* nothing to forget */
  }
}

/**
 * The payment of the Stripe Checkout session the payer came back from (success_url's `session_id`): the
 * server records a Checkout payment with the reference "Stripe Checkout <session id>"
 * (stripe-money-effects.ts), which the portal already reads. Null until it lands, or without a session.
 */
export function checkoutPayment<P extends { source: string; kind: string; reference: string }>(
  payments: readonly P[],
  sessionId: string | null,
): P | null {
  if (!sessionId) return null;
  return (
    payments.find((p) => p.source === 'STRIPE' && p.kind === 'PAYMENT' && p.reference.split(' ').includes(sessionId)) ??
    null
  );
}
