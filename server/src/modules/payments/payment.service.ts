import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CreditMemo, Payment, type PaymentKind } from './payment.entity.js';
import { orgRowsWhere, withinDates } from '../../platform/database/sql.js';
import {
  keysetPage,
  keysetPlan,
  newestFirst,
  type KeysetOrder,
  type PageRequest,
} from '../../platform/database/keyset-page.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { issuedToClientSql } from '../invoices/invoice-query.js';

export interface PaymentFilter {
  invoiceId?: string;
  clientId?: string;
  /** Received on (dates inclusive). */
  received?: { from?: string; to?: string };
  /** Only rows of this kind (money received, refunds, adjustments). */
  kind?: PaymentKind;
  /** Only payments of invoices issued to the client (`issuedToClient`): what a portal user may see. */
  issuedOnly?: boolean;
}

export const PaymentOrder = describedEnum('PaymentOrder', 'How a list of payments is ordered.', {
  RECORDED_NEWEST: 'Newest recorded in Settle first.',
  RECEIVED_NEWEST:
    'Newest received first (as a bank statement reads: a check recorded late sits at its received date), then newest recorded.',
});
export type PaymentOrder = keyof typeof PaymentOrder;

/**
 * Newest received first: a check recorded today for last week sits with last week's money, as on the bank
 * statement; payments received the same day newest recorded first.
 */
const receivedNewest: KeysetOrder<Payment> = {
  key: ['receivedOn', 'received_on'],
  then: ['createdAt', 'created_at'],
  direction: 'DESC',
};

const keysetOf = (order: PaymentOrder) => (order === 'RECEIVED_NEWEST' ? receivedNewest : newestFirst<Payment>());

/**
 * One invoice's payments (all of them, as `byInvoices` reads them: oldest recorded first, then by id) in
 * `order`, as the Payments list pages them: RECEIVED_NEWEST newest received first, then newest recorded,
 * then by id; RECORDED_NEWEST newest recorded first, then by id. Recorded times are never compared here: a
 * JS Date keeps milliseconds and PostgreSQL microseconds, so two payments recorded within one millisecond
 * would be tied here and not there. Their order as read (created_at, id in SQL) is the tie-break, and the
 * two lists agree row for row. Left out: oldest recorded first, the order the list is kept in.
 */
export function inPaymentOrder(rows: readonly Payment[], order?: PaymentOrder | null): Payment[] {
  if (!order) return [...rows];
  const newestRecorded = [...rows].reverse();
  if (order === 'RECORDED_NEWEST') return newestRecorded;
  // A stable sort: payments of one received day stay newest recorded first.
  return newestRecorded.sort((a, b) => b.receivedOn.localeCompare(a.receivedOn));
}

/** Rows of one currency that a filter matches, added up. */
export interface PaymentTotals {
  currency: string;
  /** Minor units: received less refunded (adjustments with their sign). */
  amount: number;
  count: number;
}

/** Read side of payments and credit memos. Writes go through SettlementService only. */
export class PaymentService {
  constructor(private readonly db: DataSource) {}

  /** Payments and refunds, newest recorded (or received) first, one page. */
  list(orgId: string, f: PaymentFilter, page: PageRequest, order: PaymentOrder = 'RECORDED_NEWEST') {
    return keysetPage(this.matching(orgId, f), keysetOf(order), page, { orgId, max: 500, fallback: 50 });
  }

  /** The statements `list` runs for a page, not run (what an EXPLAIN of the page reads). */
  listPlan(orgId: string, f: PaymentFilter, page: PageRequest, order: PaymentOrder = 'RECORDED_NEWEST') {
    return keysetPlan(this.matching(orgId, f), keysetOf(order), page, { orgId, max: 500, fallback: 50 });
  }

  /**
   * What the rows `f` matches add up to, per currency (one aggregate over the rows `list` pages through):
   * money received less money given back, and how many rows.
   */
  async totals(orgId: string, f: PaymentFilter): Promise<PaymentTotals[]> {
    const rows = await this.matching(orgId, f)
      .select('p.currency', 'currency')
      .addSelect('SUM(p.amount)', 'amount')
      .addSelect('COUNT(*)', 'count')
      .groupBy('p.currency')
      .orderBy('p.currency')
      .getRawMany<{ currency: string; amount: string; count: string }>();
    return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount), count: Number(r.count) }));
  }

  private matching(orgId: string, f: PaymentFilter) {
    const qb = orgRowsWhere(this.db.getRepository(Payment), 'p', orgId, {
      'p.invoice_id = :v': f.invoiceId,
      'p.client_id = :v': f.clientId,
      'p.kind = :v': f.kind,
      ...withinDates('p.received_on', f.received?.from, f.received?.to),
    });
    if (f.issuedOnly)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM invoices i WHERE i.org_id = p.org_id AND i.id = p.invoice_id AND ${issuedToClientSql('i')})`,
      );
    return qb;
  }

  byInvoices(orgId: string, invoiceIds: readonly string[]): Promise<Payment[]> {
    return this.db
      .getRepository(Payment)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  creditMemosByInvoices(orgId: string, invoiceIds: readonly string[]): Promise<CreditMemo[]> {
    return this.db
      .getRepository(CreditMemo)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC' } });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Payment[]> {
    return this.db.getRepository(Payment).findBy({ orgId, id: In([...ids]) });
  }
}
