import type { EntityManager } from 'typeorm';
import { QuickBooksApiError } from './accounting-provider.js';
import { findLink, hasPending, requestIdFor, type LinkKind, type OpKind } from './quickbooks-ledger.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

/** What `deleteLinked` deletes: the entity pushed for the operation's entity, and how QuickBooks reads and deletes it. */
export interface LinkedEntity {
  link: LinkKind;
  /** The operation that pushes it: while one is pending, the delete waits for it. */
  push: OpKind;
  /** Why it waits, and why there is nothing to delete (said in the operation's log). */
  pending: string;
  never: string;
  read(qbId: string): Promise<{ SyncToken?: unknown }>;
  remove(ref: { Id: string; SyncToken: string }, requestId: string): Promise<unknown>;
}

/**
 * Deletes the QuickBooks entity Settle pushed for the operation's entity: waits for its push still under
 * way, skips one that never reached QuickBooks, and counts one already gone (610: deleted by this
 * operation's earlier attempt, or by a person) as done. The delete carries the SyncToken it read, and a
 * request id made of it, so a retry of the same delete is one delete at QuickBooks.
 */
export async function deleteLinked(ctx: Ctx, db: EntityManager, what: LinkedEntity): Promise<Outcome> {
  const { op, conn } = ctx;
  const link = await findLink(db, conn.orgId, what.link, op.entityId);
  if (!link)
    return (await hasPending(db, conn.orgId, what.push, op.entityId)) ? { defer: what.pending } : { skip: what.never };
  let syncToken: string;
  try {
    syncToken = String((await what.read(link.qbId)).SyncToken);
  } catch (err) {
    if (err instanceof QuickBooksApiError && err.code === '610') return { done: link.qbId };
    throw err;
  }
  await what.remove(
    { Id: link.qbId, SyncToken: syncToken },
    requestIdFor(op.kind, conn.realmId!, op.entityId, syncToken),
  );
  return { done: link.qbId };
}
