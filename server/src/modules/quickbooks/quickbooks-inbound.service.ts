import type { DataSource, EntityManager } from 'typeorm';
import { providerActor, type Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { enqueue, type JobName } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { formatMoney } from '../../platform/money.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { SettlementService } from '../payments/settlement.service.js';
import { QuickBooksApiError, type AccountingProvider, type QbEntity } from './accounting-provider.js';
import { fromQbAmount } from './qbo-amounts.js';
import { invoiceApplications } from './qbo-payment-lines.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { OpKind, findLinkByQb, recordLink } from './quickbooks-ledger.js';
import { SETTLE_PAYMENT_MARK } from './quickbooks-outbound.js';
import { QuickBooksConnection, QuickBooksWebhookEvent } from './quickbooks.entities.js';
import { parseNotifications } from './webhook-notifications.js';
import { raiseQuickBooksException, type QuickBooksConflicts } from './quickbooks-conflict.service.js';
import { voidedInQuickBooks, type QuickBooksPaymentPullback } from './quickbooks-payment-pullback.js';

/** What the inbound side needs of client credit: spending it on an invoice inside the caller's transaction. */
export interface CreditSpender {
  applyIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    invoiceId: string,
    amount: number,
  ): Promise<{ creditMemo: { id: string } }>;
}

export const WEBHOOK_TASK = 'quickbooks.webhook' satisfies JobName;
export const CDC_TASK = 'quickbooks.cdc-poll' satisfies JobName;

/** QuickBooks' CDC answers changes of the last 30 days; an hour less leaves room for clock skew. */
const CDC_LOOKBACK_MS = 30 * 24 * 3600_000 - 3600_000;

/** The most objects one CDC answer holds (Intuit's limit), and the answers one poll reads. */
const CDC_MAX_OBJECTS = 1000;
const CDC_MAX_READS = 20;
const changedAt = (e: QbEntity): number => Date.parse(String(e.MetaData?.LastUpdatedTime ?? ''));

const CARD_METHODS = ['visa', 'mastercard', 'american express', 'discover', 'credit card', 'card'];

