import type { DataSource } from 'typeorm';
import { Client } from '../clients/client.entity.js';
import { InvoiceLine } from '../invoices/invoice-line.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import type { AccountingProvider, QbEntity } from './accounting-provider.js';
import { QuickBooksApiError } from './accounting-provider.js';
import { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import { salesLine, toQbAmount } from './qbo-amounts.js';
import { foreignCustomerName } from './qbo-currency.js';
import { toBillAddr } from './qbo-address.js';
import {
  OpKind,
  clientCustomerLinks,
  enqueueOperation,
  findLink,
  generation,
  hasDone,
  hasPending,
  recordLink,
  requestIdFor,
  updateSyncToken,
  type LinkKind,
} from './quickbooks-ledger.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { QuickBooksConnection, QuickBooksLink, QuickBooksOperation } from './quickbooks.entities.js';
import type { PaymentFeeSource } from '../payments/payment-fee-source.js';
import { balanceChangePending, paymentPushPending, queueInvoiceHistory } from './quickbooks-invoice-history.js';
import { pushCreditMemo } from './quickbooks-credit-memo-push.js';
import {
  creditReleasePending,
  pushCreditApplication,
  voidCreditApplication,
} from './quickbooks-credit-application-push.js';
import { refundOperation } from './quickbooks-refund-push.js';
import { checkedReader, ownedCustomer, ownedInvoice, readBeforeWrite } from './quickbooks-conflicts.js';
import { deletePayoutDeposit, pushPayoutDeposit } from './quickbooks-deposit-push.js';
import { pushDisputeFee, pushStripeFee } from './quickbooks-fee-push.js';
import { QuickBooksPaymentMethods } from './quickbooks-payment-methods.js';
import { excessOf } from './quickbooks-overpayment-application.js';
import { voidPushedPayment } from './quickbooks-payment-void-push.js';
import { voidKey } from '../payments/payment-void-rules.js';

export type Outcome = { done: string | null } | { defer: string } | { skip: string };

/** Marks what Settle wrote, so inbound processing recognises its own Payments even before the ledger row lands. */
export const SETTLE_PAYMENT_MARK = 'Settle payment ';
const MAX_STALE_RETRIES = 3;

export interface Ctx {
  op: QuickBooksOperation;
  conn: QuickBooksConnection;
  qb: AccountingProvider;
}

/** One handler per operation kind: each is safe to run again (ledger first, deterministic requestid). */
export class QuickBooksOutbound {
  private readonly books: QuickBooksCurrencyTax;
  private readonly paymentMethods = new QuickBooksPaymentMethods();

  constructor(
    private readonly db: DataSource,
    private readonly mapping: QuickBooksMappingService,
    private readonly fees: () => PaymentFeeSource,
  ) {
    this.books = new QuickBooksCurrencyTax(db);
  }

  run(ctx: Ctx): Promise<Outcome> {
    switch (ctx.op.kind as OpKind) {
      case OpKind.PUSH_INVOICE:
        return this.withHistory(
          ctx,
          this.unlessPushed(ctx, 'INVOICE', () => this.pushInvoice(ctx)),
        );
      case OpKind.UPDATE_INVOICE:
        return this.withInvoice(ctx, (link) => this.updateInvoice(ctx, link));
      case OpKind.VOID_INVOICE:
        return this.withInvoice(ctx, (link) => this.voidInvoice(ctx, link));
      case OpKind.EMAIL_INVOICE:
        return this.withInvoice(ctx, (link) => this.emailInvoice(ctx, link));
      case OpKind.PUSH_PAYMENT:
        return this.unlessPushed(ctx, 'PAYMENT', () => this.pushPayment(ctx));
      case OpKind.VOID_PAYMENT:
        return voidPushedPayment(ctx, this.db.manager);
      case OpKind.PUSH_CREDIT_MEMO:
        // Two steps (the memo, then its application to an open invoice), each skipped once its link is there.
        return pushCreditMemo(ctx, { db: this.db, mapping: this.mapping, books: this.books });
      case OpKind.PUSH_REFUND:
      case OpKind.DELETE_REFUND:
        return refundOperation(ctx, {
          db: this.db,
          mapping: this.mapping,
          books: this.books,
          invoiceLink: (c, invoiceId) => this.invoiceLink(c, invoiceId),
        });
      case OpKind.STRIPE_FEE:
        return pushStripeFee(ctx, { db: this.db, mapping: this.mapping, books: this.books, fees: this.fees });
      case OpKind.UPDATE_CUSTOMER:
        return this.updateCustomer(ctx);
      case OpKind.PUSH_DEPOSIT:
        return this.unlessPushed(ctx, 'PAYOUT', () =>
          pushPayoutDeposit(ctx, { db: this.db, mapping: this.mapping, books: this.books }),
        );
      case OpKind.DELETE_DEPOSIT:
        return deletePayoutDeposit(ctx, { db: this.db });
      case OpKind.STRIPE_DISPUTE_FEE:
        return pushDisputeFee(ctx, { db: this.db, mapping: this.mapping, books: this.books });
      case OpKind.VOID_CREDIT_APPLICATION:
        return voidCreditApplication(ctx, { db: this.db });
      case OpKind.APPLY_CLIENT_CREDIT:
        return this.unlessPushed(ctx, 'CREDIT_APPLICATION', () =>
          pushCreditApplication(ctx, { db: this.db, books: this.books }),
        );
      default:
        return Promise.resolve({ skip: `unknown operation ${ctx.op.kind}` });
    }
  }

  /** A client's name, billing email and address, as a sparse update of its QuickBooks customer(s). */
  private async updateCustomer(ctx: Ctx): Promise<Outcome> {
    const { conn, op, qb } = ctx;
    const links = await clientCustomerLinks(this.db.manager, conn.orgId, op.entityId);
    const client = await this.db.manager.findOneByOrFail(Client, { orgId: conn.orgId, id: op.entityId });
    // "Sync to QuickBooks" on a client that has no customer yet: it gets one, in its own currency.
    if (!links.length) return { done: await this.books.customerFor(ctx, client.id, client.currency) };
    let outcome: Outcome = { skip: 'nothing to update' };
    for (const link of links) {
      // A customer in another currency is named "Client (EUR)": display names are unique in QuickBooks.
      const currency = link.settleType === 'CLIENT_CURRENCY' ? link.settleId.split(':')[1]! : null;
      const fields = {
        DisplayName: currency ? foreignCustomerName(client.name, currency) : client.name,
        PrimaryEmailAddr: { Address: client.billingEmail },
        BillAddr: toBillAddr(client.billingAddress),
      };
      const read = checkedReader(op, link, 'Customer', ownedCustomer(fields), (id) => qb.getCustomer(id));
      await readBeforeWrite(op, link, read); // an edit made in QuickBooks stops the update here
      outcome = await this.withSyncToken(
        ctx,
        link,
        (token) =>
          qb.updateCustomer(
            { Id: link.qbId, SyncToken: token, ...fields },
            requestIdFor(op.kind, conn.realmId!, link.settleId, op.version, token),
          ),
        read,
        ownedCustomer(fields),
      );
    }
    return outcome;
  }

  /** An earlier attempt may have pushed it already (the ledger has its link): then that is the outcome. */
  private async unlessPushed(ctx: Ctx, kind: LinkKind, push: () => Promise<Outcome>): Promise<Outcome> {
    const already = await findLink(this.db.manager, ctx.conn.orgId, kind, ctx.op.entityId);
    return already ? { done: already.qbId } : push();
  }

  /** The invoice is in QuickBooks now: what already happened to it follows (every time, so a re-run heals). */
  private async withHistory(ctx: Ctx, pushed: Promise<Outcome>): Promise<Outcome> {
    const outcome = await pushed;
    if ('done' in outcome) await this.db.transaction((tx) => queueInvoiceHistory(tx, ctx.conn.orgId, ctx.op.entityId));
    return outcome;
  }

  private async pushInvoice(ctx: Ctx): Promise<Outcome> {
    const { op, conn, qb } = ctx;
    const invoice = await this.db.manager.findOneByOrFail(Invoice, { orgId: conn.orgId, id: op.entityId });
    const client = await this.db.manager.findOneByOrFail(Client, { id: invoice.clientId });
    const currency = await this.books.currencyFields(ctx, invoice.currency, `Invoice ${invoice.number}`, {
      date: invoice.issueDate,
    });
    const customerId = await this.books.customerFor(ctx, invoice.clientId, invoice.currency);
    const body: QbEntity = {
      ...(await this.invoiceFields(ctx, invoice)),
      ...currency,
      CustomerRef: { value: customerId },
      DocNumber: invoice.number,
      TxnDate: invoice.issueDate,
      BillEmail: { Address: client.billingEmail },
    };
    const created = await qb.createInvoice(
      body,
      requestIdFor(op.kind, conn.realmId!, op.entityId, op.version, ...generation(op)),
    );
    await recordLink(this.db.manager, conn.orgId, conn.realmId!, 'INVOICE', invoice.id, String(created.Id), {
      syncToken: created.SyncToken,
      pushed: ownedInvoice(body),
    });
    await this.books.checkTotal(ctx, invoice, created);
    return { done: String(created.Id) };
  }

  /** Lines (with their tax codes), tax and terms: what a push sends and an update sends again. */
  private async invoiceFields(ctx: Ctx, invoice: Invoice): Promise<QbEntity> {
    const { conn, qb } = ctx;
    const itemId = await this.mapping.itemFor(conn, qb);
    const m = await this.mapping.effective(conn);
    // QuickBooks' Pay Now link follows these flags: an invoice Settle no longer takes money on
    // (uncollectible, or settled by a credit memo QuickBooks does not apply to it) turns them off.
    const payable = invoice.status === InvoiceStatus.SENT || invoice.status === InvoiceStatus.PARTIALLY_PAID;
    const lines = await this.db.manager.find(InvoiceLine, {
      where: { invoiceId: invoice.id },
      order: { position: 'ASC' },
    });
    const tax = await this.books.taxFields(ctx, invoice, lines);
    return {
      Line: lines.map((l, i) =>
        salesLine({
          amountMinor: l.amount,
          currency: invoice.currency,
          description: l.description,
          itemId,
          quantity: Number(l.quantity),
          unitPriceMinor: l.unitPrice,
          taxCode: tax.lineCodes[i],
        }),
      ),
      // Always sent, so an update that removes the tax also clears the QuickBooks tax detail.
      TxnTaxDetail: tax.detail ?? { TotalTax: 0 },
      DueDate: invoice.dueDate,
      CustomerMemo: { value: invoice.memo },
      PrivateNote: [invoice.notes, tax.note].filter(Boolean).join('\n'),
      // QuickBooks Payments charges cards in the company's home currency only.
      AllowOnlineCreditCardPayment:
        m.cardEnabled && payable && invoice.currency === (await this.books.company(ctx)).home,
      // QuickBooks Payments takes bank payments in US dollars for US companies only.
      AllowOnlineACHPayment:
        m.achEnabled && payable && invoice.currency === 'USD' && (await this.books.companyCountry(ctx)) === 'US',
    };
  }

  /** What follows an invoice needs it in QuickBooks: wait for a pending push, skip if it was never sent there. */
  private async invoiceLink(ctx: Ctx, invoiceId: string): Promise<QuickBooksLink | Outcome> {
    const link = await findLink(this.db.manager, ctx.conn.orgId, 'INVOICE', invoiceId);
    if (link) return link;
    if (await hasPending(this.db.manager, ctx.conn.orgId, OpKind.PUSH_INVOICE, invoiceId))
      return { defer: 'invoice not in QuickBooks yet' };
    return { skip: 'invoice was never sent to QuickBooks' };
  }

  private async withInvoice(ctx: Ctx, fn: (link: QuickBooksLink) => Promise<Outcome>): Promise<Outcome> {
    const link = await this.invoiceLink(ctx, ctx.op.entityId);
    return 'qbId' in link ? fn(link) : link;
  }

  /**
   * A write based on a SyncToken: on 5010 (someone changed it in QuickBooks) re-read and try again.
   * `read` fetches the entity's current version (an invoice unless said otherwise).
   */
  private async withSyncToken(
    ctx: Ctx,
    link: { id: string; qbId: string; syncToken: string | null },
    write: (syncToken: string) => Promise<QbEntity>,
    read: (qbId: string) => Promise<QbEntity> = (id) => ctx.qb.getInvoice(id),
    pushed?: Record<string, unknown>,
  ): Promise<Outcome> {
    let token = link.syncToken ?? String((await read(link.qbId)).SyncToken);
    for (let i = 0; ; i++) {
      try {
        const saved = await write(token);
        await updateSyncToken(this.db.manager, link.id, String(saved.SyncToken), pushed);
        return { done: link.qbId };
      } catch (e) {
        if (!(e instanceof QuickBooksApiError && e.kind === 'STALE') || i >= MAX_STALE_RETRIES) throw e;
        token = String((await read(link.qbId)).SyncToken);
      }
    }
  }

  private async updateInvoice(ctx: Ctx, link: QuickBooksLink): Promise<Outcome> {
    const invoice = await this.db.manager.findOneByOrFail(Invoice, { orgId: ctx.conn.orgId, id: ctx.op.entityId });
    // QuickBooks refuses to modify a voided invoice; the void operation already closed it.
    if (invoice.status === InvoiceStatus.VOID) return { skip: 'invoice is void' };
    const fields = await this.invoiceFields(ctx, invoice);
    const read = checkedReader(ctx.op, link, 'Invoice', ownedInvoice(fields), (id) => ctx.qb.getInvoice(id));
    await readBeforeWrite(ctx.op, link, read); // an edit made in QuickBooks stops the update here
    return this.withSyncToken(
      ctx,
      link,
      async (token) => {
        const saved = await ctx.qb.updateInvoice(
          { Id: link.qbId, SyncToken: token, ...fields },
          requestIdFor(ctx.op.kind, ctx.conn.realmId!, ctx.op.entityId, ctx.op.version, token),
        );
        await this.books.checkTotal(ctx, invoice, saved);
        return saved;
      },
      read,
      ownedInvoice(fields),
    );
  }

  private async voidInvoice(ctx: Ctx, link: { id: string; qbId: string; syncToken: string | null }): Promise<Outcome> {
    // QuickBooks refuses to void twice: a replayed void is done already.
    if (await hasDone(this.db.manager, ctx.conn.orgId, OpKind.VOID_INVOICE, ctx.op.entityId))
      return { done: link.qbId };
    // QuickBooks does not apply a Payment to a voided invoice: the payments made before the void go first.
    if (await paymentPushPending(this.db.manager, ctx.conn.orgId, ctx.op.entityId))
      return { defer: 'a payment of the invoice is not in QuickBooks yet' };
    if (await creditReleasePending(this.db.manager, ctx.conn.orgId, ctx.op.entityId))
      return { defer: 'the client credit applied to it is not released in QuickBooks yet' };
    return this.withSyncToken(ctx, link, (token) =>
      ctx.qb.voidInvoice(
        { Id: link.qbId, SyncToken: token },
        requestIdFor(ctx.op.kind, ctx.conn.realmId!, ctx.op.entityId, token),
      ),
    );
  }

  private async emailInvoice(ctx: Ctx, link: { id: string; qbId: string }): Promise<Outcome> {
    // QuickBooks mails the balance it has: what already happened to the invoice reaches it first.
    if (await balanceChangePending(this.db.manager, ctx.conn.orgId, ctx.op.entityId))
      return { defer: 'a change to the invoice is not in QuickBooks yet' };
    const invoice = await this.db.manager.findOneByOrFail(Invoice, { orgId: ctx.conn.orgId, id: ctx.op.entityId });
    if (invoice.status === InvoiceStatus.VOID) return { skip: 'invoice was voided before QuickBooks mailed it' };
    const client = await this.db.manager.findOneByOrFail(Client, { id: invoice.clientId });
    const sent = await ctx.qb.sendInvoice(link.qbId, client.billingEmail);
    await updateSyncToken(this.db.manager, (link as { id: string }).id, String(sent.SyncToken));
    return { done: link.qbId };
  }

  private async pushPayment(ctx: Ctx): Promise<Outcome> {
    const { op, conn, qb } = ctx;
    const payment = await this.db.manager.findOneByOrFail(Payment, { orgId: conn.orgId, id: op.entityId });
    const invoiceLink = await this.invoiceLink(ctx, payment.invoiceId);
    if (!('qbId' in invoiceLink)) return invoiceLink;
    const invoice = await this.db.manager.findOneByOrFail(Invoice, { id: payment.invoiceId });
    const currency = await this.books.currencyFields(ctx, payment.currency, `A payment of invoice ${invoice.number}`, {
      invoiceQbId: invoiceLink.qbId,
      date: payment.receivedOn,
    });
    const customerId = await this.books.customerFor(ctx, payment.clientId, payment.currency);
    const m = await this.mapping.effective(conn);
    const fromStripe = payment.source === PaymentSource.STRIPE;
    // Money past the balance (its payment exception) is not applied to the invoice: QuickBooks keeps it as
    // the Payment's unapplied amount (it refuses more than the invoice's balance), where a refund or a later
    // invoice (client credit applied) takes it from.
    const applied = payment.amount - (await excessOf(this.db.manager, conn.orgId, payment.id));
    const body: QbEntity = {
      ...currency,
      CustomerRef: { value: customerId },
      TotalAmt: toQbAmount(payment.amount, payment.currency),
      TxnDate: payment.receivedOn,
      PaymentRefNum: (payment.externalId ?? payment.reference ?? '').slice(0, 21),
      PrivateNote: `${SETTLE_PAYMENT_MARK}${payment.id} (${payment.source} ${payment.method})`,
      Line: applied
        ? [
            {
              Amount: toQbAmount(applied, payment.currency),
              LinkedTxn: [{ TxnId: invoiceLink.qbId, TxnType: 'Invoice' }],
            },
          ]
        : [],
    };
    // Recorded as it was paid (a bank debit as ACH, not card).
    const methodRef = await this.paymentMethods.refFor(qb, payment.method);
    if (methodRef) body.PaymentMethodRef = methodRef;
    // Stripe money lands in the bank the fee is taken from, so the Purchase and the Payment meet there.
    if (fromStripe && m.feeReconciliationEnabled) body.DepositToAccountRef = { value: m.feeBankAccountId };
    const created = await qb.createPayment(body, requestIdFor(op.kind, conn.realmId!, payment.id, ...generation(op)));
    await this.db.transaction(async (tx) => {
      await recordLink(tx, conn.orgId, conn.realmId!, 'PAYMENT', payment.id, String(created.Id), {
        syncToken: created.SyncToken,
      });
      if (fromStripe && payment.externalId && m.feeReconciliationEnabled) {
        await enqueueOperation(tx, conn.orgId, OpKind.STRIPE_FEE, payment.externalId, {
          payload: { paymentId: payment.id },
        });
      }
      // Voided in Settle while this push waited for a person (it had failed): the void found nothing in
      // QuickBooks then and was skipped, so it follows now, after the Payment it voids.
      if (
        await tx.existsBy(Payment, { orgId: conn.orgId, source: PaymentSource.MANUAL, externalId: voidKey(payment.id) })
      )
        await enqueueOperation(tx, conn.orgId, OpKind.VOID_PAYMENT, payment.id, { reopenSkipped: true });
    });
    return { done: String(created.Id) };
  }
}
