import type { DataSource, EntityManager } from 'typeorm';
import { spentGrants, type LedgerRow } from '../client-credits/client-credit-math.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import type { QbEntity } from './accounting-provider.js';
import { toQbAmount } from './qbo-amounts.js';
import {
  applyOverpayments,
  overpaymentOf,
  overpaymentsNotReady,
  type OverpaymentPart,
} from './quickbooks-overpayment-application.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import {
  OpKind,
  findLink,
  generation,
  hasDone,
  hasPending,
  recordLink,
  requestIdFor,
  updateSyncToken,
} from './quickbooks-ledger.js';
import { SETTLE_PAYMENT_MARK, type Ctx, type Outcome } from './quickbooks-outbound.js';
import { orgToday } from '../organizations/org-today.js';

export interface CreditApplicationDeps {
  db: DataSource;
  books: QuickBooksCurrencyTax;
}

/**
 * Client credit spent on an invoice, as QuickBooks books it: a Payment of TotalAmt 0 whose lines apply
 * the customer's credit memos (the ones the credit came from, first in first out) to the invoice. No
 * money moves; the invoice's balance and the credit memos' remaining credit drop together. The op's
 * entity is the Settle credit memo "Client credit applied". Credit kept from an overpayment sits in
 * QuickBooks as the unapplied part of the overpaying Payment: that part is applied to the invoice by
 * adding a line to that Payment (quickbooks-overpayment-application.ts). An application spending both
 * kinds does both; a retry redoes only what is not there yet.
 */
export async function pushCreditApplication(ctx: Ctx, deps: CreditApplicationDeps): Promise<Outcome> {
  const { op, conn } = ctx;
  const db = deps.db.manager;
  const memo = await db.findOneByOrFail(CreditMemo, { orgId: conn.orgId, id: op.entityId });
  const invoice = await db.findOneByOrFail(Invoice, { orgId: conn.orgId, id: memo.invoiceId });
  const invoiceLink = await findLink(db, conn.orgId, 'INVOICE', invoice.id);
  if (!invoiceLink)
    return (await hasPending(db, conn.orgId, OpKind.PUSH_INVOICE, invoice.id))
      ? { defer: 'invoice not in QuickBooks yet' }
      : { skip: 'invoice was never sent to QuickBooks' };
  const rows = (await db.query(
    `SELECT id, amount::bigint AS amount, source, credit_memo_id, payment_exception_id, reverses_id, invoice_id FROM client_credits
      WHERE org_id = $1 AND client_id = $2 AND currency = $3 ORDER BY created_at, id`,
    [conn.orgId, memo.clientId, memo.currency],
  )) as Array<{
    id: string;
    amount: string;
    source: string;
    credit_memo_id: string | null;
    payment_exception_id: string | null;
    reverses_id: string | null;
    invoice_id: string | null;
  }>;
  const ledger: LedgerRow[] = rows.map((r) => ({
    id: r.id,
    amount: Number(r.amount),
    source: r.source,
    creditMemoId: r.credit_memo_id,
    paymentExceptionId: r.payment_exception_id,
    reversesId: r.reverses_id,
    invoiceId: r.invoice_id,
  }));
  const application = ledger.find((r) => r.creditMemoId === memo.id && r.amount < 0);
  if (!application) return { skip: 'not a client credit application' };
  // Voided (and the credit given back) before it reached QuickBooks: there is nothing to book.
  if (ledger.some((r) => r.reversesId === application.id))
    return { skip: `invoice ${invoice.number} was voided and the credit given back` };
  const spent = spentGrants(ledger, application.id);
  const creditLines = [];
  const overpaid: OverpaymentPart[] = [];
  let fromMemos = 0;
  for (const { grant, amount } of spent) {
    if (grant.paymentExceptionId) {
      overpaid.push({ exceptionId: grant.paymentExceptionId, amount });
      continue;
    }
    // Credit for an ended contract's unused time beyond its next invoice has no document in QuickBooks
    // yet (the invoice there carries the part it could hold as a negative line).
    if (!grant.creditMemoId)
      return {
        skip: `the credit it spends (${grant.source.toLowerCase().replace('_', ' ')}) has no credit memo in QuickBooks; ${invoice.number} is paid by it in Settle only`,
      };
    const link = await findLink(db, conn.orgId, 'CREDIT_MEMO', grant.creditMemoId);
    if (!link)
      return (await hasPending(db, conn.orgId, OpKind.PUSH_CREDIT_MEMO, grant.creditMemoId))
        ? { defer: 'the credit memo it spends is not in QuickBooks yet' }
        : { skip: 'the credit memo it spends was never sent to QuickBooks (its invoice is not there)' };
    fromMemos += amount;
    creditLines.push({
      Amount: toQbAmount(amount, memo.currency),
      LinkedTxn: [{ TxnId: link.qbId, TxnType: 'CreditMemo' }],
    });
  }
  // Every source is in QuickBooks before anything is written, so a half-booked application never waits.
  const notReady = await overpaymentsNotReady(db, conn.orgId, overpaid);
  if (notReady) return notReady;
  let done = (await findLink(db, conn.orgId, 'CREDIT_APPLICATION', memo.id))?.qbId ?? null;
  if (creditLines.length && !done)
    done = await payWithCreditMemos(ctx, deps, memo, invoice, invoiceLink.qbId, fromMemos, creditLines);
  const refused = await applyOverpayments(
    ctx,
    db,
    { memoId: memo.id, invoiceId: invoice.id, invoiceQbId: invoiceLink.qbId, currency: memo.currency },
    overpaid,
    ledger,
  );
  if (refused) return { skip: refused };
  return { done: done ?? (await overpaymentOf(db, conn.orgId, overpaid[0]!.exceptionId)).qbPaymentId };
}

