import type { EntityManager } from 'typeorm';
import { formatMoney } from '../../platform/money.js';
import { spentGrants, type LedgerRow } from '../client-credits/client-credit-math.js';
import { QuickBooksApiError, type QbEntity } from './accounting-provider.js';
import { fromQbAmount, toQbAmount } from './qbo-amounts.js';
import { OpKind, findLink, hasPending, requestIdFor, updateSyncToken } from './quickbooks-ledger.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

const MAX_STALE_RETRIES = 3;

/**
 * The part of a Settle payment that is not applied to its invoice in QuickBooks: the excess of its
 * payment exception (past the balance, or all of it on a void invoice). QuickBooks keeps it as the
 * Payment's unapplied amount.
 */
export async function excessOf(db: EntityManager, orgId: string, paymentId: string): Promise<number> {
  const [row] = (await db.query(
    `SELECT coalesce(sum(amount), 0)::bigint AS excess FROM payment_exceptions WHERE org_id = $1 AND payment_id = $2`,
    [orgId, paymentId],
  )) as Array<{ excess: string }>;
  return Number(row?.excess ?? 0);
}

/** The overpaying Settle payment behind a payment exception, and its QuickBooks Payment (once pushed). */
export async function overpaymentOf(
  db: EntityManager,
  orgId: string,
  exceptionId: string,
): Promise<{ paymentId: string; qbPaymentId: string | null }> {
  const [row] = (await db.query(`SELECT payment_id FROM payment_exceptions WHERE org_id = $1 AND id = $2`, [
    orgId,
    exceptionId,
  ])) as Array<{ payment_id: string }>;
  const link = await findLink(db, orgId, 'PAYMENT', row!.payment_id);
  return { paymentId: row!.payment_id, qbPaymentId: link?.qbId ?? null };
}

export interface OverpaymentPart {
  /** The payment exception whose excess was kept as client credit (the grant). */
  exceptionId: string;
  /** Minor units of that credit this application spends. */
  amount: number;
}

/**
 * Before any QuickBooks write: each overpaying payment is in QuickBooks (else defer while its push
 * waits, or skip saying why). Null when all are there.
 */
export async function overpaymentsNotReady(
  db: EntityManager,
  orgId: string,
  parts: readonly OverpaymentPart[],
): Promise<Outcome | null> {
  for (const part of parts) {
    const { paymentId, qbPaymentId } = await overpaymentOf(db, orgId, part.exceptionId);
    if (qbPaymentId) continue;
    return (await hasPending(db, orgId, OpKind.PUSH_PAYMENT, paymentId))
      ? { defer: 'the overpaying payment is not in QuickBooks yet' }
      : { skip: 'the overpaying payment was never sent to QuickBooks, so its unapplied amount is not there' };
  }
  return null;
}

/**
 * Client credit kept from an overpayment, spent on an invoice, as QuickBooks users book it: the
 * overpaying Payment's unapplied amount is applied to the invoice (a sparse update adding a Line that
 * links it). The push is a retried job, and a retry after the write went through but before Settle
 * recorded it would read a new SyncToken (so a new requestid): what is already applied from the Payment
 * to the invoice is checked first. Settle expects the amounts of the other applications of this
 * invoice it already booked there (their operation DONE) plus this one; when QuickBooks has that much,
 * this line is there.
 */
