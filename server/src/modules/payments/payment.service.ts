import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CreditMemo, Payment } from './payment.entity.js';
import { orgRowsWhere, withinDates } from '../../platform/database/sql.js';

export interface PaymentFilter {
  invoiceId?: string;
  clientId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** Read side of payments and credit memos. Writes go through SettlementService only. */
export class PaymentService {
  constructor(private readonly db: DataSource) {}

  list(orgId: string, f: PaymentFilter): Promise<Payment[]> {
    const qb = orgRowsWhere(this.db.getRepository(Payment), 'p', orgId, {
      'p.invoice_id = :v': f.invoiceId,
      'p.client_id = :v': f.clientId,
      ...withinDates('p.received_on', f.from, f.to),
    });
    return qb.orderBy('p.created_at', 'DESC').limit(f.limit).getMany();
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
