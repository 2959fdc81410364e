import type { DataSource } from 'typeorm';
import { In, MoreThan } from 'typeorm';
import { badInput, notFound, unavailable } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Organization } from '../organizations/organization.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeCheckoutSession, StripeClientLink, StripeInvoiceLink } from './stripe-links.entity.js';
import { checkoutExpiresAt, checkPayAmount, idem, linkDeadline, toStripeCurrency } from './stripe-rules.js';
import type { PaymentRedirect } from './stripe.types.js';
import { paymentBeingConfirmed } from './stripe-inbox.js';

/** How long a payment start waits for an acknowledged event of the invoice to be applied before refusing. */
const CONFIRMATION_WAIT_MS = 2_000;

export const BEING_CONFIRMED = 'A payment for this invoice is being confirmed; try again in a minute.';
export const STRIPE_BUSY = 'Stripe is busy; try again in a moment.';

/** The SDK's error for HTTP 429 (after its own retries with backoff). */
const isRateLimited = (err: unknown) => (err as { type?: string; statusCode?: number })?.type === 'StripeRateLimitError' || (err as { statusCode?: number })?.statusCode === 429;

/** A reused session must stay open long enough for a person to type in card details. */
const REUSE_MARGIN_MS = 10 * 60_000;

export const isOpenForPayment = (inv: Invoice) => (inv.status === InvoiceStatus.SENT || inv.status === InvoiceStatus.PARTIALLY_PAID) && inv.balanceDue > 0;

/** Checkout sessions for invoices: created or reused for the current balance, expired when stale. */
export class CheckoutLinkService {
  constructor(
    private readonly db: DataSource,
    private readonly connections: StripeConnectionService,
    private readonly publicUrl: string,
  ) {}

  payUrl(invoice: Invoice): string {
    return `${this.publicUrl}/pay/${invoice.publicToken}`;
  }

  async partialAllowed(orgId: string, invoice: Invoice): Promise<boolean> {
    const client = await this.db.getRepository(Client).findOneBy({ orgId, id: invoice.clientId });
    if (client?.allowPartialPayments != null) return client.allowPartialPayments;
    const org = await this.db.getRepository(Organization).findOneByOrFail({ id: orgId });
    return org.allowPartialPayments;
  }

  /** Deadline of the emailed pay link: the invoice's send time plus the configured lifetime. */
  async linkDeadline(orgId: string, invoice: Invoice): Promise<Date | null> {
    if (!invoice.sentAt) return null;
    const settings = await this.connections.settings(orgId);
    return linkDeadline(invoice.sentAt, settings.linkLifetimeHours);
  }

