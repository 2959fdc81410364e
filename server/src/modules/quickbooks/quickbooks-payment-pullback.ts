import type { DataSource } from 'typeorm';
import { providerActor } from '../../platform/actor.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { Payment, PaymentKind, PaymentSource } from '../payments/payment.entity.js';
import type { SettlementService } from '../payments/settlement.service.js';
import type { QbEntity } from './accounting-provider.js';
import { fromQbAmount } from './qbo-amounts.js';
import { invoiceApplications } from './qbo-payment-lines.js';
import { raiseQuickBooksException } from './quickbooks-conflict.service.js';
import { findLink, updateSyncToken } from './quickbooks-ledger.js';
import { excessOf } from './quickbooks-overpayment-application.js';
import { QuickBooksLink, type QuickBooksConnection } from './quickbooks.entities.js';

/**
 * A Payment voided in QuickBooks (how a bounced check is recorded there): QuickBooks keeps it with every
 * amount 0 and "Voided" before its memo. It takes back the money like a deletion, not an edit to 0 (which
 * would leave Settle not knowing where the money went).
 */
export function voidedInQuickBooks(p: QbEntity): boolean {
  return Number(p.TotalAmt ?? 0) === 0 && /^Voided\b/.test(String(p.PrivateNote ?? ''));
}

/**
 * Whether a read of a Payment is a later version than the one the ledger knows. SyncTokens count up with
 * every write: a read taken before Settle's own later write (the read of a notification, then Settle voids
 * the Payment and records the new token) is older, not a change to pull back, and pulling it back would
 * book the payment again. A token that is no number is compared for equality, as before.
 */
function newerThan(read: unknown, known: string | null): boolean {
  const [r, k] = [Number(read), Number(known)];
  if (known === null || !Number.isFinite(r) || !Number.isFinite(k)) return String(read) !== known;
  return r > k;
}

/** A Settle payment booked from (or pushed as) one QuickBooks Payment, with its ledger link if it has one. */
interface Booked {
  payment: Payment;
  link: QuickBooksLink | null;
}

/**
 * QuickBooks → Settle for Payments Settle already has (pushed by Settle, or recorded from QuickBooks):
 * deleted in QuickBooks, the Settle payment is reversed; its amount edited, it is adjusted. Both go
 * through settlement (SettlementService.adjust: row lock, idempotent on the change, audited). Money
 * QuickBooks cannot give back (a Stripe card payment: deleting it in the books refunds nobody) or a
 * change that no longer maps to the invoice is not touched: it is raised as a QuickBooks exception.
 */
export class QuickBooksPaymentPullback {
  constructor(
    private readonly db: DataSource,
    private readonly settlement: SettlementService,
  ) {}

  /** `current`: the Payment as QuickBooks has it now, or null when it was deleted there. Returns changes made. */
  async pull(conn: QuickBooksConnection, qbPaymentId: string, current: QbEntity | null): Promise<number> {
    const voided = !!current && voidedInQuickBooks(current);
    const deleted = !current || current.status === 'Deleted' || voided;
    let changed = 0;
    for (const booked of await this.bookedFrom(conn, qbPaymentId)) {
      const { payment, link } = booked;
      if (!deleted && link && !newerThan(current!.SyncToken, link.syncToken)) continue; // nothing new, or a stale read
      const change = voided ? 'voided' : deleted ? 'deleted' : `v${String(current!.SyncToken)}`;
      const key = `${qbPaymentId}:${change}:${payment.id}`;
      const invoiceLink = await findLink(this.db.manager, conn.orgId, 'INVOICE', payment.invoiceId);
      // Settle pushes money past the balance unapplied (it may since pay another invoice as client credit):
      // what QuickBooks applies to this invoice plus that excess is the payment as Settle has it.
      const unapplied = link?.origin === 'SETTLE' ? await excessOf(this.db.manager, conn.orgId, payment.id) : 0;
      const amount = deleted ? 0 : this.amountFor(current!, invoiceLink?.qbId, payment.currency) + unapplied;
      const standing = await this.standing(payment);
      if (amount === standing) continue;
      const what = deleted
        ? `was ${change} in QuickBooks`
        : `was changed in QuickBooks to ${formatMoney(amount, payment.currency)}`;
      const label = `${formatMoney(payment.amount, payment.currency)} ${payment.source.toLowerCase()} payment`;
      const human =
        payment.source === PaymentSource.STRIPE
          ? `it was taken by Stripe, and changing it in the books gives no money back: keep Settle's version (it is booked in QuickBooks again), or refund it in Stripe`
          : !deleted && amount === 0
            ? `it is no longer applied to the invoice in QuickBooks, so Settle cannot tell where it went`
            : null;
      if (human) {
        await raiseQuickBooksException(this.db.manager, {
          orgId: conn.orgId,
          kind: deleted ? 'PAYMENT_DELETED_IN_QUICKBOOKS' : 'PAYMENT_CHANGED_IN_QUICKBOOKS',
          message: `QuickBooks payment ${qbPaymentId} (Settle's ${label}) ${what}; Settle left it as it was: ${human}.`,
          detail: {
            key,
            qbPaymentId,
            paymentId: payment.id,
            invoiceId: payment.invoiceId,
            amount,
            standing,
            // Settle's record stands: "keep Settle's version" books the deleted payment in QuickBooks again.
            ...(deleted ? { kind: 'CONFLICT', qbType: 'Payment', qbId: qbPaymentId, entityId: payment.id } : {}),
          },
        });
        continue;
      }
      const r = await this.settlement.adjust(conn.orgId, providerActor('quickbooks', qbPaymentId), {
        paymentId: payment.id,
        amount,
        source: PaymentSource.QUICKBOOKS,
        externalId: key,
        reference: `QuickBooks payment ${qbPaymentId} ${deleted ? change : 'changed'}`,
        ...(deleted ? { voidReason: `${voided ? 'Voided' : 'Deleted'} in QuickBooks` } : {}),
      });
      if (link && !deleted) await updateSyncToken(this.db.manager, link.id, String(current!.SyncToken));
      if (r.adjustment) changed++;
      logger.info(
        { orgId: conn.orgId, qbPaymentId, paymentId: payment.id, amount, standing, status: r.invoice.status },
        'quickbooks payment change pulled back',
      );
    }
    return changed;
  }