/** The credit memo part: a Payment of 0 applying them to the invoice; its id. */
async function payWithCreditMemos(
  ctx: Ctx,
  deps: CreditApplicationDeps,
  memo: CreditMemo,
  invoice: Invoice,
  invoiceQbId: string,
  amount: number,
  creditLines: QbEntity[],
): Promise<string> {
  const { op, conn, qb } = ctx;
  // The day the credit was applied on the org's wall, as payments are dated (not the UTC date).
  const date = await orgToday(deps.db.manager, conn.orgId, memo.createdAt);
  const currency = await deps.books.currencyFields(ctx, memo.currency, `Credit applied to invoice ${invoice.number}`, {
    invoiceQbId,
    date,
  });
  const customerId = await deps.books.customerFor(ctx, memo.clientId, memo.currency);
  const created = await qb.createPayment(
    {
      ...currency,
      CustomerRef: { value: customerId },
      TotalAmt: 0,
      TxnDate: date,
      PrivateNote: `${SETTLE_PAYMENT_MARK}(client credit applied) ${memo.id} on ${invoice.number}`,
      Line: [
        { Amount: toQbAmount(amount, memo.currency), LinkedTxn: [{ TxnId: invoiceQbId, TxnType: 'Invoice' }] },
        ...creditLines,
      ],
    },
    requestIdFor(op.kind, conn.realmId!, memo.id, ...generation(op)),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'CREDIT_APPLICATION', memo.id, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return String(created.Id);
}

/**
 * The invoice was voided after its credit application reached QuickBooks: Settle gave the credit back,
 * so the Payment of 0 is voided too (QuickBooks then frees the credit memos it applied). Queued before
 * the invoice's own void. An application that never got there has nothing to undo.
 */
export async function voidCreditApplication(ctx: Ctx, deps: Pick<CreditApplicationDeps, 'db'>): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const db = deps.db.manager;
  if (await hasDone(db, conn.orgId, OpKind.VOID_CREDIT_APPLICATION, op.entityId)) return { done: null };
  const link = await findLink(db, conn.orgId, 'CREDIT_APPLICATION', op.entityId);
  if (!link)
    return (await hasPending(db, conn.orgId, OpKind.APPLY_CLIENT_CREDIT, op.entityId))
      ? { defer: 'the credit application is not in QuickBooks yet' }
      : (await hasDone(db, conn.orgId, OpKind.APPLY_CLIENT_CREDIT, op.entityId))
        ? // Only overpaid money was applied (a line of the overpaying Payment): voiding the invoice unapplies it.
          { skip: "the credit was applied from a payment's unapplied amount; the invoice's void unapplies it" }
        : { skip: 'the credit application never reached QuickBooks' };
  const current = await qb.getPayment(link.qbId);
  const voided = await qb.voidPayment(
    { Id: link.qbId, SyncToken: String(current.SyncToken) },
    requestIdFor(op.kind, conn.realmId!, op.entityId, String(current.SyncToken)),
  );
  await updateSyncToken(db, link.id, String(voided.SyncToken));
  return { done: link.qbId };
}

/** A void of a credit application of this invoice still waiting: the invoice's own void waits for it. */
export async function creditReleasePending(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
  const [row] = (await tx.query(
    `SELECT 1 FROM qbo_operations o JOIN credit_memos m ON m.org_id = o.org_id AND m.id::text = o.entity_id
      WHERE o.org_id = $1 AND o.kind = 'VOID_CREDIT_APPLICATION' AND o.status = 'PENDING' AND m.invoice_id = $2 LIMIT 1`,
    [orgId, invoiceId],
  )) as unknown[];
  return Boolean(row);
}