export async function applyOverpayments(
  ctx: Ctx,
  db: EntityManager,
  application: { memoId: string; invoiceId: string; invoiceQbId: string; currency: string },
  parts: readonly OverpaymentPart[],
  ledger: readonly LedgerRow[],
): Promise<string | null> {
  const { conn, qb, op } = ctx;
  for (const part of parts) {
    const { paymentId, qbPaymentId } = await overpaymentOf(db, conn.orgId, part.exceptionId);
    const booked = await bookedBefore(db, conn.orgId, application, ledger, part.exceptionId);
    for (let i = 0; ; i++) {
      const current = await qb.getPayment(qbPaymentId!);
      const lines = (current.Line ?? []) as QbEntity[];
      if (appliedTo(lines, application.invoiceQbId, application.currency) >= booked + part.amount) break;
      // A line still linking an invoice voided since (its credit given back) would be refused: the void
      // unapplied that money, so the line goes and the Payment keeps only what stands.
      const standing = await withoutVoided(db, conn.orgId, conn.realmId!, lines);
      // QuickBooks applied that money already (a payment recorded from QuickBooks, where Settle's balance
      // differed): there is nothing unapplied to take it from, and a person must look.
      const unapplied =
        fromQbAmount(Number(current.TotalAmt ?? 0), application.currency) -
        appliedTo(standing, null, application.currency);
      if (unapplied < part.amount)
        return `QuickBooks payment ${qbPaymentId} has ${formatMoney(Math.max(unapplied, 0), application.currency)} unapplied, less than the ${formatMoney(part.amount, application.currency)} of credit it gives to this invoice in Settle; apply it there by hand`;
      const token = String(current.SyncToken);
      try {
        const saved = await qb.applyPaymentToInvoice(
          { Id: qbPaymentId!, SyncToken: token, Line: standing },
          { Amount: toQbAmount(part.amount, application.currency), invoiceId: application.invoiceQbId },
          requestIdFor(op.kind, conn.realmId!, application.memoId, part.exceptionId, token),
        );
        // The overpaying payment's link follows the Payment's SyncToken, so its webhook reads as nothing new.
        const link = await findLink(db, conn.orgId, 'PAYMENT', paymentId);
        if (link) await updateSyncToken(db, link.id, String(saved.SyncToken));
        break;
      } catch (e) {
        // Someone edited the Payment since it was read: read it again (and check again) and retry.
        if (!(e instanceof QuickBooksApiError && e.kind === 'STALE') || i >= MAX_STALE_RETRIES) throw e;
      }
    }
  }
  return null;
}

/** The lines that do not link an invoice Settle has voided. */
async function withoutVoided(
  db: EntityManager,
  orgId: string,
  realmId: string,
  lines: readonly QbEntity[],
): Promise<QbEntity[]> {
  const invoiceIds = lines.flatMap((l) =>
    ((l.LinkedTxn ?? []) as QbEntity[]).filter((t) => t.TxnType === 'Invoice').map((t) => String(t.TxnId)),
  );
  if (!invoiceIds.length) return [...lines];
  const voided = new Set(
    (
      (await db.query(
        `SELECT l.qb_id FROM qbo_links l JOIN invoices i ON i.org_id = l.org_id AND i.id::text = l.settle_id
          WHERE l.org_id = $1 AND l.realm_id = $2 AND l.settle_type = 'INVOICE' AND l.qb_id = ANY($3::text[])
            AND i.status = 'VOID'`,
        [orgId, realmId, invoiceIds],
      )) as Array<{ qb_id: string }>
    ).map((r) => r.qb_id),
  );
  return lines.filter(
    (l) => !((l.LinkedTxn ?? []) as QbEntity[]).some((t) => t.TxnType === 'Invoice' && voided.has(String(t.TxnId))),
  );
}

/** Minor units a Payment's lines apply to one invoice (null: to any invoice). */
function appliedTo(lines: readonly QbEntity[], invoiceQbId: string | null, currency: string): number {
  const sum = lines
    .filter((l) =>
      ((l.LinkedTxn ?? []) as QbEntity[]).some(
        (t) => t.TxnType === 'Invoice' && (invoiceQbId === null || String(t.TxnId) === invoiceQbId),
      ),
    )
    .reduce((s, l) => s + Number(l.Amount ?? 0), 0);
  return fromQbAmount(sum, currency);
}

/**
 * What other applications of client credit to this invoice took from the same overpayment and already
 * reached QuickBooks (their APPLY_CLIENT_CREDIT operation is DONE), per the ledger's allocation.
 */
async function bookedBefore(
  db: EntityManager,
  orgId: string,
  application: { memoId: string; invoiceId: string },
  ledger: readonly LedgerRow[],
  exceptionId: string,
): Promise<number> {
  const rows = (await db.query(
    `SELECT c.id FROM client_credits c
      WHERE c.org_id = $1 AND c.invoice_id = $2 AND c.source = 'APPLIED' AND c.credit_memo_id <> $3
        AND EXISTS (SELECT 1 FROM qbo_operations o WHERE o.org_id = c.org_id AND o.kind = 'APPLY_CLIENT_CREDIT'
                     AND o.entity_id = c.credit_memo_id::text AND o.status = 'DONE')`,
    [orgId, application.invoiceId, application.memoId],
  )) as Array<{ id: string }>;
  let sum = 0;
  for (const r of rows) {
    // Given back (the invoice voided): QuickBooks no longer counts it either (a void frees the Payment).
    if (ledger.some((l) => l.reversesId === r.id)) continue;
    for (const { grant, amount } of spentGrants(ledger, r.id))
      if (grant.paymentExceptionId === exceptionId) sum += amount;
  }
  return sum;
}
