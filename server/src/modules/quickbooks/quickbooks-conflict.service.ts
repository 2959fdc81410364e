import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, notFound } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import type { ClientService } from '../clients/client.service.js';
import type { AccountingProvider, QbEntity } from './accounting-provider.js';
import { fromBillAddr } from './qbo-address.js';
import { conflictKind, differences, ownedCustomer, ownedFieldsOf, type OwnedFields } from './quickbooks-conflicts.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { IN_CURRENT_COMPANY, OpKind, enqueueNewVersion, findLinkByQb, updateSyncToken } from './quickbooks-ledger.js';
import type { QuickBooksOperationRunner } from './quickbooks-operations.service.js';
import { QuickBooksException, type QuickBooksConnection } from './quickbooks.entities.js';

/**
 * Raises a QuickBooks exception once: `detail.key` names what it is about, and an exception with the
 * same key (open or resolved) is not raised again, so a webhook and the CDC poll reporting one change
 * raise it once.
 */
export async function raiseQuickBooksException(
  tx: EntityManager,
  row: { orgId: string; kind: string; message: string; detail: Record<string, unknown> & { key: string } },
): Promise<boolean> {
  const [seen] = await tx.query(`SELECT 1 FROM qbo_exceptions WHERE org_id = $1 AND detail->>'key' = $2 LIMIT 1`, [
    row.orgId,
    row.detail.key,
  ]);
  if (seen) return false;
  await tx.insert(QuickBooksException, { ...row, operationId: null } as never);
  logger.warn({ orgId: row.orgId, kind: row.kind, key: row.detail.key }, 'quickbooks exception raised');
  return true;
}

const SETTLE_TYPE = { Customer: 'CLIENT', Invoice: 'INVOICE' } as const;
const UPDATE_OP = { Customer: OpKind.UPDATE_CUSTOMER, Invoice: OpKind.UPDATE_INVOICE } as const;

/**
 * Edits made in QuickBooks to a customer or invoice Settle owns: noticed (on an Update notification,
 * or by an outbound update about to overwrite them, see guardAgainstEdits) and raised as an exception
 * listing what differs; a person then keeps Settle's version (pushed over the edit) or, for a
 * customer's name and email, accepts QuickBooks'.
 */
