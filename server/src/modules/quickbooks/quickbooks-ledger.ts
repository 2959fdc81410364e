import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { enqueue, type JobName } from '../../platform/jobs/job-queue.js';
import { QuickBooksLink, type QuickBooksOperation } from './quickbooks.entities.js';

export const OPERATION_TASK = 'quickbooks.operation' satisfies JobName;

import { OpKind } from './quickbooks-operation-kinds.js';
export { OpKind };

/** Settle-side kinds in the ledger, each paired with one QuickBooks entity type. */
export const LinkType = {
  CLIENT: ['CLIENT', 'Customer'],
  /** A client's customer in a currency other than the company's home currency (settle id "client:EUR"). */
  CLIENT_CURRENCY: ['CLIENT_CURRENCY', 'Customer'],
  INVOICE: ['INVOICE', 'Invoice'],
  PAYMENT: ['PAYMENT', 'Payment'],
  CREDIT_MEMO: ['CREDIT_MEMO', 'CreditMemo'],
  REFUND: ['REFUND', 'RefundReceipt'],
  /** Client credit spent on an invoice (settle id: the credit memo "Client credit applied"): a Payment of 0. */
  CREDIT_APPLICATION: ['CREDIT_APPLICATION', 'Payment'],
  STRIPE_FEE: ['STRIPE_FEE', 'Purchase'],
  PAYOUT: ['PAYOUT', 'Deposit'],
  DISPUTE_FEE: ['DISPUTE_FEE', 'Purchase'],
  DISPUTE_FEE_RETURN: ['DISPUTE_FEE_RETURN', 'Deposit'],
} as const;
export type LinkKind = keyof typeof LinkType;

/**
 * The QuickBooks `requestid` for a write: a hash of the operation's identity (and the SyncToken it was
 * based on), so a retry of the same write replays QuickBooks' first answer instead of writing twice.
 */
export function requestIdFor(...parts: Array<string | number>): string {
  return `s${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)}`;
}

/**
 * QuickBooks replays a requestid's first answer, errors included. After a person fixes a rejected write
 * (a 400: nothing was created) and retries it, the write needs a new generation of ids; transient
 * failures keep theirs, since their first attempt may have gone through.
 */
export function generation(op: QuickBooksOperation): number[] {
  const g = Number(op.payload.generation ?? 0);
  return g > 0 ? [g] : [];
}

/**
 * Queues one operation inside the caller's transaction; the same (kind, entity, version) is queued once.
 * `reopenSkipped` queues again one that was skipped (it wrote nothing), e.g. a payment skipped while its
 * invoice was not in QuickBooks.
 */
export async function enqueueOperation(
  tx: EntityManager,
  orgId: string,
  kind: OpKind,
  entityId: string,
  opts: { version?: number; payload?: Record<string, unknown>; reopenSkipped?: boolean } = {},
): Promise<string | null> {
  const onConflict = opts.reopenSkipped
    ? `DO UPDATE SET status = 'PENDING', attempts = 0, next_attempt_at = NULL, last_error = NULL, completed_at = NULL,
       payload = qbo_operations.payload - 'deferrals' WHERE qbo_operations.status = 'SKIPPED'`
    : 'DO NOTHING';
  const rows = (await tx.query(
    `INSERT INTO qbo_operations (org_id, kind, entity_id, version, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (org_id, kind, entity_id, version) ${onConflict} RETURNING id`,
    [orgId, kind, entityId, opts.version ?? 1, JSON.stringify(opts.payload ?? {})],
  )) as Array<{ id: string }>;
  const id = rows[0]?.id;
  if (id) await scheduleOperation(tx, orgId, id);
  return id ?? null;
}

/** One job per attempt, in a queue per org: operations for one company run in order, one at a time. */
export async function scheduleOperation(
  tx: EntityManager,
  orgId: string,
  operationId: string,
  runAt?: Date,
): Promise<void> {
  await enqueue(tx, OPERATION_TASK, { operationId }, { queueName: `quickbooks:${orgId}`, runAt, maxAttempts: 3 });
}

/** The next version number for an entity's repeated operation kind (updates, emails). */
async function nextVersion(tx: EntityManager, orgId: string, kind: OpKind, entityId: string): Promise<number> {
  const [row] = await tx.query(
    `SELECT coalesce(max(version), 0) + 1 AS v FROM qbo_operations WHERE org_id = $1 AND kind = $2 AND entity_id = $3`,
    [orgId, kind, entityId],
  );
  return Number(row.v);
}

/**
 * Queues a new version of an entity's repeated operation (an update, an email), always. Two transactions
 * may read the same next version (one not holding the entity's lock: "keep Settle's version"); the second
 * then waits on the first's row and inserts nothing, and its operation (a forced push) was lost. It takes
 * the version after that one instead.
 */
