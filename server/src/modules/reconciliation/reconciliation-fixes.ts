import type { EntityManager } from 'typeorm';
import {
  invoiceChangedJobKey,
  queueInvoiceChanged,
  queueRecordPayout,
  recordPayoutJobKey,
} from '../stripe/stripe.jobs.js';
import type { AccountingProvider, QbEntity } from '../quickbooks/accounting-provider.js';
import { conflict } from '../../platform/errors.js';
import {
  IN_CURRENT_COMPANY,
  LinkType,
  OpKind,
  enqueueNewVersion,
  enqueueOperation,
  findLink,
  scheduleOperation,
  type LinkKind,
} from '../quickbooks/quickbooks-ledger.js';
import { QB_PAGE, isVoided } from './reconciliation-sources.js';
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
      if (!(await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, d.subjectId, { reopenSkipped: true })))
        await retryInvoicePush(tx, orgId, d);
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
      await queueRecordPayout(tx, orgId, d.subjectId);
      return `${d.subject} queued to be read from Stripe and recorded.`;
    case 'VOID_STRIPE_INVOICE':
      await queueInvoiceChanged(tx, orgId, d.subjectId);
      return `The Stripe invoice of ${d.invoiceNumber} queued to be closed (marked paid when paid elsewhere, else voided).`;
    default:
      throw conflict('Settle cannot fix this one by itself; follow the suggested fix', 'id');
  }
}

/**
 * The invoice's push was neither queued nor reopened (only a SKIPPED one is): a FAILED push is queued
 * again as a person's retry of its exception does (a new generation of QuickBooks request ids when
 * QuickBooks rejected it, its exceptions resolved); a push still queued or done is refused, saying so.
 */
async function retryInvoicePush(tx: EntityManager, orgId: string, d: ReconciliationDiscrepancy): Promise<void> {
  const [op] = (await tx.query(
    `SELECT id, status, last_error FROM qbo_operations WHERE org_id = $1 AND kind = $2 AND entity_id = $3
      ORDER BY version DESC LIMIT 1 FOR UPDATE`,
    [orgId, OpKind.PUSH_INVOICE, d.subjectId],
  )) as Array<{ id: string; status: string; last_error: string | null }>;
  if (op?.status !== 'FAILED') {
    throw conflict(
      op?.status === 'PENDING'
        ? `Invoice ${d.invoiceNumber} is already queued for QuickBooks; wait for it (QuickBooks sync on the integrations page shows it)`
        : `Invoice ${d.invoiceNumber} was already pushed to QuickBooks; Settle cannot push it again by itself. Look at it in QuickBooks and under QuickBooks sync on the integrations page`,
      'id',
    );
  }
  const [ex] = (await tx.query(
    `SELECT detail->>'kind' AS kind FROM qbo_exceptions WHERE org_id = $1 AND operation_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [orgId, op.id],
  )) as Array<{ kind: string | null }>;
  // QuickBooks replays a request id's first answer: after a rejection (nothing written) a new generation is needed.
  const rejected = ex?.kind === 'FATAL' || ex?.kind === 'STALE';
  await tx.query(
    `UPDATE qbo_operations SET status = 'PENDING', attempts = 0, next_attempt_at = NULL, completed_at = NULL,
            payload = payload || jsonb_build_object('deferrals', 0,
              'generation', coalesce((payload->>'generation')::int, 0) + $3::int)
      WHERE org_id = $1 AND id = $2 AND status = 'FAILED'`,
    [orgId, op.id, rejected ? 1 : 0],
  );
  await tx.query(
    `UPDATE qbo_exceptions SET resolved_at = now(), resolved_by = 'reconciliation fix (retried)'
      WHERE org_id = $1 AND operation_id = $2 AND resolved_at IS NULL`,
    [orgId, op.id],
  );
  await scheduleOperation(tx, orgId, op.id);
}

/** The Settle record a push-again fix drops the QuickBooks link of, by fix. */
const PUSH_AGAIN: Partial<Record<string, LinkKind>> = {
  PUSH_PAYMENT_TO_QUICKBOOKS: 'PAYMENT',
  PUSH_REFUND_TO_QUICKBOOKS: 'REFUND',
  PUSH_FEE_TO_QUICKBOOKS: 'STRIPE_FEE',
  PUSH_DEPOSIT_TO_QUICKBOOKS: 'PAYOUT',
};

/**
 * Before a fix that drops a QuickBooks link and pushes the record again: the entity the link names, read
 * from QuickBooks by its id. Found and not void means the difference is gone (fixed from another run, a
 * sync retried, or a stale read), and pushing would book it twice: its QuickBooks id is returned. Null
 * when it is missing (deleted, voided, never linked) or the fix pushes nothing again. A failed read
 * (QuickBooks down) throws, and the fix is refused with nothing written.
 */
export async function stillInQuickBooks(
  tx: EntityManager,
  qb: AccountingProvider | null,
  d: ReconciliationDiscrepancy,
): Promise<string | null> {
  const kind = d.fix ? PUSH_AGAIN[d.fix] : undefined;
  if (!kind || !qb) return null;
  const link = await findLink(tx, d.orgId, kind, d.subjectId);
  if (!link) return null;
  let found: QbEntity | null;
  try {
    found = await readLinked(tx, qb, kind, link.qbId, link.createdAt, d);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw conflict('QuickBooks could not be read to check the discrepancy still stands; try again', 'id');
  }
  return found && !isVoided(found) && found.status !== 'Deleted' ? link.qbId : null;
}

/** The linked entity, or null. Purchases and deposits are read by a query of the days they are dated. */
async function readLinked(
  tx: EntityManager,
  qb: AccountingProvider,
  kind: LinkKind,
  qbId: string,
  linkedAt: Date,
  d: ReconciliationDiscrepancy,
): Promise<QbEntity | null> {
  if (kind === 'PAYMENT') return qb.getPayment(qbId);
  if (kind === 'REFUND') return qb.getRefundReceipt(qbId);
  let range: { from: string; to: string };
  if (kind === 'PAYOUT') {
    // A payout's Deposit is dated its arrival day.
    const [p] = (await tx.query(`SELECT arrival_date::text AS day FROM stripe_payouts WHERE org_id = $1 AND id = $2`, [
      d.orgId,
      d.subjectId,
    ])) as Array<{ day: string }>;
    if (!p) return null;
    range = { from: p.day, to: p.day };
  } else {
    // A fee's expense is dated the day Settle booked it, the day its link was made (a day either side: time zones).
    const day = (offset: number) => new Date(linkedAt.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    range = { from: day(-1), to: day(1) };
  }
  for (let start = 1; ; start += QB_PAGE) {
    const page = await qb.queryPage(kind === 'PAYOUT' ? 'Deposit' : 'Purchase', range, start, QB_PAGE);
    const hit = page.find((e) => String(e.Id) === qbId);
    if (hit) return hit;
    if (page.length < QB_PAGE) return null;
  }
}

const isNotFound = (e: unknown) => {
  const err = e as { kind?: string; status?: number | null; code?: string | null; message?: string };
  return (
    err.code === '610' ||
    err.status === 404 ||
    (err.kind === 'FATAL' && /not found|deleted/i.test(String(err.message ?? '')))
  );
};

/** The keys of the Stripe jobs a fix of this subject queues (a payout to record, an invoice to close). */
export const stripeFixJobKeys = (subjectId: string) => [recordPayoutJobKey(subjectId), invoiceChangedJobKey(subjectId)];

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
  await enqueueNewVersion(tx, orgId, kind, entityId, (version) =>
    forget ? { ...payload, generation: version } : payload,
  );
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
