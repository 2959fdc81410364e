import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { badInput, unavailable } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Organization } from '../organizations/organization.entity.js';
import type { StripeApi } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeCheckoutSession, StripeClientLink, StripeInvoiceLink } from './stripe-links.entity.js';
import { scopeOf, type StripeConnection } from './stripe-connection.entity.js';
import {
  belowStripeMinimum,
  checkoutExpiresAt,
  checkPayAmount,
  idem,
  linkDeadline,
  stripeMinimumCharge,
  stripeChargeable,
  toStripeCurrency,
} from './stripe-rules.js';
import type { PaymentRedirect } from './stripe.types.js';
import { paymentBeingConfirmed } from './stripe-inbox.js';
import { hostedTookMoney, moneyAtStripe } from './stripe-in-flight.js';
import {
  alreadyPaidIn,
  alreadyPaying,
  BEING_CONFIRMED,
  isBelowMinimum,
  isRateLimited,
  notPayable,
  paymentInFlight,
  STRIPE_BUSY,
} from './checkout-errors.js';
import { closeSession } from './checkout-session-close.js';
import { ensureStripeCustomer } from './stripe-customers.js';
import { contactOf } from '../organizations/org-contact.js';

/** How long a payment start waits for an acknowledged event of the invoice to be applied before refusing. */
const CONFIRMATION_WAIT_MS = 2_000;

/** A reused session must stay open long enough for a person to type in card details. */
const REUSE_MARGIN_MS = 10 * 60_000;

/** A hosted Stripe invoice that still takes payment (Stripe takes payment on an uncollectible one too). */
const isLiveHosted = (live: Stripe.Invoice) => live.status === 'open' || live.status === 'uncollectible';

export const isOpenForPayment = (inv: Invoice) =>
  (inv.status === InvoiceStatus.SENT || inv.status === InvoiceStatus.PARTIALLY_PAID) && inv.balanceDue > 0;

/** Says, under the invoice's lock, whether a payment of it is under way elsewhere (true: no Checkout now). */
export type PaymentHold = (tx: EntityManager, orgId: string, invoiceId: string) => Promise<boolean>;

/** Checkout sessions for invoices: created or reused for the current balance, expired when stale. */
export class CheckoutLinkService {
  private readonly holds: PaymentHold[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly connections: StripeConnectionService,
    private readonly publicUrl: string,
    /** Which outside system (QuickBooks Pay Now) holds a payment of the invoice not read back yet (PaymentProviders). */
    private readonly paidElsewhere: (orgId: string, invoiceId: string) => Promise<string | null> = async () => null,
  ) {}

  /**
   * Another module's payment that takes a while to land (an autopay bank debit still processing) holds
   * the invoice: no Checkout session is started while it is under way, or the client could pay twice.
   */
  addPaymentHold(hold: PaymentHold): void {
    this.holds.push(hold);
  }

  /**
   * Under the invoice's lock, without asking Stripe: a payment of the invoice is under way (another
   * module's hold, such as a processing autopay debit, or a Stripe event of it acknowledged but not yet
   * applied). Payment reminders wait while it is.
   */
  async paymentUnderWay(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
    return (await this.paymentHeld(tx, orgId, invoiceId)) || paymentBeingConfirmed(tx, orgId, invoiceId);
  }

