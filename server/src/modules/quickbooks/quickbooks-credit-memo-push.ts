import type { DataSource } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import { fromQbAmount, salesLine, toQbAmount } from './qbo-amounts.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import { OpKind, findLink, generation, hasPending, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import { orgToday } from '../organizations/org-today.js';
import { SETTLE_PAYMENT_MARK, type Ctx, type Outcome } from './quickbooks-outbound.js';

export interface CreditMemoDeps {
  db: DataSource;
  mapping: QuickBooksMappingService;
  books: QuickBooksCurrencyTax;
}

/**
 * A memo that lowered what an open invoice asks for (a discount; the handler that queued the push says so):
 * in QuickBooks it is applied to that invoice, else the invoice (and its Pay Now link) would still ask for
 * the old balance. A memo on a paid or void invoice credits money paid, client credit is its own, and a
 * memo that goes with a refund leaves the balance where the refund found it.
 */
const lowersOpenInvoice = (op: Ctx['op'], memo: CreditMemo) =>
  op.payload.applyToInvoice === true && !memo.returnsPaid && !memo.toClientCredit;

/**
 * A Settle credit memo as a QuickBooks CreditMemo to the invoice's customer, in the invoice's currency
 * at the invoice's exchange rate when the invoice is in QuickBooks (else QuickBooks' rate on its date);
 * one on an open invoice is then applied to it (applyToInvoice). Each step is done once: a retry after
 * a failure or a crash does only what its link says is not there yet.
 */
export async function pushCreditMemo(ctx: Ctx, deps: CreditMemoDeps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const memo = await deps.db.manager.findOneByOrFail(CreditMemo, { orgId: conn.orgId, id: op.entityId });
  const invoice = await deps.db.manager.findOneByOrFail(Invoice, { id: memo.invoiceId });
  const invoiceLink = await findLink(deps.db.manager, conn.orgId, 'INVOICE', invoice.id);
  // It is applied to the invoice there: the invoice goes first.
  if (
    !invoiceLink &&
    lowersOpenInvoice(op, memo) &&
    (await hasPending(deps.db.manager, conn.orgId, OpKind.PUSH_INVOICE, invoice.id))
  )
    return { defer: 'invoice not in QuickBooks yet' };
  let qbMemoId = (await findLink(deps.db.manager, conn.orgId, 'CREDIT_MEMO', memo.id))?.qbId;
  // The day it was issued on the org's wall, as payments are dated: an evening's memo in New York is not tomorrow's.
  const date = await orgToday(deps.db.manager, conn.orgId, memo.createdAt);
  if (!qbMemoId) {
    const currency = await deps.books.currencyFields(ctx, memo.currency, `A credit memo on invoice ${invoice.number}`, {
      invoiceQbId: invoiceLink?.qbId,
      date,
    });
    const customerId = await deps.books.customerFor(ctx, memo.clientId, memo.currency);
    const itemId = await deps.mapping.itemFor(conn, qb);
    const created = await qb.createCreditMemo(
      {
        ...currency,
        CustomerRef: { value: customerId },
        TxnDate: date,
        Line: [
          salesLine({
            amountMinor: memo.amount,
            currency: memo.currency,
            description: memo.reason || `Credit on ${invoice.number}`,
            itemId,
            quantity: 1,
            unitPriceMinor: memo.amount,
          }),
        ],
        PrivateNote: `Settle credit memo ${memo.id} on ${invoice.number}`,
      },
      requestIdFor(op.kind, conn.realmId!, memo.id, ...generation(op)),
    );
    qbMemoId = String(created.Id);
    await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'CREDIT_MEMO', memo.id, qbMemoId, {
      syncToken: created.SyncToken,
    });
  }
  if (invoiceLink && lowersOpenInvoice(op, memo))
    await applyToInvoice(ctx, deps, memo, invoice, invoiceLink.qbId, qbMemoId, date);
  return { done: qbMemoId };
}

/**
 * The memo applied to its invoice, as QuickBooks does it: a Payment of 0 whose lines link the invoice and
 * the memo (as client credit applied is booked), for as much of the memo as the invoice still owes there
 * (money paid in QuickBooks meanwhile may have settled it: the rest stays the customer's credit, as the
 * money past the balance is a payment exception in Settle). Once: its ledger link is its record.
 */
async function applyToInvoice(
  ctx: Ctx,
  deps: CreditMemoDeps,
  memo: CreditMemo,
  invoice: Invoice,
  invoiceQbId: string,
  qbMemoId: string,
  date: string,
): Promise<void> {
  const { op, conn, qb } = ctx;
  if (await findLink(deps.db.manager, conn.orgId, 'CREDIT_APPLICATION', memo.id)) return;
  const owed = fromQbAmount(Number((await qb.getInvoice(invoiceQbId)).Balance ?? 0), memo.currency);
  const amount = Math.min(memo.amount, owed);
  if (amount <= 0) return;
  const currency = await deps.books.currencyFields(ctx, memo.currency, `A credit memo on invoice ${invoice.number}`, {
    invoiceQbId,
    date,
  });
  const created = await qb.createPayment(
    {
      ...currency,
      CustomerRef: { value: await deps.books.customerFor(ctx, memo.clientId, memo.currency) },
      TotalAmt: 0,
      TxnDate: date,
      PrivateNote: `${SETTLE_PAYMENT_MARK}(credit memo applied) ${memo.id} on ${invoice.number}`,
      Line: [
        { Amount: toQbAmount(amount, memo.currency), LinkedTxn: [{ TxnId: invoiceQbId, TxnType: 'Invoice' }] },
        { Amount: toQbAmount(amount, memo.currency), LinkedTxn: [{ TxnId: qbMemoId, TxnType: 'CreditMemo' }] },
      ],
    },
    requestIdFor(op.kind, conn.realmId!, memo.id, 'applied', ...generation(op)),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'CREDIT_APPLICATION', memo.id, String(created.Id), {
    syncToken: created.SyncToken,
  });
}
