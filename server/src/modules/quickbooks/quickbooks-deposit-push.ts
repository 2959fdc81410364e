import type { DataSource } from 'typeorm';
import type { QbEntity } from './accounting-provider.js';
import { toQbAmount } from './qbo-amounts.js';
import { stripeSettlesInHome } from './qbo-currency.js';
import { paymentPushPending } from './quickbooks-invoice-history.js';
import { IN_CURRENT_COMPANY, OpKind, generation, recordLink, requestIdFor } from './quickbooks-ledger.js';
import type { EffectiveMapping, QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';
import { deleteLinked } from './quickbooks-linked-delete.js';

/** One balance transaction of the payout (as `stripe.payout-paid` carries it). */
interface PayoutLine {
  type: string;
  source: string;
  paymentIntent: string | null;
  amount: number;
  fee: number;
}

/** What a PUSH_DEPOSIT operation carries (from `stripe.payout-paid`): the payout as Stripe paid it. */
export interface PayoutPayload {
  stripePayoutId: string;
  amount: number;
  currency: string;
  arrivalDate: string;
  lines?: PayoutLine[];
}

type Deps = { db: DataSource; mapping: QuickBooksMappingService; books: QuickBooksCurrencyTax };

const fromAccount = (amount: number, currency: string, account: string | null, description: string): QbEntity => ({
  Amount: toQbAmount(amount, currency),
  DetailType: 'DepositLineDetail',
  Description: description,
  DepositLineDetail: { AccountRef: { value: account } },
});

/**
 * Undeposited Funds: the Deposit takes each payment of the payout out of Undeposited Funds (a line linked
 * to its QuickBooks Payment, for its whole amount), Stripe's fees as one negative line to the fee expense,
 * and what else moved (refunds, dispute withdrawals and reversals) as lines from Undeposited Funds, where
 * their RefundReceipts took them from. The lines add up to the payout, or nothing is written.
 */
async function undepositedLines(
  ctx: Ctx,
  deps: Deps,
  m: EffectiveMapping,
  p: PayoutPayload,
): Promise<QbEntity[] | Outcome> {
  const { conn, qb } = ctx;
  const charges = (p.lines ?? []).filter((l) => l.type === 'charge' || l.type === 'payment');
  const keys = charges.flatMap((l) => [l.source, ...(l.paymentIntent ? [l.paymentIntent] : [])]);
  const rows = (await deps.db.query(
    `SELECT p.external_id, p.invoice_id, l.qb_id FROM payments p
       LEFT JOIN qbo_links l ON l.org_id = p.org_id AND l.settle_type = 'PAYMENT' AND l.settle_id = p.id::text AND ${IN_CURRENT_COMPANY('l')}
      WHERE p.org_id = $1 AND p.source = 'STRIPE' AND p.kind = 'PAYMENT' AND p.external_id = ANY($2::text[])`,
    [conn.orgId, keys],
  )) as Array<{ external_id: string; invoice_id: string; qb_id: string | null }>;
  const linked: QbEntity[] = [];
  for (const l of charges) {
    const row = rows.find((r) => r.external_id === l.source || r.external_id === l.paymentIntent);
    if (!row) throw new Error(`Stripe charge ${l.source} of payout ${p.stripePayoutId} is not a Settle payment`);
    if (!row.qb_id) {
      if (await paymentPushPending(deps.db.manager, conn.orgId, row.invoice_id))
        return { defer: `the payment of charge ${l.source} is not in QuickBooks yet` };
      throw new Error(`the payment of Stripe charge ${l.source} was never sent to QuickBooks`);
    }
    linked.push({ Amount: toQbAmount(l.amount, p.currency), LinkedTxn: [{ TxnId: row.qb_id, TxnType: 'Payment' }] });
  }
  if (!linked.length) return { skip: 'the payout carries no payment to deposit' };
  const undeposited = String((await qb.getPayment(String(linked[0]!.LinkedTxn[0].TxnId))).DepositToAccountRef?.value);
  const fees = (p.lines ?? []).reduce((sum, l) => sum + l.fee, 0);
  const others = (p.lines ?? []).filter((l) => !charges.includes(l));
  const lines = [
    ...linked,
    ...(fees
      ? [fromAccount(-fees, p.currency, m.feeExpenseAccountId, `Stripe fees in payout ${p.stripePayoutId}`)]
      : []),
    ...others.map((l) => fromAccount(l.amount, p.currency, undeposited, `Stripe ${l.type} ${l.source}`)),
  ];
  const total = (p.lines ?? []).reduce((sum, l) => sum + l.amount - l.fee, 0);
  if (total !== p.amount)
    throw new Error(`payout ${p.stripePayoutId}: its transactions add up to ${total}, not the ${p.amount} paid out`);
  return lines;
}

/**
 * A Stripe payout as a QuickBooks Deposit of its net into the bank it arrived in, dated the arrival: the
 * bank register then shows the one line the bank statement shows. With a clearing account it is one line
 * from the Stripe clearing account (where the payments landed and the fees, refunds and dispute
 * withdrawals left): a DepositLineDetail from another asset account is how QBO records money moving into
 * a bank. With Undeposited Funds the lines say what the payout carried (undepositedLines). The requestid
 * (per payout) and the ledger link make it happen once.
 */
export async function pushPayoutDeposit(ctx: Ctx, deps: Deps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const m = await deps.mapping.effective(conn);
  if (!m.payoutDepositsEnabled)
    return {
      skip: 'payout deposits are off (choose the payout bank account, and the Stripe clearing account or, with Undeposited Funds, the fee expense account)',
    };
  const p = op.payload as unknown as PayoutPayload;
  // The bank returned it before it reached the books (payout.failed): no money arrived to deposit.
  const [payout] = (await deps.db.query(`SELECT status FROM stripe_payouts WHERE org_id = $1 AND id = $2`, [
    conn.orgId,
    op.entityId,
  ])) as Array<{ status: string }>;
  if (payout?.status === 'failed') return { skip: `the bank returned payout ${p.stripePayoutId}: nothing arrived` };
  const lines =
    m.stripeDepositTo === 'UNDEPOSITED_FUNDS'
      ? await undepositedLines(ctx, deps, m, p)
      : [fromAccount(p.amount, p.currency, m.feeBankAccountId, `Stripe payout ${p.stripePayoutId}`)];
  if (!Array.isArray(lines)) return lines;
  // In the currency Stripe paid out (a EUR payout into a EUR bank account), at QuickBooks' rate of the day it arrived.
  const currency = await deps.books.currencyFields(ctx, p.currency, `Stripe payout ${p.stripePayoutId}`, {
    date: p.arrivalDate,
    otherwise: stripeSettlesInHome,
  });
  const created = await qb.createDeposit(
    {
      ...currency,
      DepositToAccountRef: { value: m.payoutBankAccountId },
      TxnDate: p.arrivalDate,
      PrivateNote: `Stripe payout ${p.stripePayoutId}`,
      Line: lines,
    },
    requestIdFor(op.kind, conn.realmId!, op.entityId, ...generation(op)),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'PAYOUT', op.entityId, String(created.Id), {
    syncToken: created.SyncToken,
  });
  return { done: String(created.Id) };
}

/**
 * DELETE_DEPOSIT: the bank returned a payout Settle had deposited (payout.failed after payout.paid). Its
 * Deposit is deleted, so the money stays where the books had it before the payout (the Stripe clearing
 * account, or its payments in Undeposited Funds): back in the Stripe balance, as Stripe says. Waits for a
 * push still under way; a Deposit already gone (an earlier attempt, or a person) is done.
 */
export function deletePayoutDeposit(ctx: Ctx, deps: { db: DataSource }): Promise<Outcome> {
  return deleteLinked(ctx, deps.db.manager, {
    link: 'PAYOUT',
    push: OpKind.PUSH_DEPOSIT,
    pending: 'the deposit of the payout is not in QuickBooks yet',
    never: 'the payout never reached QuickBooks',
    read: (id) => ctx.qb.getDeposit(id),
    remove: (ref, requestId) => ctx.qb.deleteDeposit(ref, requestId),
  });
}
