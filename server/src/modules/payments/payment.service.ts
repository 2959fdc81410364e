import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { CreditMemo, Payment } from './payment.entity.js';

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
    const qb = this.db.getRepository(Payment).createQueryBuilder('p').where('p.org_id = :orgId', { orgId });
    if (f.invoiceId) qb.andWhere('p.invoice_id = :inv', { inv: f.invoiceId });
    if (f.clientId) qb.andWhere('p.client_id = :cl', { cl: f.clientId });
    if (f.from) qb.andWhere('p.received_on >= :from', { from: f.from });
    if (f.to) qb.andWhere('p.received_on <= :to', { to: f.to });
    return qb.orderBy('p.created_at', 'DESC').limit(f.limit).getMany();
  }

  byInvoices(orgId: string, invoiceIds: readonly string[]): Promise<Payment[]> {
    return this.db.getRepository(Payment).find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC' } });
  }

  creditMemosByInvoices(orgId: string, invoiceIds: readonly string[]): Promise<CreditMemo[]> {
    return this.db.getRepository(CreditMemo).find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC' } });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Payment[]> {
    return this.db.getRepository(Payment).findBy({ orgId, id: In([...ids]) });
  }
}
