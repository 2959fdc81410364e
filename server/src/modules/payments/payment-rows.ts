import type { EntityManager } from 'typeorm';
import { insertRows } from '../../platform/database/sql.js';
import { Payment } from './payment.entity.js';
import { paymentKey } from './settlement-rules.js';
import type { SettleItem } from './settlement.types.js';

/** Each column settlement writes, and the Payment property it holds. */
const COLUMNS = {
  id: 'id',
  org_id: 'orgId',
  invoice_id: 'invoiceId',
  client_id: 'clientId',
  kind: 'kind',
  amount: 'amount',
  currency: 'currency',
  source: 'source',
  method: 'method',
  reference: 'reference',
  external_id: 'externalId',
  received_on: 'receivedOn',
  card_brand: 'cardBrand',
  card_last4: 'cardLast4',
  receipt_url: 'receiptUrl',
  kept_as_credit: 'keptAsCredit',
  refunds_payment_id: 'refundsPaymentId',
  actor_type: 'actorType',
  actor_id: 'actorId',
} as const satisfies Record<string, keyof Payment>;
const columns = Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>;

/**
 * Inserts the payments a settlement batch records in one statement (a batch of webhooks is one round
 * trip), and gives each the creation time PostgreSQL stamped on it.
 */
export async function insertPayments(tx: EntityManager, payments: Payment[]): Promise<void> {
  const created = await insertRows<{ id: string; created_at: Date }>(
    tx,
    'payments',
    columns,
    payments.map((p) => columns.map((c) => p[COLUMNS[c]])),
    { tail: 'RETURNING id, created_at' },
  );
  const createdAt = new Map(created.map((r) => [r.id, r.created_at]));
  for (const payment of payments) payment.createdAt = createdAt.get(payment.id)!;
}

/** Payments already recorded under the items' provider ids, keyed by paymentKey. */
export async function priorPayments(tx: EntityManager, items: SettleItem[]): Promise<Map<string, Payment>> {
  const keyed = items.filter((i) => i.input.externalId);
  if (!keyed.length) return new Map();
  const found = await tx
    .getRepository(Payment)
    .createQueryBuilder('p')
    .where(
      '(p.org_id, p.source, p.external_id) IN (SELECT * FROM unnest(CAST(:orgs AS uuid[]), CAST(:sources AS text[]), CAST(:ids AS text[])))',
      {
        orgs: keyed.map((i) => i.orgId),
        sources: keyed.map((i) => i.input.source),
        ids: keyed.map((i) => i.input.externalId),
      },
    )
    .getMany();
  return new Map(found.map((p) => [paymentKey(p.orgId, p.source, p.externalId!), p]));
}