  /** Whether Settle booked this QuickBooks Payment (so it is not a new one to record). */
  async isBooked(conn: QuickBooksConnection, qbPaymentId: string): Promise<boolean> {
    return (await this.bookedFrom(conn, qbPaymentId)).length > 0;
  }

  /** The Settle invoices something of this QuickBooks Payment was booked on, and whether Settle pushed it. */
  async bookedInvoices(
    conn: QuickBooksConnection,
    qbPaymentId: string,
  ): Promise<{ invoiceIds: Set<string>; pushed: boolean }> {
    const booked = await this.bookedFrom(conn, qbPaymentId);
    return {
      invoiceIds: new Set(booked.map((b) => b.payment.invoiceId)),
      pushed: booked.some((b) => b.link?.origin === 'SETTLE'),
    };
  }

  /** What QuickBooks now applies of the Payment to the Settle invoice (minor units); 0 when it no longer does. */
  private amountFor(current: QbEntity, invoiceQbId: string | undefined, currency: string): number {
    // Money only: credit memos the Payment spends on the invoice are client credit in Settle, not the payment.
    const applied = invoiceApplications(current)
      .filter((a) => a.invoiceQbId === invoiceQbId)
      .reduce((sum, a) => sum + a.money, 0);
    return fromQbAmount(applied, currency);
  }

  /** The payment's amount with its earlier adjustments. */
  private async standing(payment: Payment): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT coalesce(sum(amount), 0)::bigint AS adjusted FROM payments WHERE org_id = $1 AND adjusts_payment_id = $2`,
      [payment.orgId, payment.id],
    )) as Array<{ adjusted: string }>;
    return payment.amount + Number(row!.adjusted);
  }

  /**
   * The Settle payments of one QuickBooks Payment: the one its ledger link names (pushed by Settle, or
   * recorded from QuickBooks for one invoice), or those recorded from it per invoice (`<id>:<invoice>`).
   */
  private async bookedFrom(conn: QuickBooksConnection, qbPaymentId: string): Promise<Booked[]> {
    const rows = (await this.db.query(
      `SELECT p.id, l.id AS link_id FROM payments p
         LEFT JOIN qbo_links l ON l.org_id = p.org_id AND l.settle_type = 'PAYMENT' AND l.settle_id = p.id::text AND l.realm_id = $2
        WHERE p.org_id = $1 AND p.kind = $4 AND (
              (l.realm_id = $2 AND l.qb_type = 'Payment' AND l.qb_id = $3)
           OR (l.id IS NULL AND p.source = 'QUICKBOOKS' AND p.external_id LIKE $3 || ':%'))`,
      [conn.orgId, conn.realmId, qbPaymentId, PaymentKind.PAYMENT],
    )) as Array<{ id: string; link_id: string | null }>;
    const out: Booked[] = [];
    for (const r of rows) {
      const payment = await this.db.manager.findOneByOrFail(Payment, { orgId: conn.orgId, id: r.id });
      const link = r.link_id ? await this.db.manager.findOneBy(QuickBooksLink, { id: r.link_id }) : null;
      out.push({ payment, link });
    }
    return out;
  }
}
