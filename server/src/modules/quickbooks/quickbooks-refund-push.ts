import type { DataSource } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import { salesLine } from './qbo-amounts.js';
import { paymentPushPending } from './quickbooks-invoice-history.js';
import { IN_CURRENT_COMPANY, OpKind, findLink, generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';
import { deleteLinked } from './quickbooks-linked-delete.js';

export interface RefundDeps {
  db: DataSource;
  mapping: QuickBooksMappingService;
  /** The client's customer in the refund's currency, and the currency and rate of the refunded invoice. */
  books: QuickBooksCurrencyTax;
  /** The invoice's link, or what to do while it has none (wait for its push, or skip). */
  invoiceLink(ctx: Ctx, invoiceId: string): Promise<{ qbId: string } | Outcome>;
}

/**
 * The account the refunded money leaves: the one the invoice's QuickBooks Payment went to (Stripe
 * money to the Stripe clearing bank, a check to Undeposited Funds), preferring a payment from the
 * same source, the latest one recorded before the refund. Money taken in QuickBooks (Pay Now) is
 * refunded there, which books it: Settle only records that it happened.
 */
async function refundFromAccount(ctx: Ctx, db: DataSource, refund: Payment): Promise<string | Outcome> {
  if (await paymentPushPending(db.manager, refund.orgId, refund.invoiceId))
    return { defer: 'the refunded payment is not in QuickBooks yet' };
  const [paid] = await db.query(
    `SELECT l.qb_id, p.source FROM payments p
       JOIN qbo_links l ON l.org_id = p.org_id AND l.settle_type = 'PAYMENT' AND l.settle_id = p.id::text AND ${IN_CURRENT_COMPANY('l')}
      WHERE p.org_id = $1 AND p.invoice_id = $2 AND p.kind = 'PAYMENT' AND p.created_at <= $3
      ORDER BY (p.source = $4) DESC, p.created_at DESC LIMIT 1`,
    [refund.orgId, refund.invoiceId, refund.createdAt, refund.source],
  );
  if (!paid) return { skip: 'no payment of this invoice is in QuickBooks to refund' };
  if (paid.source === PaymentSource.QUICKBOOKS) return { skip: 'money taken in QuickBooks is refunded in QuickBooks' };
  const account = (await ctx.qb.getPayment(paid.qb_id)).DepositToAccountRef?.value;
  return account ? String(account) : { skip: `QuickBooks Payment ${paid.qb_id} has no deposit account` };
}

/** PUSH_REFUND (once: an earlier attempt's ledger link is its outcome) or DELETE_REFUND of one refund. */
export async function refundOperation(ctx: Ctx, deps: RefundDeps): Promise<Outcome> {
  if (ctx.op.kind === OpKind.DELETE_REFUND) return deleteRefund(ctx, deps);
  const already = await findLink(deps.db.manager, ctx.conn.orgId, 'REFUND', ctx.op.entityId);
  return already ? { done: already.qbId } : pushRefund(ctx, deps);
}

/** A Settle refund (a negative payment) as a QuickBooks RefundReceipt to the invoice's customer. */
async function pushRefund(ctx: Ctx, deps: RefundDeps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const refund = await deps.db.manager.findOneByOrFail(Payment, { orgId: conn.orgId, id: op.entityId });
  if (await undone(deps.db, refund)) return { skip: 'the refund failed at the payment provider: no money went back' };
  const invoiceLink = await deps.invoiceLink(ctx, refund.invoiceId);
  if (!('qbId' in invoiceLink)) return invoiceLink;
  const account = await refundFromAccount(ctx, deps.db, refund);
  if (typeof account !== 'string') return account;
  const invoice = await deps.db.manager.findOneByOrFail(Invoice, { id: refund.invoiceId });
  const currency = await deps.books.currencyFields(ctx, refund.currency, `A refund on invoice ${invoice.number}`, {
    invoiceQbId: invoiceLink.qbId,
    date: refund.receivedOn,
  });
  const customerId = await deps.books.customerFor(ctx, refund.clientId, refund.currency);
  const itemId = await deps.mapping.itemFor(conn, qb);
  const amount = -refund.amount;
  const created = await qb.createRefundReceipt(
    {
      ...currency,
      CustomerRef: { value: customerId },
      DepositToAccountRef: { value: account },
      TxnDate: refund.receivedOn,
      PaymentRefNum: (refund.externalId ?? refund.reference ?? '').slice(0, 21),
      PrivateNote: `Settle refund ${refund.id} on ${invoice.number} (${refund.source} ${refund.method})`,
      Line: [
        salesLine({
          amountMinor: amount,
          currency: refund.currency,
          description: refund.reference || `Refund on ${invoice.number}`,
          itemId,
          quantity: 1,
          unitPriceMinor: amount,
        }),
      ],
    },
    requestIdFor(op.kind, conn.realmId!, refund.id, ...generation(op)),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'REFUND', refund.id, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return { done: String(created.Id) };
}

/** A refund whose booking was undone (it failed at its provider after Settle recorded it): nothing stands of it. */
async function undone(db: DataSource, refund: Payment): Promise<boolean> {
  const [row] = (await db.query(
    `SELECT coalesce(sum(amount), 0)::bigint AS adjusted FROM payments WHERE org_id = $1 AND adjusts_payment_id = $2`,
    [refund.orgId, refund.id],
  )) as Array<{ adjusted: string }>;
  return refund.amount + Number(row!.adjusted) === 0;
}

/**
 * A refund that did not happen (its provider reported it failed after Settle recorded it, and the booking
 * was undone): no money left the account, so its RefundReceipt is deleted. A receipt still on its way is
 * waited for (its push then finds the refund undone and skips); one already gone from QuickBooks is done.
 */
function deleteRefund(ctx: Ctx, deps: { db: DataSource }): Promise<Outcome> {
  return deleteLinked(ctx, deps.db.manager, {
    link: 'REFUND',
    push: OpKind.PUSH_REFUND,
    pending: 'the refund receipt is not in QuickBooks yet',
    never: 'the refund never reached QuickBooks',
    read: (id) => ctx.qb.getRefundReceipt(id),
    remove: (ref, requestId) => ctx.qb.deleteRefundReceipt(ref, requestId),
  });
}
