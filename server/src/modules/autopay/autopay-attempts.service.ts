import type { DataSource } from 'typeorm';
import { notFound } from '../../platform/errors.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { AutopayAttempt } from './autopay.entities.js';
import { attemptOutcome } from './autopay-rules.js';
import { AutopayAttemptView } from './autopay.types.js';

/** Whose attempts: one client's (all its invoices) or one invoice's. */
export type AttemptsOf = { clientId: string } | { invoiceId: string };

/** The autopay attempts staff read: newest first, each with its invoice number and what Stripe answered. */
export class AutopayAttemptsService {
  constructor(private readonly db: DataSource) {}

  /** A client or invoice of another org is "not found", as one that does not exist. */
  async list(orgId: string, of: AttemptsOf): Promise<AutopayAttemptView[]> {
    const exists =
      'clientId' in of
        ? await this.db.getRepository(Client).existsBy({ orgId, id: of.clientId })
        : await this.db.getRepository(Invoice).existsBy({ orgId, id: of.invoiceId });
    if (!exists) throw notFound('clientId' in of ? 'Client' : 'Invoice');
    const q = this.db
      .getRepository(AutopayAttempt)
      .createQueryBuilder('a')
      .innerJoin(Invoice, 'i', 'i.id = a.invoice_id AND i.org_id = a.org_id')
      .addSelect('i.number', 'invoice_number')
      .where('a.org_id = :orgId', { orgId })
      .orderBy('a.attempted_at', 'DESC')
      .addOrderBy('a.attempt_no', 'DESC');
    if ('clientId' in of) q.andWhere('i.client_id = :clientId', { clientId: of.clientId });
    else q.andWhere('a.invoice_id = :invoiceId', { invoiceId: of.invoiceId });
    const { entities, raw } = await q.getRawAndEntities<{ a_id: string; invoice_number: string }>();
    const numbers = new Map(raw.map((r) => [r.a_id, r.invoice_number]));
    return entities.map((a) => attemptView(a, numbers.get(a.id) ?? ''));
  }
}

/** An attempt as the API shows it, with its invoice's number. */
export function attemptView(a: AutopayAttempt, invoiceNumber: string): AutopayAttemptView {
  return Object.assign(new AutopayAttemptView(), {
    id: a.id,
    invoiceId: a.invoiceId,
    invoiceNumber,
    attemptNo: a.attemptNo,
    attemptedAt: a.attemptedAt,
    amount: a.amount,
    currency: a.currency,
    methodBrand: a.methodBrand,
    methodLast4: a.methodLast4,
    outcome: attemptOutcome(a),
    declineCode: a.declineCode,
    message: a.message,
    nextRetryAt: a.nextAttemptAt,
  });
}

/** An attempt for `node(id:)`: its invoice's number read with it. */
export async function attemptNodeView(a: AutopayAttempt, db: DataSource): Promise<AutopayAttemptView> {
  const invoice = await db.getRepository(Invoice).findOneBy({ id: a.invoiceId, orgId: a.orgId });
  return attemptView(a, invoice?.number ?? '');
}
