import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { insertRows } from '../../platform/database/sql.js';
import { logger } from '../../platform/logger.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { EmailService } from '../email/email.service.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { PaymentSource, type Payment } from '../payments/payment.entity.js';
import { PaymentException, PaymentExceptionKind, PaymentExceptionStatus } from './payment-exception.entity.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import { paymentExceptionEmail } from './payment-exception-email.js';
import { excessPaid } from './payment-exception-rules.js';

/** One exception to raise: a payment just recorded, on the invoice as it left it. */
export interface RaiseItem {
  orgId: string;
  actor: Actor;
  invoice: Invoice;
  payment: Payment;
  kind: PaymentExceptionKind;
  excess: number;
}

const PROVIDER_NAMES: Record<PaymentSource, string> = {
  [PaymentSource.STRIPE]: 'Stripe',
  [PaymentSource.QUICKBOOKS]: 'QuickBooks',
  [PaymentSource.MANUAL]: 'a manual entry',
};

/**
 * Raising and reading payment exceptions. Raising happens inside the settlement transaction (never on
 * its own), so an exception exists exactly when its payment does; remedies live in
 * payment-exception-remedies.ts.
 */
export class PaymentExceptionService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly email: EmailService,
    private readonly publicUrl: string,
  ) {}

  /**
   * Writes the exceptions of a settlement batch in one statement (unique on the payment: a payment
   * raises at most one), with their audit rows and one email per OWNER/ADMIN of each org, all in the
   * caller's transaction.
   */
  async raiseIn(tx: EntityManager, items: RaiseItem[]): Promise<PaymentException[]> {
    if (!items.length) return [];
    const rows = items.map((r) =>
      Object.assign(new PaymentException(), {
        id: randomUUID(),
        orgId: r.orgId,
        invoiceId: r.invoice.id,
        paymentId: r.payment.id,
        kind: r.kind,
        amount: r.excess,
        currency: r.invoice.currency,
        source: r.payment.source,
        providerPaymentId: r.payment.externalId,
        status: PaymentExceptionStatus.OPEN,
        resolutionNote: null,
        refundPaymentId: null,
        resolvedByType: null,
        resolvedById: null,
        resolvedByLabel: null,
        resolvedAt: null,
      }),
    );
    const inserted = await insertRows<{ id: string; created_at: Date }>(
      tx,
      'payment_exceptions',
      [
        'id',
        'org_id',
        'invoice_id',
        'payment_id',
        'kind',
        'amount',
        'currency',
        'source',
        'provider_payment_id',
        'status',
      ],
      rows.map((e) => [
        e.id,
        e.orgId,
        e.invoiceId,
        e.paymentId,
        e.kind,
        e.amount,
        e.currency,
        e.source,
        e.providerPaymentId,
        e.status,
      ]),
      { tail: 'ON CONFLICT (payment_id) DO NOTHING RETURNING id, created_at' },
    );
    const createdAt = new Map(inserted.map((r) => [r.id, r.created_at]));
    const raised = rows.filter((e) => createdAt.has(e.id));
    for (const e of raised) e.createdAt = createdAt.get(e.id)!;
    if (!raised.length) return [];
    const itemOf = new Map(items.map((r) => [r.payment.id, r]));
    const audits: AuditEntry[] = raised.map((e) => ({
      orgId: e.orgId,
      actor: itemOf.get(e.paymentId)!.actor,
      entity: { type: 'Invoice', id: e.invoiceId },
      action: 'invoice.payment_exception_raised',
      before: null,
      after: {
        paymentException: {
          id: e.id,
          kind: e.kind,
          amount: e.amount,
          currency: e.currency,
          source: e.source,
          paymentId: e.paymentId,
          providerPaymentId: e.providerPaymentId,
        },
      },
    }));
    await this.audit.recordMany(tx, audits);
    for (const e of raised)
      logger.warn(
        { orgId: e.orgId, invoiceId: e.invoiceId, paymentId: e.paymentId, kind: e.kind, amount: e.amount },
        'payment exception raised',
      );
    await this.notifyAdmins(
      tx,
      raised.map((e) => ({ exception: e, item: itemOf.get(e.paymentId)! })),
    );
    return raised;
  }

  /** One email per exception to every active OWNER and ADMIN of its org (one read for the whole batch). */
  private async notifyAdmins(
    tx: EntityManager,
    raised: Array<{ exception: PaymentException; item: RaiseItem }>,
  ): Promise<void> {
    const admins = (await tx.query(
      `SELECT u.org_id, u.email, o.name AS org_name FROM users u JOIN organizations o ON o.id = u.org_id
        WHERE u.org_id = ANY($1::uuid[]) AND u.role IN ('OWNER','ADMIN') AND u.disabled_at IS NULL ORDER BY u.email`,
      [[...new Set(raised.map((r) => r.exception.orgId))]],
    )) as Array<{ org_id: string; email: string; org_name: string }>;
    const mails = raised.flatMap(({ exception: e, item }) =>
      admins
        .filter((a) => a.org_id === e.orgId)
        .map((a) => ({
          orgId: e.orgId,
          mail: {
            kind: 'payment_exception' as const,
            to: a.email,
            relatedId: e.invoiceId,
            ...paymentExceptionEmail({
              orgName: a.org_name,
              number: item.invoice.number,
              kind: e.kind,
              paymentAmount: item.payment.amount,
              excess: e.amount,
              currency: e.currency,
              provider: PROVIDER_NAMES[e.source],
              exceptionsUrl: `${this.publicUrl}/admin/exceptions`,
            }),
          },
        })),
    );
    if (mails.length) await this.email.queueMany(tx, mails);
  }

  /** The org's exceptions, newest first; all statuses when none is given. */
  /** One page of the org's exceptions (of these statuses when given), newest first. */
  /**
   * After money on `invoice` was taken away (a payment lowered or deleted where it was booked), its open
   * exceptions may claim an excess that is no longer there (excessPaid): what is gone comes off them,
   * newest first. One whose whole excess is gone is closed (DISMISSED, saying why: nothing is left to
   * refund or keep); one partly gone keeps what is left. In the caller's transaction, under its invoice
   * lock; audited.
   */
  async shrinkIn(tx: EntityManager, actor: Actor, invoice: Invoice, why: string): Promise<void> {
    const open = await tx.find(PaymentException, {
      where: { orgId: invoice.orgId, invoiceId: invoice.id, status: PaymentExceptionStatus.OPEN },
      order: { createdAt: 'DESC', id: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    let left = open.reduce((sum, e) => sum + e.amount, 0) - excessPaid(invoice);
    for (const exc of open) {
      if (left <= 0) break;
      const before = { ...exc };
      const cut = Math.min(exc.amount, left);
      left -= cut;
      if (cut === exc.amount)
        Object.assign(exc, {
          status: PaymentExceptionStatus.DISMISSED,
          resolutionNote: `The money past the balance is gone: ${why}`.slice(0, 500),
          resolvedAt: new Date(),
          resolvedByType: actor.type,
          resolvedById: actor.id,
          resolvedByLabel: actor.label,
        });
      else exc.amount -= cut;
      await tx.save(exc);
      await this.audit.record(
        tx,
        exc.orgId,
        actor,
        { type: 'Invoice', id: exc.invoiceId },
        'invoice.payment_exception_shrunk',
        { exceptionId: exc.id, amount: before.amount, status: before.status },
        { exceptionId: exc.id, amount: exc.amount, status: exc.status, why },
      );
    }
  }

  list(orgId: string, status: PaymentExceptionStatus[] | undefined, page: PageRequest) {
    const qb = this.db.getRepository(PaymentException).createQueryBuilder('x').where('x.org_id = :orgId', { orgId });
    if (status?.length) qb.andWhere('x.status IN (:...status)', { status });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }

  byInvoices(orgId: string, invoiceIds: readonly string[]): Promise<PaymentException[]> {
    return this.db
      .getRepository(PaymentException)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { createdAt: 'ASC' } });
  }
}
