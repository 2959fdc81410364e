import type { DataSource } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import { salesLine } from './qbo-amounts.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import { findLink, generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

export interface CreditMemoDeps {
  db: DataSource;
  mapping: QuickBooksMappingService;
  books: QuickBooksCurrencyTax;
}

/**
 * A Settle credit memo as a QuickBooks CreditMemo to the invoice's customer, in the invoice's currency
 * at the invoice's exchange rate when the invoice is in QuickBooks (else QuickBooks' rate on its date).
 */
export async function pushCreditMemo(ctx: Ctx, deps: CreditMemoDeps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const memo = await deps.db.manager.findOneByOrFail(CreditMemo, { orgId: conn.orgId, id: op.entityId });
  const invoice = await deps.db.manager.findOneByOrFail(Invoice, { id: memo.invoiceId });
  const invoiceLink = await findLink(deps.db.manager, conn.orgId, 'INVOICE', invoice.id);
  const currency = await deps.books.currencyFields(ctx, memo.currency, `A credit memo on invoice ${invoice.number}`, {
    invoiceQbId: invoiceLink?.qbId,
    date: memo.createdAt.toISOString().slice(0, 10),
  });
  const customerId = await deps.books.customerFor(ctx, memo.clientId, memo.currency);
  const itemId = await deps.mapping.itemFor(conn, qb);
  const created = await qb.createCreditMemo(
    {
      ...currency,
      CustomerRef: { value: customerId },
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
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'CREDIT_MEMO', memo.id, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return { done: String(created.Id) };
}
