import type { EntityManager } from 'typeorm';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { conflict } from '../../platform/errors.js';
import {
  IN_CURRENT_COMPANY,
  LinkType,
  OpKind,
  enqueueOperation,
  nextVersion,
  type LinkKind,
} from '../quickbooks/quickbooks-ledger.js';
import type { ReconciliationDiscrepancy } from './reconciliation.entities.js';

/**
 * What Settle does about a discrepancy it can fix itself: each fix queues the existing QuickBooks
 * operation (or Stripe follow-up) in the caller's transaction, so it happens exactly when the fix
 * commits; nothing here talks to an API. A re-run of a push gets a new generation (a new QuickBooks
 * requestid), since the first one's entity was deleted or voided there.
 */
export async function applyFix(tx: EntityManager, d: ReconciliationDiscrepancy): Promise<string> {
  const orgId = d.orgId;
  switch (d.fix) {
    case 'PUSH_INVOICE_TO_QUICKBOOKS':
      await requireQuickBooks(tx, orgId);
      await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, d.subjectId, { reopenSkipped: true });
      return `Invoice ${d.invoiceNumber} queued for QuickBooks with its payments, credits and refunds.`;
    case 'UPDATE_QUICKBOOKS_INVOICE':
      // The admin chose Settle's version: the update goes over the edit made in QuickBooks (as "keep Settle's").
      await requeue(tx, orgId, OpKind.UPDATE_INVOICE, d.subjectId, { payload: { force: true } });
      return `Settle's lines of invoice ${d.invoiceNumber} queued to replace QuickBooks'.`;
    case 'VOID_QUICKBOOKS_INVOICE':
      await requeue(tx, orgId, OpKind.VOID_INVOICE, d.subjectId);
      return `Invoice ${d.invoiceNumber} queued to be voided in QuickBooks.`;
    case 'PUSH_PAYMENT_TO_QUICKBOOKS':
      await requeue(tx, orgId, OpKind.PUSH_PAYMENT, d.subjectId, { forget: 'PAYMENT' });
      return `${d.subject} queued for QuickBooks again.`;
    case 'PUSH_REFUND_TO_QUICKBOOKS':
      await requeue(tx, orgId, OpKind.PUSH_REFUND, d.subjectId, { forget: 'REFUND' });
      return `${d.subject} queued for QuickBooks as a refund receipt.`;
    case 'PUSH_FEE_TO_QUICKBOOKS':
      await requeue(tx, orgId, OpKind.STRIPE_FEE, d.subjectId, {
        forget: 'STRIPE_FEE',
        payload: { paymentId: d.fixData.paymentId },
      });
      return `${d.subject} queued for QuickBooks as an expense.`;
    case 'PUSH_DEPOSIT_TO_QUICKBOOKS':
      await requeue(tx, orgId, OpKind.PUSH_DEPOSIT, d.subjectId, {
        forget: 'PAYOUT',
        payload: await payoutPayload(tx, orgId, d.subjectId),
      });
      return `${d.subject} queued for QuickBooks as a deposit again.`;
    case 'RECORD_STRIPE_PAYOUT':
      await enqueue(
        tx,
        'stripe.record-payout',
        { orgId, payoutId: d.subjectId },
        { jobKey: stripeFixJobKeys(d.subjectId)[0] },
      );
      return `${d.subject} queued to be read from Stripe and recorded.`;
    case 'VOID_STRIPE_INVOICE':
      await enqueue(
        tx,
        'stripe.invoice-changed',
        { orgId, invoiceId: d.subjectId },
        { jobKey: stripeFixJobKeys(d.subjectId)[1] },
      );
      return `The Stripe invoice of ${d.invoiceNumber} queued to be closed (marked paid when paid elsewhere, else voided).`;
    default:
      throw conflict('Settle cannot fix this one by itself; follow the suggested fix', 'id');
  }
}

/** The keys of the Stripe jobs a fix of this subject queues (a payout to record, an invoice to close). */
export const stripeFixJobKeys = (subjectId: string) => [
  `stripe-record-payout:${subjectId}`,
  `stripe-changed:${subjectId}`,
];

async function requireQuickBooks(tx: EntityManager, orgId: string): Promise<string> {
  const [c] = (await tx.query(
    `SELECT realm_id FROM qbo_connections WHERE org_id = $1 AND status = 'CONNECTED' AND realm_id IS NOT NULL`,
    [orgId],
  )) as Array<{ realm_id: string }>;
  if (!c) throw conflict('QuickBooks is not connected; connect it before fixing', 'id');
  return c.realm_id;
}

/**
 * The next version of a repeatable operation (QuickBooks binds the newest SyncToken). With `forget`, the
 * link to the entity QuickBooks lost is dropped first and the operation pushes it again as a new
 * generation.
 */
async function requeue(
  tx: EntityManager,
  orgId: string,
  kind: OpKind,
  entityId: string,
  { payload = {}, forget }: { payload?: Record<string, unknown>; forget?: LinkKind } = {},
): Promise<void> {
  await requireQuickBooks(tx, orgId);
  if (forget)
    await tx.query(
      `DELETE FROM qbo_links l WHERE org_id = $1 AND settle_type = $2 AND settle_id = $3 AND ${IN_CURRENT_COMPANY('l')}`,
      [orgId, LinkType[forget][0], entityId],
    );
  const version = await nextVersion(tx, orgId, kind, entityId);
  await enqueueOperation(tx, orgId, kind, entityId, {
    version,
    payload: forget ? { ...payload, generation: version } : payload,
  });
}

/**
 * What the payout's Deposit is pushed from: the payout as `stripe.payout-paid` carried it (its first
 * operation's payload), or, when none was queued (QuickBooks connected later), Settle's record of it.
 */
async function payoutPayload(tx: EntityManager, orgId: string, payoutId: string): Promise<Record<string, unknown>> {
  const [op] = (await tx.query(
    `SELECT payload FROM qbo_operations WHERE org_id = $1 AND kind = $2 AND entity_id = $3 ORDER BY version LIMIT 1`,
    [orgId, OpKind.PUSH_DEPOSIT, payoutId],
  )) as Array<{ payload: Record<string, unknown> }>;
  if (op) {
    const { stripePayoutId, amount, currency, arrivalDate, lines } = op.payload;
    return { stripePayoutId, amount, currency, arrivalDate, lines };
  }
  const [p] = (await tx.query(
    `SELECT stripe_payout_id, amount::bigint AS amount, currency, arrival_date::text AS arrival_date
       FROM stripe_payouts WHERE org_id = $1 AND id = $2`,
    [orgId, payoutId],
  )) as Array<Record<string, string>>;
  if (!p) throw conflict('Settle has no record of this payout any more', 'id');
  return {
    stripePayoutId: p.stripe_payout_id,
    amount: Number(p.amount),
    currency: p.currency,
    arrivalDate: p.arrival_date,
  };
}
