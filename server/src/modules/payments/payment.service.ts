import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CreditMemo, Payment } from './payment.entity.js';
import { orgRowsWhere, withinDates } from '../../platform/database/sql.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';

export interface PaymentFilter {
  invoiceId?: string;
  clientId?: string;
  /** Received on (dates inclusive). */
  received?: { from?: string; to?: string };
}

/** Read side of payments and credit memos. Writes go through SettlementService only. */
export class PaymentService {
  constructor(private readonly db: DataSource) {}

  /** Payments and refunds, newest first, one page. */
  list(orgId: string, f: PaymentFilter, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(Payment), 'p', orgId, {
      'p.invoice_id = :v': f.invoiceId,
      'p.client_id = :v': f.clientId,
      ...withinDates('p.received_on', f.received?.from, f.received?.to),
    });
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