  /**
   * A live Checkout session for `amount` (default: the balance). When partial payment is allowed the
   * session uses a custom_unit_amount price (1..balance) so the payer can change the amount.
   */
  async startPayment(orgId: string, invoiceId: string, amount: number | null | undefined, opts: { deadline?: Date | null } = {}): Promise<PaymentRedirect> {
    if (!(await this.confirmationsSettled(orgId, invoiceId))) throw unavailable(BEING_CONFIRMED, 60);
    try {
      // One start at a time per invoice (a double click, two tabs): the second reuses the first's session.
      return await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`stripe-checkout:${invoiceId}`]);
        return this.startPaymentLocked(orgId, invoiceId, amount, opts);
      });
    } catch (err) {
      if (isRateLimited(err)) throw unavailable(STRIPE_BUSY, 5);
      throw err;
    }
  }

  /**
   * False while a Stripe event naming the invoice is acknowledged but not yet applied (after waiting up
   * to 2 s for it): its money may already be paid, and a new session would let the payer pay twice.
   * After a crash such an event stays PROCESSING until recovery hands it back (seconds, see recoverInbox).
   */
  async confirmationsSettled(orgId: string, invoiceId: string, waitMs = CONFIRMATION_WAIT_MS): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (!(await paymentBeingConfirmed(this.db, orgId, invoiceId))) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async startPaymentLocked(orgId: string, invoiceId: string, amount: number | null | undefined, opts: { deadline?: Date | null }): Promise<PaymentRedirect> {
    const conn = await this.connections.require(orgId);
    const invoice = await this.db.getRepository(Invoice).findOneBy({ orgId, id: invoiceId });
    if (!invoice) throw notFound('Invoice');
    if (!isOpenForPayment(invoice)) throw badInput('invoiceId', `Invoice ${invoice.number} is ${invoice.status} with ${invoice.balanceDue} due; nothing to pay`);
    const partial = await this.partialAllowed(orgId, invoice);
    const pay = checkPayAmount(amount, invoice.balanceDue, partial);
    await this.expireStale(orgId, invoice);

    const repo = this.db.getRepository(StripeCheckoutSession);
    const reusable = await repo.findOne({
      where: { orgId, invoiceId, status: 'open', amount: pay, balanceAtCreation: invoice.balanceDue, customAmount: partial, expiresAt: MoreThan(new Date(Date.now() + REUSE_MARGIN_MS)) },
      order: { createdAt: 'DESC' },
    });
    const provider = this.connections.provider(conn);
    if (reusable) {
      // Our row may lag behind Stripe (an expiry or completion whose webhook is still on its way).
      const live = await provider.retrieveCheckoutSession(reusable.id);
      if (live.status === 'open') return { url: reusable.url, expiresAt: reusable.expiresAt };
      await repo.update({ id: reusable.id }, { status: live.status === 'complete' ? 'complete' : 'expired' });
    }

    const seq = await repo.countBy({ orgId, invoiceId });
    const currency = toStripeCurrency(invoice.currency);
    const metadata = { settle_org_id: orgId, settle_invoice_id: invoice.id, settle_invoice_number: invoice.number };
    let lineItem;
    if (partial) {
      const price = await provider.createPrice(
        { currency, product_data: { name: `Invoice ${invoice.number}` }, custom_unit_amount: { enabled: true, minimum: Math.min(invoice.balanceDue, 50), maximum: invoice.balanceDue, preset: pay }, metadata },
        idem.sessionPrice(invoice.id, invoice.balanceDue, seq) + `-${pay}`,
      );
      lineItem = { price: price.id, quantity: 1 };
    } else {
      lineItem = { price_data: { currency, unit_amount: pay, product_data: { name: `Invoice ${invoice.number}` } }, quantity: 1 };
    }
    const link = await this.db.getRepository(StripeClientLink).findOneBy({ orgId, clientId: invoice.clientId });
    const client = await this.db.getRepository(Client).findOneByOrFail({ orgId, id: invoice.clientId });
    const session = await provider.createCheckoutSession(
      {
        mode: 'payment',
        line_items: [lineItem],
        ...(link?.customerId ? { customer: link.customerId } : { customer_email: client.billingEmail }),
        client_reference_id: invoice.id,
        metadata,
        payment_intent_data: { metadata, description: `Invoice ${invoice.number}` },
        expires_at: checkoutExpiresAt(new Date(), opts.deadline ?? null),
        success_url: `${this.publicUrl}/portal/invoices/${invoice.id}/paid?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${this.publicUrl}/portal/invoices/${invoice.id}?payment=cancelled`,
      },
      idem.session(invoice.id, pay, invoice.balanceDue, partial, seq),
    );
    const expiresAt = new Date(session.expires_at * 1000);
    await repo.upsert({ id: session.id, orgId, invoiceId, amount: pay, balanceAtCreation: invoice.balanceDue, customAmount: partial, url: session.url!, expiresAt, status: 'open' }, ['id']);
    logger.info({ orgId, invoiceId, session: session.id, amount: pay, partial }, 'stripe checkout session created');
    return { url: session.url!, expiresAt };
  }

  /** Expires open sessions made for another balance (or any, when the invoice can no longer be paid). */
  async expireStale(orgId: string, invoice: Invoice): Promise<number> {
    const repo = this.db.getRepository(StripeCheckoutSession);
    const open = await repo.findBy({ orgId, invoiceId: invoice.id, status: 'open' });
    const stale = open.filter((s) => !isOpenForPayment(invoice) || s.balanceAtCreation !== invoice.balanceDue || s.expiresAt.getTime() <= Date.now());
    if (!stale.length) return 0;
    const provider = await this.connections.providerFor(orgId);
    for (const s of stale) {
      if (provider && s.expiresAt.getTime() > Date.now()) {
        try {
          const r = await provider.expireCheckoutSession(s.id);
          if (r.status === 'complete') {
            await repo.update({ id: s.id }, { status: 'complete' });
            continue;
          }
        } catch (err) {
          // Already complete or expired on Stripe's side: re-read to record the truth.
          const now = await provider.retrieveCheckoutSession(s.id).catch(() => null);
          if (now?.status === 'complete') {
            await repo.update({ id: s.id }, { status: 'complete' });
            continue;
          }
          if (now?.status === 'open') throw err;
        }
      }
      await repo.update({ id: s.id }, { status: 'expired' });
    }
    logger.info({ orgId, invoiceId: invoice.id, expired: stale.length }, 'stale checkout sessions expired');
    return stale.length;
  }

  lastErrors(orgId: string, invoiceIds: string[]): Promise<StripeInvoiceLink[]> {
    return this.db.getRepository(StripeInvoiceLink).findBy({ orgId, invoiceId: In(invoiceIds) });
  }
}
