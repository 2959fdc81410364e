import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CreditMemo, Payment, type PaymentKind } from './payment.entity.js';
import { orgRowsWhere, withinDates } from '../../platform/database/sql.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
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

/** Read side of payments and credit memos. Writes go through SettlementService only. */
export class PaymentService {
  constructor(private readonly db: DataSource) {}

  /** Payments and refunds, newest first, one page. */
  list(orgId: string, f: PaymentFilter, page: PageRequest) {
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
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }

  byInvoices(orgId: string, invoiceIds: readonly string[]): Promise<Payment[]> {
    return this.db
      .getRepository(Payment)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC' } });
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