export class QuickBooksConflicts {
  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
    private readonly clients: ClientService,
    private readonly runner: () => QuickBooksOperationRunner,
  ) {}

  /** An Update notification of a Customer or Invoice: raised when Settle's fields were edited in QuickBooks. */
  async noticeUpdate(conn: QuickBooksConnection, qb: AccountingProvider, qbType: string, qbId: string): Promise<void> {
    if (qbType !== 'Customer' && qbType !== 'Invoice') return;
    const link = await findLinkByQb(this.db.manager, conn.orgId, conn.realmId!, SETTLE_TYPE[qbType], qbId);
    if (!link?.pushed || (await this.settleWriting(conn.orgId, qbType, link.settleId))) return;
    const current = qbType === 'Customer' ? await qb.getCustomer(qbId) : await qb.getInvoice(qbId);
    if (String(current.SyncToken) === link.syncToken) return; // Settle's own write
    const diff = differences(link.pushed as OwnedFields, ownedFieldsOf(qbType, current));
    if (!diff.length) return; // a payment, an email, the balance: not what Settle owns
    await raiseQuickBooksException(this.db.manager, {
      orgId: conn.orgId,
      kind: conflictKind(qbType),
      message: `${qbType} ${qbId} was changed in QuickBooks (${diff.map((d) => d.field).join(', ')}); Settle's next update would overwrite it`,
      detail: {
        key: `edit:${qbType}:${qbId}:${String(current.SyncToken)}`,
        kind: 'CONFLICT',
        qbType,
        qbId,
        entityId: link.settleId,
        differences: diff,
      },
    });
  }

  /**
   * An invoice Settle still collects was voided or deleted in QuickBooks: raised, since Settle goes on
   * collecting it (reminders, pay links) and its payments would no longer reach the books. Not Settle's own
   * void (pending, or the invoice is void in Settle).
   */
  async noticeRemoved(conn: QuickBooksConnection, qbId: string, operation: 'Void' | 'Delete'): Promise<void> {
    const link = await findLinkByQb(this.db.manager, conn.orgId, conn.realmId!, 'INVOICE', qbId);
    if (!link || (await this.settleWriting(conn.orgId, 'Invoice', link.settleId))) return;
    const [invoice] = (await this.db.query(`SELECT number FROM invoices WHERE org_id = $1 AND id::text = $2`, [
      conn.orgId,
      link.settleId,
    ])) as Array<{ number: string }>;
    const what = operation === 'Void' ? 'voided' : 'deleted';
    await raiseQuickBooksException(this.db.manager, {
      orgId: conn.orgId,
      kind: conflictKind('Invoice'),
      message: `Invoice ${invoice?.number ?? link.settleId} was ${what} in QuickBooks but is open in Settle, which goes on collecting it (reminders, pay links) and cannot book its payments there: void it in Settle if nothing is owed, or make it again in QuickBooks.`,
      detail: { key: `${what}:Invoice:${qbId}`, qbType: 'Invoice', qbId, entityId: link.settleId },
    });
  }

  /**
   * Settle is writing the entity (an update, void or push still PENDING: its notification may arrive
   * before the ledger has the new SyncToken; that update checks for edits itself), or the invoice is
   * void (QuickBooks zeroed its lines; nothing of it is pushed again).
   */
  private async settleWriting(orgId: string, qbType: 'Customer' | 'Invoice', settleId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM qbo_operations WHERE org_id = $1 AND entity_id = $2 AND status = 'PENDING' AND kind = ANY($3)
       UNION ALL SELECT 1 FROM invoices WHERE $4 AND org_id = $1 AND id::text = $2 AND status = 'VOID' LIMIT 1`,
      [orgId, settleId, [UPDATE_OP[qbType], OpKind.VOID_INVOICE, OpKind.PUSH_INVOICE], qbType === 'Invoice'],
    );
    return Boolean(row);
  }

  /** "Keep Settle's version": Settle's fields are pushed over the edit made in QuickBooks. */
  async keepSettle(orgId: string, exceptionId: string, who: string): Promise<QuickBooksException> {
    const ex = await this.conflict(orgId, exceptionId);
    if (ex.operationId) return this.runner().retryException(orgId, ex.id, who);
    const qbType = ex.detail.qbType as keyof typeof UPDATE_OP | 'Payment';
    const entityId = String(ex.detail.entityId);
    return this.db.transaction(async (tx) => {
      if (qbType === 'Payment') {
        // Deleted in QuickBooks: the payment is booked there again, as a new QuickBooks Payment.
        await tx.query(
          `DELETE FROM qbo_links l WHERE org_id = $1 AND settle_type = 'PAYMENT' AND settle_id = $2 AND ${IN_CURRENT_COMPANY('l')}`,
          [orgId, entityId],
        );
        await enqueueNewVersion(tx, orgId, OpKind.PUSH_PAYMENT, entityId, (version) => ({ generation: version }));
      } else {
        // Not under the entity's lock: the version taken meanwhile by an edit of it must not swallow this push.
        await enqueueNewVersion(tx, orgId, UPDATE_OP[qbType], entityId, { force: true });
      }
      await tx.update(
        QuickBooksException,
        { id: ex.id },
        { resolvedAt: new Date(), resolvedBy: `${who} (kept Settle)` },
      );
      return tx.findOneByOrFail(QuickBooksException, { id: ex.id });
    });
  }

  /**
   * "Accept QuickBooks' version" of a customer: the client takes the customer's name, email and address from
   * QuickBooks (an audited client edit), and QuickBooks' copy becomes what Settle last pushed.
   */
  async acceptQuickBooks(orgId: string, exceptionId: string, actor: Actor): Promise<QuickBooksException> {
    const ex = await this.conflict(orgId, exceptionId);
    if (ex.detail.qbType !== 'Customer')
      throw badInput(
        'id',
        "Only a customer's name, email and address can be taken from QuickBooks; keep Settle's version",
      );
    const conn = await this.connections.connected(orgId);
    if (!conn) throw badInput('quickbooks', 'Connect QuickBooks first');
    const link = await findLinkByQb(this.db.manager, orgId, conn.realmId!, 'CLIENT', String(ex.detail.qbId));
    if (!link) throw notFound('QuickBooks customer');
    const customer: QbEntity = await this.connections.provider(conn).getCustomer(link.qbId);
    const owned = ownedCustomer(customer);
    const billingEmail = owned['PrimaryEmailAddr.Address']!;
    if (!owned.DisplayName || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(billingEmail))
      throw badInput('id', "The QuickBooks customer has no name or no valid email to take; keep Settle's version");
    await updateSyncToken(this.db.manager, link.id, String(customer.SyncToken), owned);
    await this.clients.update(orgId, actor, link.settleId, {
      name: owned.DisplayName,
      billingEmail,
      billingAddress: fromBillAddr(customer.BillAddr),
    });
    await this.db
      .getRepository(QuickBooksException)
      .update({ id: ex.id }, { resolvedAt: new Date(), resolvedBy: `${actor.label} (accepted QuickBooks)` });
    return this.db.getRepository(QuickBooksException).findOneByOrFail({ id: ex.id });
  }

  private async conflict(orgId: string, id: string): Promise<QuickBooksException> {
    const ex = await this.db.getRepository(QuickBooksException).findOneBy({ orgId, id });
    if (!ex) throw notFound('QuickBooks exception');
    if (ex.detail.kind !== 'CONFLICT') throw badInput('id', 'This exception is not an edit made in QuickBooks');
    if (ex.resolvedAt) throw badInput('id', 'This exception is resolved already');
    return ex;
  }
}
