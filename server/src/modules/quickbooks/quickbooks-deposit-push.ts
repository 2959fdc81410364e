import type { DataSource } from 'typeorm';
import { toQbAmount } from './qbo-amounts.js';
import { generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

/** What a PUSH_DEPOSIT operation carries (from `stripe.payout-paid`): the payout as Stripe paid it. */
export interface PayoutPayload {
  stripePayoutId: string;
  amount: number;
  currency: string;
  arrivalDate: string;
}

/**
 * A Stripe payout as a QuickBooks Deposit of its net, from the Stripe clearing account (where the
 * payments landed and the fees, refunds and dispute withdrawals left) into the bank it arrived in, dated
 * the arrival: the bank register then shows the one line the bank statement shows. A Deposit with a
 * DepositLineDetail from the clearing account is how QBO records money moving into a bank from another
 * asset account; the requestid (per payout) and the ledger link make it happen once.
 */
export async function pushPayoutDeposit(
  ctx: Ctx,
  deps: { db: DataSource; mapping: QuickBooksMappingService },
): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const m = await deps.mapping.effective(conn);
  if (!m.payoutDepositsEnabled)
    return { skip: 'payout deposits are off (choose the Stripe clearing account and the payout bank account)' };
  const p = op.payload as unknown as PayoutPayload;
  const created = await qb.createDeposit(
    {
      DepositToAccountRef: { value: m.payoutBankAccountId },
      TxnDate: p.arrivalDate,
      PrivateNote: `Stripe payout ${p.stripePayoutId}`,
      Line: [
        {
          Amount: toQbAmount(p.amount, p.currency),
          DetailType: 'DepositLineDetail',
          Description: `Stripe payout ${p.stripePayoutId}`,
          DepositLineDetail: { AccountRef: { value: m.feeBankAccountId } },
        },
      ],
    },
    requestIdFor(op.kind, conn.realmId!, op.entityId, ...generation(op)),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'PAYOUT', op.entityId, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return { done: String(created.Id) };
}
