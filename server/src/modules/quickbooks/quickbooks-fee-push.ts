import type { DataSource } from 'typeorm';
import { orgToday } from '../organizations/org-today.js';
import { Payment } from '../payments/payment.entity.js';
import type { PaymentFeeSource } from '../payments/payment-fee-source.js';
import { toQbAmount } from './qbo-amounts.js';
import { stripeSettlesInHome } from './qbo-currency.js';
import type { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import { feePurchase, feeReturnDeposit } from './quickbooks-fee-entries.js';
import { findLink, generation, recordLink, requestIdFor, type LinkKind } from './quickbooks-ledger.js';
import type { EffectiveMapping, QuickBooksMappingService } from './quickbooks-mapping.service.js';
import type { Ctx, Outcome } from './quickbooks-outbound.js';

type Deps = { db: DataSource; mapping: QuickBooksMappingService; books: QuickBooksCurrencyTax };

/** What a STRIPE_DISPUTE_FEE operation carries (from `stripe.dispute-fee`, as Stripe confirmed it). */
export interface DisputeFeePayload {
  charge: string;
  currency: string;
  /** Minor units: the fee taken (version 1) or given back on a won dispute (version 2). */
  fee: number;
  /** When Stripe took it (or gave it back): an ISO instant; absent on operations queued before it was carried. */
  at?: string | null;
}

/**
 * What every fee entry starts with: done when the ledger already links it, skipped where `elsewhere`
 * says the mapping books it another way (checked first: it is the reason to show), or while fee
 * reconciliation is off, else the mapping to book it with.
 */
async function feeBooking(
  { op, conn }: Ctx,
  deps: Deps,
  kind: LinkKind,
  elsewhere?: (m: EffectiveMapping) => string | null,
): Promise<{ outcome: Outcome } | { mapping: EffectiveMapping }> {
  const already = await findLink(deps.db.manager, conn.orgId, kind, op.entityId);
  if (already) return { outcome: { done: already.qbId } };
  const mapping = await deps.mapping.effective(conn);
  const instead = elsewhere?.(mapping);
  if (instead) return { outcome: { skip: instead } };
  if (!mapping.feeReconciliationEnabled)
    return {
      outcome: { skip: 'fee reconciliation is off (choose a fee expense account and a deposit bank account)' },
    };
  return { mapping };
}

/**
 * Stripe's processing fee of a charge, exactly as its balance transaction says, as a Purchase: debit the
 * fee expense account, credit the clearing account it left. Once: the ledger link and the requestid.
 */
export async function pushStripeFee(ctx: Ctx, deps: Deps & { fees: () => PaymentFeeSource }): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const booking = await feeBooking(ctx, deps, 'STRIPE_FEE');
  if ('outcome' in booking) return booking.outcome;
  const fee = await deps.fees().feeFor(conn.orgId, op.entityId);
  if (!fee) return { defer: 'Stripe fee not available yet' };
  if (fee.fee <= 0) return { skip: 'no Stripe fee on this charge' };
  // Stripe keeps the fee as it takes the payment: dated as its Payment (the clearing account holds the net that day).
  const paid = await deps.db.manager.findOneBy(Payment, { orgId: conn.orgId, id: String(op.payload.paymentId) });
  // Without it, today on the org's wall (as every QuickBooks date), not the UTC date.
  const date = paid?.receivedOn ?? (await orgToday(deps.db.manager, conn.orgId, new Date()));
  // Booked in the currency Stripe kept it in (its balance transaction's, the settlement currency, which
  // need not be the charge's): in the payment's currency it carries the Payment's rate (its invoice's),
  // in another QuickBooks' rate of the day; in the home currency no CurrencyRef at all.
  const sameAsPayment = paid != null && paid.currency === fee.currency;
  const invoiceLink = sameAsPayment ? await findLink(deps.db.manager, conn.orgId, 'INVOICE', paid.invoiceId) : null;
  const currencyFields = await deps.books.currencyFields(
    ctx,
    fee.currency,
    `The Stripe fee of charge ${fee.chargeId}`,
    {
      invoiceQbId: invoiceLink?.qbId,
      date,
      otherwise: stripeSettlesInHome,
    },
  );
  const purchase = await qb.createPurchase(
    feePurchase(booking.mapping, {
      currencyFields,
      amount: fee.fee,
      currency: fee.currency,
      note: `Stripe fee for ${fee.chargeId} (gross ${toQbAmount(fee.gross, fee.currency)} ${fee.currency})`,
      description: `Stripe processing fee ${fee.chargeId}`,
      date,
    }),
    `stripe-fee-${fee.chargeId}${generation(op)
      .map((g) => `-r${g}`)
      .join('')}`.slice(0, 50),
  );
  await recordLink(deps.db.manager, conn.orgId, conn.realmId!, 'STRIPE_FEE', op.entityId, String(purchase.Id), {
    syncToken: purchase.SyncToken,
  });
  return { done: String(purchase.Id) };
}

/**
 * Stripe's dispute fee, booked like its processing fee: version 1 is the fee Stripe took with the
 * disputed funds, a Purchase from the Stripe clearing account to the fee expense account; version 2 the
 * fee Stripe gave back when the dispute was won, a Deposit into the clearing account from that expense.
 * Once each: the ledger link (per dispute and direction) and the requestid.
 */
export async function pushDisputeFee(ctx: Ctx, deps: Deps): Promise<Outcome> {
  const { op, conn, qb } = ctx;
  const kind = op.version === 1 ? 'DISPUTE_FEE' : 'DISPUTE_FEE_RETURN';
  // With Undeposited Funds fee reconciliation is always off, but this is why the fee is not booked here.
  const booking = await feeBooking(ctx, deps, kind, (mapping) =>
    mapping.stripeDepositTo === 'UNDEPOSITED_FUNDS'
      ? "with Undeposited Funds the dispute fee is a line of the payout's Deposit"
      : null,
  );
  if ('outcome' in booking) return booking.outcome;
  const m = booking.mapping;
  const p = op.payload as unknown as DisputeFeePayload;
  const rid = requestIdFor(op.kind, conn.realmId!, op.entityId, op.version, ...generation(op));
  // Dated the day Stripe took (or gave back) the fee on the org's wall, as payments are (not the UTC date);
  // today there when the operation does not say.
  const date = await orgToday(deps.db.manager, conn.orgId, p.at ? new Date(p.at) : new Date());
  // In the currency Stripe took (or gave back) the fee in, as the processing fee: never the home currency by default.
  const currencyFields = await deps.books.currencyFields(ctx, p.currency, `The Stripe dispute fee of ${op.entityId}`, {
    date,
    otherwise: stripeSettlesInHome,
  });
  const entry = { currencyFields, amount: p.fee, currency: p.currency, date };
  const created =
    kind === 'DISPUTE_FEE'
      ? await qb.createPurchase(
          feePurchase(m, {
            ...entry,
            note: `Stripe dispute fee for ${op.entityId} (${p.charge})`,
            description: `Stripe dispute fee ${op.entityId}`,
          }),
          rid,
        )
      : await qb.createDeposit(
          feeReturnDeposit(m, {
            ...entry,
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