export async function enqueueNewVersion(
  tx: EntityManager,
  orgId: string,
  kind: OpKind,
  entityId: string,
  payload?: Record<string, unknown> | ((version: number) => Record<string, unknown>),
): Promise<string> {
  for (let tries = 0; tries < 5; tries++) {
    const version = await nextVersion(tx, orgId, kind, entityId);
    const id = await enqueueOperation(tx, orgId, kind, entityId, {
      version,
      payload: typeof payload === 'function' ? payload(version) : payload,
    });
    if (id) return id;
  }
  throw new Error(`could not queue a new ${kind} of ${entityId}: its versions keep being taken`);
}

async function hasStatus(
  tx: EntityManager,
  orgId: string,
  kind: OpKind,
  entityId: string,
  status: 'PENDING' | 'DONE',
): Promise<boolean> {
  const [row] = await tx.query(
    `SELECT 1 FROM qbo_operations WHERE org_id = $1 AND kind = $2 AND entity_id = $3 AND status = $4 LIMIT 1`,
    [orgId, kind, entityId, status],
  );
  return Boolean(row);
}

export const hasPending = (tx: EntityManager, orgId: string, kind: OpKind, entityId: string) =>
  hasStatus(tx, orgId, kind, entityId, 'PENDING');

/** An operation of this kind (any version) already went through for the entity. */
export const hasDone = (tx: EntityManager, orgId: string, kind: OpKind, entityId: string) =>
  hasStatus(tx, orgId, kind, entityId, 'DONE');

/**
 * SQL: the link `alias` is in the QuickBooks company its org is connected to (links are per company: an
 * org that connects another company never pushes the first one's ids into it).
 */
export const IN_CURRENT_COMPANY = (alias: string) =>
  `${alias}.realm_id = (SELECT c.realm_id FROM qbo_connections c WHERE c.org_id = ${alias}.org_id)`;

/** The Settle record's link in the org's QuickBooks company. */
export function findLink(
  tx: EntityManager,
  orgId: string,
  kind: LinkKind,
  settleId: string,
): Promise<QuickBooksLink | null> {
  return tx
    .getRepository(QuickBooksLink)
    .createQueryBuilder('l')
    .where('l.org_id = :orgId AND l.settle_type = :settleType AND l.settle_id = :settleId', {
      orgId,
      settleType: LinkType[kind][0],
      settleId,
    })
    .andWhere(IN_CURRENT_COMPANY('l'))
    .getOne();
}

/** A client's QuickBooks customers: the home-currency one and one per other currency it was billed in. */
export function clientCustomerLinks(tx: EntityManager, orgId: string, clientId: string): Promise<QuickBooksLink[]> {
  return tx
    .getRepository(QuickBooksLink)
    .createQueryBuilder('l')
    .where('l.org_id = :orgId', { orgId })
    .andWhere(IN_CURRENT_COMPANY('l'))
    .andWhere(
      `((l.settle_type = 'CLIENT' AND l.settle_id = :clientId) OR (l.settle_type = 'CLIENT_CURRENCY' AND l.settle_id LIKE :prefix))`,
      { clientId, prefix: `${clientId}:%` },
    )
    .orderBy('l.settle_type', 'ASC')
    .getMany();
}

export function findLinkByQb(
  tx: EntityManager,
  orgId: string,
  realmId: string,
  kind: LinkKind,
  qbId: string,
): Promise<QuickBooksLink | null> {
  return tx.findOneBy(QuickBooksLink, { orgId, realmId, qbType: LinkType[kind][1], qbId });
}

/** Records Settle id ↔ QuickBooks id; a repeat of the same pair is harmless, a conflicting pair fails. */
export async function recordLink(
  tx: EntityManager,
  orgId: string,
  realmId: string,
  kind: LinkKind,
  settleId: string,
  qbId: string,
  opts: { syncToken?: string | null; origin?: 'SETTLE' | 'QUICKBOOKS'; pushed?: Record<string, unknown> } = {},
): Promise<void> {
  const [settleType, qbType] = LinkType[kind];
  await tx.query(
    `INSERT INTO qbo_links (org_id, realm_id, settle_type, settle_id, qb_type, qb_id, sync_token, origin, pushed) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)
     ON CONFLICT (org_id, realm_id, settle_type, settle_id) DO UPDATE SET sync_token = EXCLUDED.sync_token,
       pushed = coalesce(EXCLUDED.pushed, qbo_links.pushed) WHERE qbo_links.qb_id = EXCLUDED.qb_id`,
    [
      orgId,
      realmId,
      settleType,
      settleId,
      qbType,
      qbId,
      opts.syncToken ?? null,
      opts.origin ?? 'SETTLE',
      opts.pushed ? JSON.stringify(opts.pushed) : null,
    ],
  );
}

/** After a write: QuickBooks' new SyncToken and, when given, what Settle's fields now are there. */
export async function updateSyncToken(
  tx: EntityManager,
  linkId: string,
  syncToken: string,
  pushed?: Record<string, unknown>,
): Promise<void> {
  await tx.query(`UPDATE qbo_links SET sync_token = $2, pushed = coalesce($3::jsonb, pushed) WHERE id = $1`, [
    linkId,
    syncToken,
    pushed ? JSON.stringify(pushed) : null,
  ]);
}
