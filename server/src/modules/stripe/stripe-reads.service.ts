import { In, type DataSource } from 'typeorm';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { keysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import { orgRowsWhere } from '../../platform/database/sql.js';
import { StripeInvoiceLink, StripePaymentOrigin } from './stripe-links.entity.js';

/**
 * Read side of the Stripe module for the API: the webhook inspector, and the per-invoice and per-payment
 * Stripe facts the API batches a page at a time. Every read is within one org.
 */
export class StripeReadService {
  constructor(private readonly db: DataSource) {}

  /** One page of received events, newest first. */
  webhookEvents(orgId: string, status: StripeEventInbox['status'] | undefined, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(StripeEventInbox), 'e', orgId, { 'e.status = :v': status });
    const order = { key: ['receivedAt', 'received_at'], direction: 'DESC' } as const;
    return keysetPage(qb, order, page, { orgId, max: 500, fallback: 50 });
  }

  webhookEvent(orgId: string, id: string): Promise<StripeEventInbox> {
    return this.db.getRepository(StripeEventInbox).findOneByOrFail({ orgId, id });
  }

  /** Why the last online payment attempt of each invoice failed (null: none did, or it was since paid). */
  async lastPaymentErrors(orgId: string, invoiceIds: readonly string[]): Promise<Array<string | null>> {
    const rows = await this.db
      .getRepository(StripeInvoiceLink)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, select: { invoiceId: true, lastPaymentError: true } });
    const byInvoice = new Map(rows.map((r) => [r.invoiceId, r.lastPaymentError]));
    return invoiceIds.map((id) => byInvoice.get(id) ?? null);
  }

  /** The Stripe account and mode each payment was taken in, by org and Stripe id (null: not a Stripe payment). */
  async paymentOrigins(
    keys: ReadonlyArray<{ orgId: string; externalId: string }>,
  ): Promise<Array<StripePaymentOrigin | null>> {
    const rows = await this.db
      .getRepository(StripePaymentOrigin)
      .find({ where: keys.map(({ orgId, externalId }) => ({ orgId, externalId })) });
    const byKey = new Map(rows.map((r) => [`${r.orgId}|${r.externalId}`, r]));
    return keys.map((k) => byKey.get(`${k.orgId}|${k.externalId}`) ?? null);
  }
}