/** QuickBooks → Settle: payments taken in QuickBooks (Pay Now, or entered there) settle Settle invoices. */
export class QuickBooksInbound {
  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
    private readonly settlement: SettlementService,
    private readonly pullback: QuickBooksPaymentPullback,
    private readonly conflicts: QuickBooksConflicts,
    /** Client credit (the client-credits module), for credit memos a QuickBooks Payment spends. */
    private readonly credits: () => CreditSpender,
  ) {}

  /** Stores a verified notification and queues its processing; the HTTP answer does not wait for it. */
  async storeWebhook(raw: Buffer): Promise<string> {
    let parsed: ReturnType<typeof parseNotifications> = null;
    try {
      parsed = parseNotifications(JSON.parse(raw.toString('utf8')));
    } catch {
      parsed = null;
    }
    return this.db.transaction(async (tx) => {
      const event = await tx.save(QuickBooksWebhookEvent, {
        realmIds: [...new Set((parsed?.changes ?? []).map((c) => c.realmId))],
        format: parsed?.format ?? 'unknown',
        body: raw.toString('utf8'),
        entityCount: parsed?.changes.length ?? 0,
      } as QuickBooksWebhookEvent);
      await enqueue(tx, WEBHOOK_TASK, { eventId: event.id }, { maxAttempts: 10 });
      return event.id;
    });
  }

  async processWebhook(eventId: string): Promise<void> {
    const repo = this.db.getRepository(QuickBooksWebhookEvent);
    const event = await repo.findOneBy({ id: eventId });
    if (!event || event.processedAt) return;
    const parsed = parseNotifications(JSON.parse(event.body));
    try {
      for (const change of parsed?.changes ?? []) {
        const payment = change.name === 'Payment';
        const removed = change.name === 'Invoice' && (change.operation === 'Void' || change.operation === 'Delete');
        if (!payment && !removed && change.operation !== 'Update') continue;
        for (const conn of await this.connections.connectionsForRealm(change.realmId)) {
          const qb = this.connections.provider(conn);
          if (payment && change.operation === 'Delete') {
            await this.pullback.pull(conn, change.id, null);
            await this.creditFreed(conn, change.id);
          }
          // A voided Payment (a bounced check) is read like any change: it reads 0, marked Voided.
          else if (payment && ['Create', 'Update', 'Void'].includes(change.operation))
            await this.applyPayment(conn, qb, change.id);
          else if (removed) await this.conflicts.noticeRemoved(conn, change.id, change.operation as 'Void' | 'Delete');
          else if (!payment) await this.conflicts.noticeUpdate(conn, qb, change.name, change.id);
        }
      }
      await repo.update({ id: eventId }, { processedAt: new Date(), error: null });
    } catch (err) {
      await repo.update({ id: eventId }, { error: String((err as Error)?.message ?? err) });
      throw err;
    }
  }

  /**
   * Records one QuickBooks Payment against the Settle invoices it is linked to; a replay is a no-op
   * through the settlement's unique external id. One Settle already booked (its own, or recorded before)
   * that was deleted or changed in QuickBooks is pulled back (QuickBooksPaymentPullback), and a line the
   * bookkeeper applied since to another Settle invoice (money first left unapplied) is recorded there.
   * Settle's own Payments are never new money: those of its ledger (a payment it pushed, client credit
   * applied as a Payment of 0, whatever their memo says since) and those marked before their ledger row
   * lands.
   */
  async applyPayment(
    conn: QuickBooksConnection,
    qb: AccountingProvider,
    paymentOrId: string | QbEntity,
  ): Promise<number> {
    const id = typeof paymentOrId === 'string' ? paymentOrId : String(paymentOrId.Id);
    // A notification can arrive after the Payment was deleted: QuickBooks then answers 610 (not found).
    const payment = typeof paymentOrId === 'string' ? await readUnlessDeleted(qb, id) : paymentOrId;
    const deleted = !payment || payment.status === 'Deleted' || voidedInQuickBooks(payment);
    if (deleted) await this.creditFreed(conn, id);
    if (await this.pullback.isBooked(conn, id)) {
      const pulled = await this.pullback.pull(conn, id, deleted ? null : payment);
      return deleted ? pulled : pulled + (await this.recordLines(conn, payment, true));
    }
    if (deleted || String(payment.PrivateNote ?? '').startsWith(SETTLE_PAYMENT_MARK)) return 0;
    if (await findLinkByQb(this.db.manager, conn.orgId, conn.realmId!, 'PAYMENT', id)) return 0;
    return this.recordLines(conn, payment, false);
  }

  /**
   * Records each line of a QuickBooks Payment applied to a Settle invoice that nothing of this Payment
   * was booked on yet. `known`: some of it was booked before (one line is then keyed per invoice, so a
   * line applied later never takes the id of the first). Lines of a Payment Settle pushed are not
   * recorded (its money past the balance may already be the client's credit in Settle): raised instead.
   */
  private async recordLines(conn: QuickBooksConnection, payment: QbEntity, known: boolean): Promise<number> {
    const id = String(payment.Id);
    const applied = invoiceApplications(payment);
    const booked = known
      ? await this.pullback.bookedInvoices(conn, id)
      : { invoiceIds: new Set<string>(), pushed: false };
    let recorded = 0;
    for (const a of applied) {
      if (!(a.money > 0) && !(a.credit > 0)) continue;
      const link = await findLinkByQb(this.db.manager, conn.orgId, conn.realmId!, 'INVOICE', a.invoiceQbId);
      if (!link || booked.invoiceIds.has(link.settleId)) continue; // not from Settle, or booked already
      if (booked.pushed) {
        await this.raise(conn, id, link.settleId, a.money, {
          key: `inbound:${id}:${link.settleId}:pushed`,
          message: `QuickBooks payment ${id}, which Settle pushed, is now also applied in QuickBooks to another Settle invoice; Settle did not record it there (the money may already be the client's credit in Settle): record it by hand if it is owed there.`,
        });
        continue;
      }
      const externalId = !known && applied.length === 1 ? id : `${id}:${a.invoiceQbId}`;
      try {
        await this.db.transaction(async (tx) => {
          const invoice = await lockInvoice(tx, conn.orgId, link.settleId);
          const r = !(a.money > 0)
            ? null
            : await this.settlement.settleIn(tx, conn.orgId, providerActor('quickbooks', id), {
                invoiceId: invoice.id,
                amount: fromQbAmount(a.money, invoice.currency),
                source: PaymentSource.QUICKBOOKS,
                method: methodOf(payment),
                externalId,
                allowOverpayment: true,
                reference: `QuickBooks payment ${id}`,
                receivedOn: typeof payment.TxnDate === 'string' ? payment.TxnDate : undefined,
              });
          if (r && !r.replayed && externalId === id)
            await recordLink(tx, conn.orgId, conn.realmId!, 'PAYMENT', r.payment.id, id, {
              syncToken: payment.SyncToken,
              origin: 'QUICKBOOKS',
            });
          if (r && !r.replayed) recorded++;
          if (a.credit > 0) await this.spendCredit(tx, conn, id, invoice, fromQbAmount(a.credit, invoice.currency));
          await settleOpenExceptions(tx, conn.orgId, id, invoice.id);
        });
        logger.info({ orgId: conn.orgId, qbPaymentId: id, invoiceId: link.settleId }, 'quickbooks payment recorded');
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // Retried when the invoice is sent (a draft in Settle), or by a person (retryQuickBooksException).
        await this.raise(conn, id, link.settleId, a.money + a.credit, {
          key: `inbound:${id}:${link.settleId}`,
          message: `QuickBooks payment ${id} could not be recorded: ${err.message}`,
        });
      }
    }
    return recorded;
  }

  /**
   * Credit memos a QuickBooks Payment spent on the invoice are the client's credit, not money: the client's
   * credit in Settle is applied to it, once per Payment and invoice. QuickBooks has that application
   * already (this Payment), so its push is done without a write. No credit in Settle to spend refuses the
   * whole Payment (raised, to retry once there is).
   */
  private async spendCredit(
    tx: EntityManager,
    conn: QuickBooksConnection,
    qbPaymentId: string,
    invoice: Invoice,
    amount: number,
  ): Promise<void> {
    const [spent] = (await tx.query(
      `SELECT 1 FROM qbo_operations o JOIN credit_memos m ON m.org_id = o.org_id AND m.id::text = o.entity_id
        WHERE o.org_id = $1 AND o.kind = $2 AND o.payload->>'spentBy' = $3 AND m.invoice_id = $4 LIMIT 1`,
      [conn.orgId, OpKind.APPLY_CLIENT_CREDIT, qbPaymentId, invoice.id],
    )) as unknown[];
    if (spent) return;
    const actor = providerActor('quickbooks', qbPaymentId);
    const applied = await this.credits().applyIn(tx, conn.orgId, actor, invoice.id, amount);
    await tx.query(
      `INSERT INTO qbo_operations (org_id, kind, entity_id, version, payload, status, qb_id, completed_at, last_error)
       VALUES ($1, $2, $3, 1, jsonb_build_object('spentBy', $4::text), 'DONE', $4, now(), $5)
       ON CONFLICT (org_id, kind, entity_id, version) DO UPDATE SET status = 'DONE', qb_id = $4, completed_at = now(),
         last_error = $5, payload = qbo_operations.payload || jsonb_build_object('spentBy', $4::text)`,
      [
        conn.orgId,
        OpKind.APPLY_CLIENT_CREDIT,
        applied.creditMemo.id,
        qbPaymentId,
        `applied in QuickBooks by payment ${qbPaymentId}`,
      ],
    );
  }

  /**
   * A QuickBooks Payment that spent client credit on a Settle invoice (spendCredit) was deleted or voided
   * there: QuickBooks has the credit memo open again, Settle still has the credit applied. Raised, once.
   */
  private async creditFreed(conn: QuickBooksConnection, qbPaymentId: string): Promise<void> {
    const spent = (await this.db.query(
      `SELECT m.id, m.invoice_id, m.amount, m.currency, i.number FROM qbo_operations o
         JOIN credit_memos m ON m.org_id = o.org_id AND m.id::text = o.entity_id
         JOIN invoices i ON i.id = m.invoice_id
        WHERE o.org_id = $1 AND o.kind = $2 AND o.payload->>'spentBy' = $3`,
      [conn.orgId, OpKind.APPLY_CLIENT_CREDIT, qbPaymentId],
    )) as Array<{ id: string; invoice_id: string; amount: string; currency: string; number: string }>;
    for (const m of spent)
      await raiseQuickBooksException(this.db.manager, {
        orgId: conn.orgId,
        kind: 'INBOUND_PAYMENT',
        message: `QuickBooks payment ${qbPaymentId}, which spent ${formatMoney(Number(m.amount), m.currency)} of the client's credit on invoice ${m.number}, was deleted or voided there: QuickBooks has that credit open again while Settle still has it applied to the invoice; make the two agree by hand.`,
        detail: { key: `inbound:${qbPaymentId}:credit-freed:${m.id}`, invoiceId: m.invoice_id, creditMemoId: m.id },
      });
  }

  private async raise(
    conn: QuickBooksConnection,
    qbPaymentId: string,
    invoiceId: string,
    amount: number,
    what: { key: string; message: string },
  ): Promise<void> {
    await raiseQuickBooksException(this.db.manager, {
      orgId: conn.orgId,
      kind: 'INBOUND_PAYMENT',
      message: what.message,
      detail: { key: what.key, qbPaymentId, invoiceId, amount },
    });
  }

  /** Reads one QuickBooks Payment again and records what of it Settle does not have yet (a retry, a draft now sent). */
  async reapply(orgId: string, qbPaymentId: string): Promise<number> {
    const conn = await this.connections.connected(orgId);
    if (!conn) return 0;
    return this.applyPayment(conn, this.connections.provider(conn), qbPaymentId);
  }

  /** Heals missed webhooks: every Payment changed since the last watermark goes through applyPayment. */
  async pollCdc(orgId: string): Promise<number> {
    const conn = await this.connections.connected(orgId);
    if (!conn) return 0;
    const qb = this.connections.provider(conn);
    let since = await this.cdcSince(conn);
    let recorded = 0;
    for (let read = 1; ; read++) {
      const { changed, time } = await qb.changesSince(['Payment'], since);
      const payments = changed.Payment ?? [];
      for (const p of payments) recorded += await this.applyChanged(conn, qb, p);
      // QuickBooks answers at most 1,000 changes: a full answer may have left newer ones out, so the next
      // read starts at the newest change it held (that second read again is harmless), not at its time.
      const full = payments.length >= CDC_MAX_OBJECTS;
      const newest = full ? Math.max(...payments.map(changedAt).filter(Number.isFinite)) : NaN;
      let next = new Date(time);
      if (full && newest > Date.parse(since)) next = new Date(newest);
      else if (full) next = await this.pastCrowdedSecond(conn, since);
      if (!Number.isNaN(next.getTime())) since = next.toISOString();
      await this.db.getRepository(QuickBooksConnection).update({ id: conn.id }, { cdcWatermark: since });
      if (!full || read >= CDC_MAX_READS) break;
    }
    if (recorded) logger.info({ orgId, recorded }, 'quickbooks CDC recorded payments a webhook missed');
    return recorded;
  }

  /**
   * A full answer whose changes all share the second it started at (a bulk import of more than 1,000 in one
   * second): reading from there again would bring the same 1,000 for ever, as QuickBooks' timestamps are
   * whole seconds. The next read starts a second later, and a person is told which second may hold
   * payments that were not read.
   */
  private async pastCrowdedSecond(conn: QuickBooksConnection, since: string): Promise<Date> {
    const second = Math.floor(Date.parse(since) / 1000) * 1000;
    await raiseQuickBooksException(this.db.manager, {
      orgId: conn.orgId,
      kind: 'INBOUND_PAYMENT',
      message: `More than ${CDC_MAX_OBJECTS} payments changed in QuickBooks within the second of ${new Date(second).toISOString()}; Settle read ${CDC_MAX_OBJECTS} of them, and payments of that second no notification brought may be missing: compare the two (reconciliation) and record any by hand.`,
      detail: { key: `cdc-crowded:${second}`, second: new Date(second).toISOString() },
    });
    return new Date(second + 1000);
  }

  private async applyChanged(conn: QuickBooksConnection, qb: AccountingProvider, p: QbEntity): Promise<number> {
    try {
      return await this.applyPayment(conn, qb, p);
    } catch (err) {
      // One Payment that fails must not hold back the others, nor the watermark, for ever: a person sees
      // it (and retries it), the poll goes on.
      logger.warn(
        { orgId: conn.orgId, qbPaymentId: p.Id, err: String(err) },
        'quickbooks payment failed in the CDC poll',
      );
      await raiseQuickBooksException(this.db.manager, {
        orgId: conn.orgId,
        kind: 'INBOUND_PAYMENT',
        message: `QuickBooks payment ${String(p.Id)} could not be read into Settle: ${(err as Error).message ?? String(err)}`,
        detail: { key: `inbound:${String(p.Id)}:failed`, qbPaymentId: String(p.Id) },
      });
      return 0;
    }
  }

  /**
   * Where the poll starts: the watermark, but QuickBooks refuses a changedSince more than 30 days back, and
   * a watermark that old (QuickBooks reconnected after weeks) would fail every poll for good. It starts 30
   * days back then, and a person is told that older changes no notification brought were not read.
   */
  private async cdcSince(conn: QuickBooksConnection): Promise<string> {
    const since = conn.cdcWatermark ?? new Date((conn.connectedAt ?? new Date()).getTime() - 60_000).toISOString();
    const floor = new Date(Date.now() - CDC_LOOKBACK_MS);
    if (!(Date.parse(since) < floor.getTime())) return since;
    await raiseQuickBooksException(this.db.manager, {
      orgId: conn.orgId,
      kind: 'INBOUND_PAYMENT',
      message: `Settle last read QuickBooks' changes at ${since}; QuickBooks keeps them 30 days, so payments made or changed there before ${floor.toISOString()} that no notification brought were not read: compare the two (reconciliation) and record any by hand.`,
      detail: { key: `cdc-gap:${since}`, since, readFrom: floor.toISOString() },
    });
    return floor.toISOString();
  }

  async pollAll(): Promise<void> {
    const conns = await this.db.getRepository(QuickBooksConnection).findBy({ status: 'CONNECTED' });
    for (const c of conns) {
      try {
        await this.pollCdc(c.orgId);
      } catch (err) {
        logger.warn({ orgId: c.orgId, err: String(err) }, 'quickbooks CDC poll failed');
      }
    }
  }
}

