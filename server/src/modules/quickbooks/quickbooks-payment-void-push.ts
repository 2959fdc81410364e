import type { EntityManager } from 'typeorm';
import { QuickBooksApiError, type QbEntity } from './accounting-provider.js';
import { OpKind, findLink, hasPending, requestIdFor, updateSyncToken } from './quickbooks-ledger.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';
import { voidedInQuickBooks } from './quickbooks-payment-pullback.js';

/**
 * VOID_PAYMENT: staff voided a payment recorded by hand by mistake (voidPayment), so the Payment Settle
 * pushed for it is voided in QuickBooks too, as a bookkeeper would void it there (it stays, at 0, marked
 * Voided). A push still waiting goes first (then this voids what it made); a payment that never reached
 * QuickBooks has nothing to void (an invoice pushed later brings its history: the push, then this). One
 * voided or deleted there already (by a person, or by this operation's earlier attempt) is done. The void
 * carries the SyncToken it read, and a request id made of it, so a retry is one void at QuickBooks. The
 * notification of this void reads the payment at 0 in Settle already, and moves nothing.
 */
export async function voidPushedPayment(ctx: Ctx, db: EntityManager): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  if (await hasPending(db, conn.orgId, OpKind.PUSH_PAYMENT, op.entityId))
    return { defer: 'the payment is not in QuickBooks yet' };
  const link = await findLink(db, conn.orgId, 'PAYMENT', op.entityId);
  if (!link) return { skip: 'the payment never reached QuickBooks' };
  let current: QbEntity;
  try {
    current = await qb.getPayment(link.qbId);
  } catch (err) {
    if (err instanceof QuickBooksApiError && err.code === '610') return { done: link.qbId };
    throw err;
  }
  if (current.status === 'Deleted' || voidedInQuickBooks(current)) return { done: link.qbId };
  const token = String(current.SyncToken);
  const voided = await qb.voidPayment(
    { Id: link.qbId, SyncToken: token },
    requestIdFor(op.kind, conn.realmId!, op.entityId, token),
  );
  await updateSyncToken(db, link.id, String(voided.SyncToken));
  return { done: link.qbId };
}
