import type { DataSource } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import { salesLine } from './qbo-amounts.js';
import { paymentPushPending } from './quickbooks-invoice-history.js';
import { generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

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
       JOIN qbo_links l ON l.org_id = p.org_id AND l.settle_type = 'PAYMENT' AND l.settle_id = p.id::text
      WHERE p.org_id = $1 AND p.invoice_id = $2 AND p.kind = 'PAYMENT' AND p.created_at <= $3
      ORDER BY (p.source = $4) DESC, p.created_at DESC LIMIT 1`,
    [refund.orgId, refund.invoiceId, refund.createdAt, refund.source],
  );
  if (!paid) return { skip: 'no payment of this invoice is in QuickBooks to refund' };
  if (paid.source === PaymentSource.QUICKBOOKS) return { skip: 'money taken in QuickBooks is refunded in QuickBooks' };
  const account = (await ctx.qb.getPayment(paid.qb_id)).DepositToAccountRef?.value;
  return account ? String(account) : { skip: `QuickBooks Payment ${paid.qb_id} has no deposit account` };
}

/** A Settle refund (a negative payment) as a QuickBooks RefundReceipt to the invoice's customer. */
export async function pushRefund(ctx: Ctx, deps: RefundDeps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const refund = await deps.db.manager.findOneByOrFail(Payment, { orgId: conn.orgId, id: op.entityId });
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