async function readUnlessDeleted(qb: AccountingProvider, id: string): Promise<QbEntity | null> {
  try {
    return await qb.getPayment(id);
  } catch (err) {
    if (err instanceof QuickBooksApiError && err.code === '610') return null;
    throw err;
  }
}

/** The open exceptions of a QuickBooks Payment that could not be recorded on this invoice: it is now. */
async function settleOpenExceptions(tx: EntityManager, orgId: string, qbPaymentId: string, invoiceId: string) {
  await tx.query(
    `UPDATE qbo_exceptions SET resolved_at = now(), resolved_by = 'Settle (recorded)'
      WHERE org_id = $1 AND kind = 'INBOUND_PAYMENT' AND resolved_at IS NULL
        AND detail->>'qbPaymentId' = $2 AND (detail->>'invoiceId' = $3 OR detail->>'invoiceId' IS NULL)`,
    [orgId, qbPaymentId, invoiceId],
  );
}

function methodOf(p: QbEntity): PaymentMethod {
  const name = String(p.PaymentMethodRef?.name ?? '').toLowerCase();
  if (CARD_METHODS.includes(name)) return PaymentMethod.CARD;
  if (name === 'ach' || name.includes('bank')) return PaymentMethod.ACH;
  if (name === 'check') return PaymentMethod.CHECK;
  if (name === 'cash') return PaymentMethod.CASH;
  return PaymentMethod.OTHER;
}
