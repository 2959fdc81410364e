import type { DataSource } from 'typeorm';
import { feePurchase, feeReturnDeposit } from './quickbooks-fee-entries.js';
import { findLink, generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

/** What a STRIPE_DISPUTE_FEE operation carries (from `stripe.dispute-fee`, as Stripe confirmed it). */
export interface DisputeFeePayload {
  charge: string;
  currency: string;
  /** Minor units: the fee taken (version 1) or given back on a won dispute (version 2). */
  fee: number;
}

/**
 * Stripe's dispute fee, booked like its processing fee: version 1 is the fee Stripe took with the
 * disputed funds, a Purchase from the Stripe clearing account to the fee expense account; version 2 the
 * fee Stripe gave back when the dispute was won, a Deposit into the clearing account from that expense.
 * Once each: the ledger link (per dispute and direction) and the requestid.
 */
export async function pushDisputeFee(
  ctx: Ctx,
  deps: { db: DataSource; mapping: QuickBooksMappingService; books: QuickBooksCurrencyTax },
): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const kind = op.version === 1 ? 'DISPUTE_FEE' : 'DISPUTE_FEE_RETURN';
  const already = await findLink(deps.db.manager, conn.orgId, kind, op.entityId);
  if (already) return { done: already.qbId };
  const m = await deps.mapping.effective(conn);
  if (m.stripeDepositTo === 'UNDEPOSITED_FUNDS')
    return { skip: "with Undeposited Funds the dispute fee is a line of the payout's Deposit" };
  if (!m.feeReconciliationEnabled)
    return { skip: 'fee reconciliation is off (choose a fee expense account and a deposit bank account)' };
  const p = op.payload as unknown as DisputeFeePayload;
  const rid = requestIdFor(op.kind, conn.realmId!, op.entityId, op.version, ...generation(op));
  // In the currency Stripe took (or gave back) the fee in, as the processing fee: never the home currency by default.
  const currencyFields = await deps.books.currencyFields(ctx, p.currency, `The Stripe dispute fee of ${op.entityId}`, {
    date: new Date().toISOString().slice(0, 10),
  });
  const created =
    kind === 'DISPUTE_FEE'
      ? await qb.createPurchase(
          feePurchase(m, {
            currencyFields,
            amount: p.fee,
            currency: p.currency,
            note: `Stripe dispute fee for ${op.entityId} (${p.charge})`,
            description: `Stripe dispute fee ${op.entityId}`,
          }),
          rid,
        )
      : await qb.createDeposit(
          feeReturnDeposit(m, {
            currencyFields,
            amount: p.fee,
            currency: p.currency,
            note: `Stripe dispute fee returned for ${op.entityId} (${p.charge})`,
            description: `Stripe dispute fee returned ${op.entityId}`,
          }),
          rid,
        );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, kind, op.entityId, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return { done: String(created.Id) };
}