  /** Another module's payment hold only (an autopay bank debit processing): money due in days, not seconds. */
  async paymentHeld(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
    for (const hold of this.holds) if (await hold(tx, orgId, invoiceId)) return true;
    return false;
  }

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
   *
   * Runs under the invoice's row lock, the lock settlement takes: a payment committing meanwhile either
   * committed first (this reads the new balance and status, and refuses or sizes the session for it) or
   * waits until this session's row is committed, so its balance-change hook sees the session and
   * expires it. The lock also serialises two starts (a double click, two tabs): the second reuses the
   * first's session. One live session per invoice: any other open session is expired at Stripe first.
   * One way to pay per balance: nothing is started while Stripe holds money of the invoice Settle has not
   * booked (`moneyAtStripe`); the hosted Stripe invoice asking for the balance is offered rather than a
   * session (`expiresAt` null), and voided at Stripe before a session for another amount is made.
   */
  async startPayment(
    orgId: string,
    invoiceId: string,
    amount: number | null | undefined,
    opts: { deadline?: Date | null } = {},
  ): Promise<PaymentRedirect> {
    if (!(await this.confirmationsSettled(orgId, invoiceId))) throw unavailable(BEING_CONFIRMED, 60);
    // Whom a refusal tells the payer to contact: the org's billing email when it has one.
    const contact = contactOf(await this.db.getRepository(Organization).findOneByOrFail({ id: orgId }));
    const conn = await this.connections.require(orgId);
    const provider = this.connections.provider(conn);
    try {
      return await this.db.transaction(async (tx) => {
        const invoice = await lockInvoice(tx, orgId, invoiceId);
        return this.startPaymentLocked(tx, conn, provider, orgId, invoice, amount, { ...opts, contact });
      });
    } catch (err) {
      if (isRateLimited(err)) throw unavailable(STRIPE_BUSY, 5);
      if (isBelowMinimum(err)) throw belowStripeMinimum((err as Error).message.replace(/\.$/, ''), contact);
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

  private async startPaymentLocked(
    tx: EntityManager,
    conn: StripeConnection,
    provider: StripeApi,
    orgId: string,
    invoice: Invoice,
    amount: number | null | undefined,
    opts: { deadline?: Date | null; contact: string },
  ): Promise<PaymentRedirect> {
    if (!isOpenForPayment(invoice))
      throw badInput('invoiceId', `Invoice ${invoice.number} ${notPayable(invoice.status, opts.contact)}`);
    const invoiceId = invoice.id;
    for (const hold of this.holds) if (await hold(tx, orgId, invoiceId)) throw alreadyPaying(invoice);
    // Paid on QuickBooks' Pay Now page, its webhook not in yet: not paid again here. The client is here to
    // pay, so a QuickBooks that cannot be asked now does not stop them (autopay, unasked, waits instead).
    const elsewhere = await this.paidElsewhere(orgId, invoiceId).catch((err: Error) => {
      logger.warn({ orgId, invoiceId, err: err.message }, 'checkout: outside payments not checked');
      return null;
    });
    if (elsewhere) throw alreadyPaidIn(invoice, elsewhere);
    const partial = await this.partialAllowed(orgId, invoice);
    const pay = checkPayAmount(amount, invoice.balanceDue, partial, invoice.currency, opts.contact);
    // Stripe is asked, not our rows: a hosted invoice paid or a charge made whose webhook is still on its way.
    const atStripe = await moneyAtStripe(tx, provider, conn, invoice);
    if (atStripe.inFlight) {
      logger.info({ orgId, invoiceId, why: atStripe.inFlight }, 'checkout refused: money already in flight at Stripe');
      throw alreadyPaying(invoice);
    }
    // One way to pay per balance: the hosted Stripe invoice asking for it is that way (as /pay does).
    const hosted = atStripe.hosted && isLiveHosted(atStripe.hosted.live) ? atStripe.hosted : null;
    const useHosted =
      hosted?.link.sendVia === 'HOSTED_INVOICE' &&
      pay === stripeChargeable(invoice.balanceDue, invoice.currency) &&
      hosted.live.status === 'open' &&
      hosted.live.amount_remaining === pay &&
      !!hosted.live.hosted_invoice_url;

    const repo = tx.getRepository(StripeCheckoutSession);
    const open = await repo.find({
      where: { orgId, invoiceId, status: 'open', ...scopeOf(conn) },
      order: { createdAt: 'DESC' },
    });
    const reuseBy = Date.now() + REUSE_MARGIN_MS;
    let reusable = useHosted
      ? undefined
      : open.find(
          (s) =>
            s.amount === pay &&
            s.balanceAtCreation === invoice.balanceDue &&
            s.customAmount === partial &&
            s.expiresAt.getTime() > reuseBy,
        );
    if (reusable) {
      // Our row may lag behind Stripe (an expiry or completion whose webhook is still on its way).
      const live = await provider.retrieveCheckoutSession(reusable.id);
      if (live.status !== 'open') {
        await repo.update({ id: reusable.id }, { status: live.status === 'complete' ? 'complete' : 'expired' });
        if (live.status === 'complete') throw alreadyPaying(invoice);
        reusable = undefined;
      }
    }
    const others = open.filter((s) => s !== reusable);
    const closed: string[] = [];
    for (const s of others) closed.push(await closeSession(repo, provider, s));
    if (closed.includes('complete')) throw alreadyPaying(invoice);
    if (useHosted) return { url: hosted.live.hosted_invoice_url!, expiresAt: null };
    // Another amount, or a hosted invoice asking for another balance: it is closed at Stripe before the
    // session exists. The link keeps its id, so the sync after the balance changes reissues it for the rest.
    if (hosted) await this.voidHostedOrRefuse(tx, provider, invoice, hosted.live);
    if (reusable) return { url: reusable.url, expiresAt: reusable.expiresAt };

    const seq = await repo.countBy({ orgId, invoiceId });
    const currency = toStripeCurrency(invoice.currency);
    const metadata = { settle_org_id: orgId, settle_invoice_id: invoice.id, settle_invoice_number: invoice.number };
    let lineItem;
    if (partial) {
      const price = await provider.createPrice(
        {
          currency,
          product_data: { name: `Invoice ${invoice.number}` },
          custom_unit_amount: {
            enabled: true,
            // In a three-decimal currency Stripe takes the balance only rounded down (settlement credits the rest).
            minimum:
              stripeMinimumCharge(invoice.currency) ??
              Math.min(stripeChargeable(invoice.balanceDue, invoice.currency), 50),
            maximum: stripeChargeable(invoice.balanceDue, invoice.currency),
            preset: pay,
          },
          metadata,
        },
        idem.sessionPrice(invoice.id, invoice.balanceDue, seq) + `-${pay}`,
      );
      lineItem = { price: price.id, quantity: 1 };
    } else {
      lineItem = {
        price_data: { currency, unit_amount: pay, product_data: { name: `Invoice ${invoice.number}` } },
        quantity: 1,
      };
    }
    const link = await tx.findOneBy(StripeClientLink, { orgId, clientId: invoice.clientId });
    const client = await tx.findOneByOrFail(Client, { orgId, id: invoice.clientId });
    // A client with a Stripe customer keeps having one: in this account + mode (re-created after a switch).
    const customer = link?.customerId ? await this.ensureCustomer(orgId, conn, invoice.clientId) : null;
    // Stripe refuses a key sent again with other parameters (for 24 h), and expires_at comes from the clock,
    // so the key names it. A session whose answer was lost is in no row and its URL was never handed out, so
    // a retry a second later making a new one beside it (it lapses unpaid) beats a day of refusals.
    const closesAt = checkoutExpiresAt(new Date(), opts.deadline ?? null);
    const session = await provider.createCheckoutSession(
      {
        mode: 'payment',
        line_items: [lineItem],
        ...(customer ? { customer } : { customer_email: client.billingEmail }),
        client_reference_id: invoice.id,
        metadata,
        payment_intent_data: { metadata, description: `Invoice ${invoice.number}` },
        expires_at: closesAt,
        success_url: `${this.publicUrl}/portal/invoices/${invoice.id}/paid?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${this.publicUrl}/portal/invoices/${invoice.id}?payment=cancelled`,
      },
      `${idem.session(invoice.id, pay, invoice.balanceDue, partial, seq)}-${closesAt}`,
    );
    const expiresAt = new Date(session.expires_at * 1000);
    await repo.upsert(
      {
        id: session.id,
        orgId,
        invoiceId,
        ...scopeOf(conn),
        amount: pay,
        balanceAtCreation: invoice.balanceDue,
        customAmount: partial,
        url: session.url!,
        expiresAt,
        status: 'open',
      },
      ['id'],
    );
    logger.info(
      { orgId, invoiceId, session: session.id, amount: pay, partial, replaced: others.length },
      'stripe checkout session created',
    );
    return { url: session.url!, expiresAt };
  }

  /** The client's Stripe customer in the connection's account + mode (stripe-customers.ts). */
  ensureCustomer(orgId: string, conn: StripeConnection, clientId: string): Promise<string> {
    return ensureStripeCustomer(this.db, this.connections, orgId, conn, clientId);
  }

  /** Expires open sessions made for another balance (or any, when the invoice can no longer be paid). */
  async expireStale(orgId: string, invoice: Invoice): Promise<number> {
    const repo = this.db.getRepository(StripeCheckoutSession);
    // Only sessions of the connection's account + mode: this key cannot reach others (the switch's
    // clean-up expires those, or reports that it could not).
    const conn = await this.connections.find(orgId);
    if (!conn) return 0;
    const open = await repo.findBy({ orgId, invoiceId: invoice.id, status: 'open', ...scopeOf(conn) });
    const stale = open.filter(
      (s) =>
        !isOpenForPayment(invoice) || s.balanceAtCreation !== invoice.balanceDue || s.expiresAt.getTime() <= Date.now(),
    );
    if (!stale.length) return 0;
    const provider = this.connections.provider(conn);
    for (const s of stale) await closeSession(repo, provider, s);
    logger.info({ orgId, invoiceId: invoice.id, expired: stale.length }, 'stale checkout sessions expired');
    return stale.length;
  }

  /**
   * Every open session of the invoice expired at Stripe, before money is recorded another way (the caller
   * holds the invoice row lock, so no new session can start meanwhile). Refuses when one has completed:
   * that money is already on its way.
   */
  async expireAllOrRefuse(tx: EntityManager, provider: StripeApi, invoice: Invoice): Promise<number> {
    const { closed, completed } = await this.expireAll(tx, provider, invoice);
    if (completed) throw paymentInFlight(invoice);
    return closed;
  }

  /**
   * Every open session of the invoice expired at Stripe (the caller holds the invoice row lock, so no new
   * one can start meanwhile); `completed` when the payer finished one first (that money is on its way).
   */
  async expireAll(
    tx: EntityManager,
    provider: StripeApi,
    invoice: Invoice,
  ): Promise<{ closed: number; completed: boolean }> {
    const repo = tx.getRepository(StripeCheckoutSession);
    const conn = await this.connections.find(invoice.orgId);
    const open = await repo.findBy({
      orgId: invoice.orgId,
      invoiceId: invoice.id,
      status: 'open',
      ...(conn ? scopeOf(conn) : {}),
    });
    const closed: string[] = [];
    for (const s of open) closed.push(await closeSession(repo, provider, s));
    return { closed: open.length, completed: closed.includes('complete') };
  }

  /**
   * The hosted Stripe invoice voided before a Checkout session takes its place, or a refusal when the
   * payer paid it meanwhile. Its link stops offering it (/pay then starts Checkout) but keeps its id, so
   * the sync after the balance changes reissues a hosted invoice for what is still owed.
   */
  private async voidHostedOrRefuse(
    tx: EntityManager,
    provider: StripeApi,
    invoice: Invoice,
    live: Stripe.Invoice,
  ): Promise<void> {
    await provider.voidInvoice(live.id, idem.void(live.id)).catch(async (err) => {
      // Paid in the moment between the read and the void: that money is on its way.
      if (hostedTookMoney(await provider.retrieveInvoice(live.id))) throw alreadyPaying(invoice);
      throw err;
    });
    await tx.update(
      StripeInvoiceLink,
      { orgId: invoice.orgId, invoiceId: invoice.id },
      { hostedUrl: null, stripeAmount: null },
    );
    logger.info(
      { orgId: invoice.orgId, invoiceId: invoice.id, stripeInvoice: live.id },
      'stripe hosted invoice voided before a checkout session',
    );
  }

  lastErrors(orgId: string, invoiceIds: string[]): Promise<StripeInvoiceLink[]> {
    return this.db.getRepository(StripeInvoiceLink).findBy({ orgId, invoiceId: In(invoiceIds) });
  }
}
