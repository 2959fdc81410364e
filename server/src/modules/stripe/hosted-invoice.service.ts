import type { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { badInput, conflict } from '../../platform/errors.js';
import { queueInvoiceChanged } from './stripe.jobs.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { InvoiceLine } from '../invoices/invoice-line.entity.js';
import { inScope, scopeOf, type StripeConnection } from './stripe-connection.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import type { StripeApi } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeClientLink, StripeInvoiceLink } from './stripe-links.entity.js';
import { idem, roundToStripeStep, stripeChargeable, toStripeCurrency } from './stripe-rules.js';
import type { CheckoutLinkService } from './checkout-link.service.js';
import { isOpenForPayment } from './checkout-link.service.js';
import { paymentInFlight } from './checkout-errors.js';
import { hostedDebitProcessing } from './stripe-in-flight.js';

/** Sending to Stripe: a hosted Stripe invoice, or Checkout links behind /pay/{token}; and keeping it in step. */
/** How many numbers a reissued Stripe invoice tries (`INV-7`, `INV-7-2`, …) before giving up. */
const MAX_NUMBER_SUFFIX = 50;

/**
 * Paid in full by money Settle recorded outside this Stripe invoice (by hand, QuickBooks, Checkout):
 * its page should read paid, not void. A credit memo is not a payment, so an invoice with credit is voided.
 */
const paidElsewhere = (invoice: Invoice) => invoice.status === InvoiceStatus.PAID && invoice.amountCredited === 0;

export class StripeSendService {
  constructor(
    private readonly db: DataSource,
    private readonly connections: StripeConnectionService,
    private readonly checkout: CheckoutLinkService,
  ) {}

  async sendVia(orgId: string, clientId: string): Promise<'HOSTED_INVOICE' | 'CHECKOUT'> {
    const link = await this.db.getRepository(StripeClientLink).findOneBy({ orgId, clientId });
    return link?.sendVia ?? (await this.connections.settings(orgId)).sendVia;
  }

  /** Job body for a finalized invoice whose destinations include STRIPE. */
  async send(orgId: string, invoiceId: string): Promise<string> {
    const conn = await this.connections.find(orgId);
    if (!conn) return 'stripe not connected';
    const invoice = await this.db.getRepository(Invoice).findOneByOrFail({ orgId, id: invoiceId });
    const via = await this.sendVia(orgId, invoice.clientId);
    const links = this.db.getRepository(StripeInvoiceLink);
    const existing = await links.findOneBy({ orgId, invoiceId });
    if (!existing) await links.insert({ orgId, invoiceId, sendVia: via, ...scopeOf(conn) });
    else if (existing.sendVia !== via) await links.update({ invoiceId }, { sendVia: via });
    if (via === 'CHECKOUT' || !isOpenForPayment(invoice)) return `ready for ${via}`;
    // A hosted invoice of another account or mode is never reused: a new one is made in this account.
    await this.createHostedInvoice(orgId, conn, invoice);
    return 'hosted invoice sent';
  }

  async linkCustomer(orgId: string, clientId: string, customerId: string): Promise<void> {
    if (!/^cus_[A-Za-z0-9]+$/.test(customerId)) throw badInput('customerId', 'A Stripe customer id starts with cus_');
    const provider = await this.connections.providerFor(orgId);
    if (!provider) throw badInput('stripe', 'Stripe is not connected');
    const c = await provider.retrieveCustomer(customerId).catch(() => null);
    if (!c || ('deleted' in c && c.deleted)) throw badInput('customerId', `No such Stripe customer: ${customerId}`);
    const client = await this.db.getRepository(Client).findOneBy({ orgId, id: clientId });
    if (!client) throw badInput('clientId', 'No such client in this organization');
    const link = await this.db.getRepository(StripeClientLink).findOneBy({ orgId, clientId });
    const conn = await this.connections.require(orgId);
    await this.db
      .getRepository(StripeClientLink)
      .upsert({ orgId, clientId, customerId, sendVia: link?.sendVia ?? null, ...scopeOf(conn) }, ['clientId']);
  }

  async setClientSendVia(
    orgId: string,
    clientId: string,
    sendVia: 'HOSTED_INVOICE' | 'CHECKOUT' | null,
  ): Promise<void> {
    const client = await this.db.getRepository(Client).findOneBy({ orgId, id: clientId });
    if (!client) throw badInput('clientId', 'No such client in this organization');
    const link = await this.db.getRepository(StripeClientLink).findOneBy({ orgId, clientId });
    await this.db.getRepository(StripeClientLink).upsert(
      {
        orgId,
        clientId,
        customerId: link?.customerId ?? null,
        sendVia,
        accountId: link?.accountId ?? null,
        livemode: link?.livemode ?? null,
      },
      ['clientId'],
    );
  }

  /**
   * A Stripe invoice for the current balance: one item per line, tax and prior payments as items. `after`
   * is the Stripe invoice it replaces (a reissue): its keys name it, so a retry of this reissue gets the
   * same Stripe invoice back and a later reissue for the same amount makes a new one.
   */
  private async createHostedInvoice(
    orgId: string,
    conn: StripeConnection,
    invoice: Invoice,
    after: string | null = null,
  ): Promise<Stripe.Invoice> {
    const provider = this.connections.provider(conn);
    const customer = await this.checkout.ensureCustomer(orgId, conn, invoice.clientId);
    const currency = toStripeCurrency(invoice.currency);
    const metadata = { settle_org_id: orgId, settle_invoice_id: invoice.id, settle_invoice_number: invoice.number };
    const balance = invoice.balanceDue;
    // Stripe wants a due date ahead. One past or within the hour is the next clock hour but one: the same
    // for a retry within that hour (Stripe refuses a key sent again with other parameters), and a retry in
    // a later hour makes its draft under keys naming its date (the first attempt's draft is never sent).
    const dueEnd = Math.floor(new Date(`${invoice.dueDate}T23:59:59Z`).getTime() / 1000);
    const due = Math.max(dueEnd, (Math.ceil(Date.now() / 3_600_000) + 1) * 3600);
    const onClock = due === dueEnd ? null : `due-${due}`;
    const issue = [after && `after-${after}`, onClock].filter(Boolean).join('-') || null;
    // The client reads Settle's number on Stripe's page. Numbers are unique in a Stripe account, void
    // invoices included, so a reissue (after a payment elsewhere or a credit) takes the next free suffix.
    let draft: Stripe.Invoice | undefined;
    for (let n = 1; !draft; n++) {
      try {
        draft = await provider.createInvoice(
          {
            customer,
            currency,
            collection_method: 'send_invoice',
            due_date: due,
            auto_advance: false,
            pending_invoice_items_behavior: 'exclude',
            description: invoice.memo || `Invoice ${invoice.number}`,
            number: n === 1 ? invoice.number : `${invoice.number}-${n}`,
            metadata,
          },
          n === 1 ? idem.invoice(invoice.id, balance, issue) : `${idem.invoice(invoice.id, balance, issue)}-${n}`,
        );
      } catch (err) {
        if (n >= MAX_NUMBER_SUFFIX || (err as { param?: string }).param !== 'number') throw err;
      }
    }
    const lines = await this.db
      .getRepository(InvoiceLine)
      .find({ where: { orgId, invoiceId: invoice.id }, order: { position: 'ASC' } });
    const items: Array<{ amount: number; description: string }> = lines.map((l) => ({
      amount: l.amount,
      description: l.description,
    }));
    if (invoice.taxTotal) items.push({ amount: invoice.taxTotal, description: 'Tax' });
    if (balance !== invoice.total)
      items.push({ amount: balance - invoice.total, description: 'Payments and credits received' });
    roundToStripeStep(items, balance, invoice.currency);
    for (const [n, item] of items.entries()) {
      await provider.createInvoiceItem(
        { customer, invoice: draft.id, currency, amount: item.amount, description: item.description, metadata },
        idem.item(invoice.id, balance, n, issue),
      );
    }
    const finalized =
      draft.status === 'draft' ? await provider.finalizeInvoice(draft.id, idem.finalize(draft.id)) : draft;
    // Recorded under the invoice row lock before Stripe emails it. A portal Pay that ran while this invoice
    // was being made saw no hosted invoice and started a Checkout session: that session is expired at
    // Stripe here, so one way to pay stands for the balance. If the payer completed it first, that money
    // is on its way: this hosted invoice (never sent, its URL never handed out) is voided instead and not
    // sent; the link keeps its id, so the sync after that payment is booked reissues one for any rest.
    // A void, payment or credit that committed while it was being made ran its sync before this link
    // existed, so one more sync is queued to catch it up (void it, or reissue it for the new balance),
    // and Stripe does not email a page asking for the old amount.
    const outcome = await this.db.transaction(async (tx) => {
      const now = await lockInvoice(tx, orgId, invoice.id);
      const sessions = await this.checkout.expireAll(tx, provider, now);
      if (sessions.completed) {
        await provider.voidInvoice(finalized.id, idem.void(finalized.id));
        await tx.update(
          StripeInvoiceLink,
          { invoiceId: invoice.id },
          { stripeInvoiceId: finalized.id, hostedUrl: null, stripeAmount: null, ...scopeOf(conn) },
        );
        return 'voided' as const;
      }
      await tx.update(
        StripeInvoiceLink,
        { invoiceId: invoice.id },
        {
          stripeInvoiceId: finalized.id,
          hostedUrl: finalized.hosted_invoice_url ?? null,
          stripeAmount: balance,
          ...scopeOf(conn),
        },
      );
      if (sessions.closed)
        logger.info(
          { orgId, invoiceId: invoice.id, expired: sessions.closed },
          'checkout sessions started while the hosted invoice was being made expired',
        );
      if (isOpenForPayment(now) && now.balanceDue === balance) return 'send' as const;
      await queueInvoiceChanged(tx, orgId, invoice.id);
      return 'stale' as const;
    });
    if (outcome === 'voided') {
      logger.warn(
        { orgId, invoiceId: invoice.id, stripeInvoice: finalized.id },
        'stripe hosted invoice voided unsent: a checkout session of the invoice was paid while it was being made',
      );
      return finalized;
    }
    if (outcome === 'stale') return finalized;
    // A sync that voided it since (a payment, a void) makes Stripe refuse the send: nothing is emailed.
    const sent = await provider.sendInvoice(finalized.id, idem.send(finalized.id)).catch(() => finalized);
    logger.info(
      { orgId, invoiceId: invoice.id, stripeInvoice: sent.id, amount: balance },
      'stripe hosted invoice sent',
    );
    return sent;
  }

  /**
   * After a change to the invoice (payment from any source, credit, void, uncollectible): expire stale
   * Checkout sessions, and bring the hosted Stripe invoice in line. An invoice that can no longer be paid
   * (void, uncollectible, paid) gets its Stripe invoice voided: Stripe still takes payment on an
   * `uncollectible` invoice, so marking it uncollectible there would leave it payable. While money is
   * owed, the Stripe invoice stays if what it still asks for is the balance (a part paid on it moved
   * both), else it is voided and reissued for the balance (a payment made elsewhere, a credit).
   */
  async syncAfterChange(orgId: string, invoiceId: string): Promise<string> {
    const conn = await this.connections.find(orgId);
    if (!conn) return 'stripe not connected';
    const invoice = await this.db.getRepository(Invoice).findOneByOrFail({ orgId, id: invoiceId });
    const expired = await this.checkout.expireStale(orgId, invoice);
    const link = await this.db.getRepository(StripeInvoiceLink).findOneBy({ orgId, invoiceId });
    if (!link?.stripeInvoiceId) return `sessions expired: ${expired}`;
    // Made in an account or mode Settle no longer uses: the switch's clean-up voided it (or reported
    // that it could not); this key cannot reach it.
    if (!inScope(conn, link))
      return `sessions expired: ${expired}; stripe invoice ${link.stripeInvoiceId} is in a previous account`;
    const open = isOpenForPayment(invoice);
    const provider = this.connections.provider(conn);
    const current = await provider.retrieveInvoice(link.stripeInvoiceId, ['payments']);
    const live = current.status === 'open' || current.status === 'uncollectible';
    if (open && live && current.amount_remaining === stripeChargeable(invoice.balanceDue, invoice.currency)) {
      if (link.stripeAmount !== invoice.balanceDue)
        await this.db.getRepository(StripeInvoiceLink).update({ invoiceId }, { stripeAmount: invoice.balanceDue });
      return `sessions expired: ${expired}; stripe invoice in step`;
    }
    // Paid out of band, with no Stripe money, for money Settle recorded elsewhere that no longer counts (a
    // check voided as recorded by mistake, or refunded when it bounced): it asks for nothing, so one is
    // issued for the balance owed again below. One paid with Stripe money (booked, or on its way) stays.
    const closedForGone =
      open && current.status === 'paid' && (await this.closedForMoneyGone(orgId, invoiceId, current));
    if ((current.status === 'paid' && !closedForGone) || current.status === 'draft')
      return `stripe invoice is ${current.status}`;
    // Stripe closes it neither way under a bank debit still processing (and would keep that refusal under the
    // keys below): the debit's outcome comes back as invoice.paid (the balance changes, another sync) or
    // invoice.payment_failed, which runs this sync again.
    if (live && (await hostedDebitProcessing(provider, current)))
      return `sessions expired: ${expired}; waiting for a bank debit of the stripe invoice to settle or fail`;
    const outOfBand = current.status === 'open' && paidElsewhere(invoice);
    if (outOfBand) await provider.payInvoiceOutOfBand(current.id, idem.paidElsewhere(current.id));
    else if (live) await provider.voidInvoice(current.id, idem.void(current.id));
    // Reissued for the balance: the link keeps the void one's id (offering nothing) until the new one is
    // recorded, so a retry after a failure or a crash from here on still reissues it, under the same keys.
    await this.db
      .getRepository(StripeInvoiceLink)
      .update(
        { invoiceId },
        { stripeInvoiceId: open && !outOfBand ? current.id : null, hostedUrl: null, stripeAmount: null },
      );
    if (outOfBand) return 'stripe invoice marked paid out of band';
    if (!open) return live ? 'stripe invoice voided' : `stripe invoice was already ${current.status}`;
    await this.createHostedInvoice(orgId, conn, invoice, current.id);
    return 'stripe invoice reissued for the new balance';
  }

  /**
   * A paid Stripe invoice that took no Stripe money (Settle marked it paid out of band for money recorded
   * elsewhere), on an invoice whose money recorded elsewhere was refunded or corrected since: what closed
   * it no longer stands. One marked paid in Stripe's dashboard with no such change in Settle is left to
   * the reconciliation to report (that money is to be recorded in Settle).
   */
  private async closedForMoneyGone(orgId: string, invoiceId: string, current: Stripe.Invoice): Promise<boolean> {
    const stripeMoney = (current.payments?.data ?? []).some(
      (p) => p.status === 'paid' && p.payment.type === 'payment_intent',
    );
    if (stripeMoney) return false;
    const [row] = (await this.db.query(
      `SELECT 1 FROM payments WHERE org_id = $1 AND invoice_id = $2 AND source <> 'STRIPE'
          AND kind IN ('REFUND', 'ADJUSTMENT') LIMIT 1`,
      [orgId, invoiceId],
    )) as unknown[];
    return row !== undefined;
  }

  /**
   * Before money is recorded by hand (the caller holds the invoice row lock): the hosted Stripe invoice is
   * closed at Stripe now, so the client cannot pay it too: marked paid out of band when `amount` (the
   * money about to be recorded) covers what it asks, so its page reads paid, else voided. Refuses when
   * Stripe says it is already paid. The link is kept: the balance-change sync that follows reissues it
   * for what is still owed.
   */
  async voidHostedOrRefuse(
    tx: EntityManager,
    provider: StripeApi,
    invoice: Invoice,
    amount?: number,
  ): Promise<boolean> {
    const link = await tx.findOneBy(StripeInvoiceLink, { orgId: invoice.orgId, invoiceId: invoice.id });
    // Paid at Stripe and booked (its invoice.paid confirmed): it asks for nothing more, and its money is
    // Settle's already, refunded or not. Only a hosted invoice Stripe may still take money on is closed.
    if (!link?.stripeInvoiceId || link.stripeAmount === 0) return false;
    // One of a previous account is that switch's clean-up's to void; this key cannot reach it.
    const conn = await this.connections.find(invoice.orgId);
    if (conn && !inScope(conn, link)) return false;
    const current = await provider.retrieveInvoice(link.stripeInvoiceId, ['payments']);
    if (current.status === 'paid') throw paymentInFlight(invoice);
    if (current.status !== 'open' && current.status !== 'uncollectible') return false;
    // A bank debit of it still processing cannot be called back: Stripe refuses to void the invoice or mark it
    // paid elsewhere until the debit settles or fails. Asked first, so no refusal is kept under the keys below
    // (Stripe would answer it again to the same key after the debit failed).
    if (await hostedDebitProcessing(provider, current))
      throw conflict(
        `A bank debit of invoice ${invoice.number} is being processed at Stripe (it settles or fails within a few business days); record this payment once it has`,
      );
    const outOfBand = current.status === 'open' && amount != null && amount >= current.amount_remaining;
    const close = outOfBand
      ? provider.payInvoiceOutOfBand(current.id, idem.paidElsewhere(current.id))
      : provider.voidInvoice(current.id, idem.void(current.id));
    const voided = await close.catch(async (err) => {
      // Paid in the moment between the read and the void: that money is on its way.
      if ((await provider.retrieveInvoice(current.id)).status === 'paid') throw paymentInFlight(invoice);
      throw err;
    });
    logger.info(
      { orgId: invoice.orgId, invoiceId: invoice.id, stripeInvoice: voided.id, status: voided.status },
      outOfBand
        ? 'stripe hosted invoice marked paid out of band before a manual payment'
        : 'stripe hosted invoice voided before a manual payment',
    );
    return true;
  }
}
