import type { EntityManager } from 'typeorm';
import { AppError, conflict, unavailable } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { PaymentSource, type Payment } from '../payments/payment.entity.js';
import type { PaymentProvider, ProviderRefund, RefundRequest } from '../payments/payment-provider.js';
import type { LedgerRange, ProviderLedger } from '../payments/provider-ledger.js';
import { readStripeLedger } from './stripe-ledger.js';
import { checkStripeStep } from './stripe-rules.js';
import type { CheckoutLinkService } from './checkout-link.service.js';
import type { StripeSendService } from './hosted-invoice.service.js';
import { StripeConnection } from './stripe-connection.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';

/** Refunds asked for one request at most: its own key, then one after each of its refunds that failed. */
const MAX_REFUND_ASKS = 4;

/** Stripe as the rest of Settle sees it: refunds, /pay links and closing them, with each org's own key. */
export class StripePaymentProvider implements PaymentProvider {
  readonly source = PaymentSource.STRIPE;
  readonly name = 'Stripe';

  constructor(
    private readonly connections: StripeConnectionService,
    private readonly checkout: CheckoutLinkService,
    private readonly sending: StripeSendService,
  ) {}

  /**
   * A Refund on the payment's PaymentIntent, with Settle's ids in its metadata. Stripe answers a retried
   * idempotency key with its first answer, the refund as it was then: one that has failed since (and whose
   * booking Settle undid) would be booked again as money given back, and the retry would refund nothing.
   * So a replayed answer is read again, and a refund that failed or was canceled is asked anew under a key
   * naming it (the same retry again gets that same new refund).
   */
  async refund({ orgId, payment, amount, idempotencyKey, reason }: RefundRequest): Promise<ProviderRefund> {
    // Before Stripe is asked (it refuses such an amount): the refund writes nothing.
    checkStripeStep(amount, payment.currency);
    const stripe = await this.connections.providerFor(orgId);
    if (!stripe) throw conflict('Stripe is not connected; reconnect it to refund through Stripe');
    const params = {
      payment_intent: payment.externalId!,
      amount,
      metadata: {
        settle_org_id: orgId,
        settle_invoice_id: payment.invoiceId,
        ...(reason.paymentExceptionId && { settle_payment_exception_id: reason.paymentExceptionId }),
        // Stripe keeps metadata values up to 500 characters.
        ...(reason.note && { settle_refund_reason: reason.note.slice(0, 500) }),
        // The request that made it: a request asked again after its answer was lost finds it (refundMadeUnder).
        settle_request: idempotencyKey.slice(0, 500),
      },
    };
    let key = idempotencyKey;
    for (let asked = 1; ; asked++) {
      const created = await stripe.createRefund(params, key).catch((err: unknown) => {
        // The SDK retried with the same key and never heard back: Stripe may have made the refund.
        if ((err as { type?: string }).type === 'StripeConnectionError')
          throw conflict(
            'Stripe did not answer, so the refund may have been made. Ask again with the same Idempotency-Key (the admin app does): Stripe answers with that refund and never makes a second one',
          );
        throw err;
      });
      const r = created.replayed ? await stripe.retrieveRefund(created.refund.id) : created.refund;
      if (!created.replayed || (r.status !== 'failed' && r.status !== 'canceled') || asked === MAX_REFUND_ASKS)
        return { id: r.id, amount: r.amount, currency: r.currency, status: r.status ?? 'pending' };
      key = `${idempotencyKey}-after-${r.id}`;
    }
  }

  async refundMadeUnder(orgId: string, payment: Payment, idempotencyKey: string): Promise<ProviderRefund | null> {
    const stripe = await this.connections.providerFor(orgId);
    if (!stripe || !payment.externalId) return null;
    const r = (await stripe.listPaymentIntentRefunds(payment.externalId)).find(
      (x) => x.metadata?.settle_request === idempotencyKey.slice(0, 500),
    );
    return r ? { id: r.id, amount: r.amount, currency: r.currency, status: r.status ?? 'pending' } : null;
  }

  /** The org's invoices, charges, refunds and fees at Stripe in the range, with its own key (paged lists). */
  async ledger(orgId: string, range: LedgerRange): Promise<ProviderLedger | null> {
    const stripe = await this.connections.providerFor(orgId);
    return stripe ? readStripeLedger(stripe, range) : null;
  }

  async payUrls(tx: EntityManager, orgId: string, invoices: Invoice[]): Promise<Array<string | null>> {
    const connected = await tx.existsBy(StripeConnection, { orgId });
    return invoices.map((invoice) => (connected ? this.checkout.payUrl(invoice) : null));
  }

  /** A processing autopay debit, or a Stripe event of the invoice not applied yet (no call to Stripe). */
  paymentUnderWay(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
    return this.checkout.paymentUnderWay(tx, orgId, invoiceId);
  }

  /**
   * Expires the invoice's Checkout sessions and closes its hosted Stripe invoice at Stripe (paid out of
   * band when `amount` covers it, else void), or refuses when Stripe already took the money or a bank debit
   * of it is processing.
   */
  async closePayLinks(tx: EntityManager, orgId: string, invoice: Invoice, amount?: number): Promise<void> {
    // An autopay bank debit of it processing cannot be called back: its money would come on top of this
    // one, or onto a void invoice.
    if (await this.checkout.paymentHeld(tx, orgId, invoice.id))
      throw conflict(
        `A payment of invoice ${invoice.number} is under way at Stripe (a bank debit settles or fails within a few business days); try again once it has`,
      );
    const stripe = await this.connections.providerFor(orgId);
    if (!stripe) return;
    try {
      await this.checkout.expireAllOrRefuse(tx, stripe, invoice);
      await this.sending.voidHostedOrRefuse(tx, stripe, invoice, amount);
    } catch (err) {
      if (err instanceof AppError) throw err;
      // Stripe unreachable: the links may still take money, so the payment is not recorded yet.
      logger.warn(
        { orgId, invoiceId: invoice.id, err: (err as Error).message },
        'could not close Stripe payment links before a manual payment',
      );
      throw unavailable(
        `Stripe could not be reached to close the online payment links of invoice ${invoice.number}, so the payment was not recorded; try again in a moment`,
        30,
      );
    }
  }
}
