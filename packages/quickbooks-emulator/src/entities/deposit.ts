// Deposit (Transaction in Finance.xsd): money put into an asset account (DepositToAccountRef, required).
// Each line either deposits a payment held in Undeposited Funds (LinkedTxn to the Payment, whole amount)
// or moves money from another account (DepositLineDetail.AccountRef, e.g. a processor's clearing account
// when its payout reaches the bank). Lines may be negative (fees kept back), the total may not.
import { errors } from '../faults.js';
import type { EntityRecord, Json } from '../types.js';
import { type EntityDef, type OpCtx, num, resolveRef, round2, today } from './common.js';
import { currencyPrefs, ownCurrency } from './currency.js';

const DEPOSIT_TO = ['Bank', 'Other Current Asset'];

/** The live Deposit (other than `exceptId`) that deposits Payment `paymentId`, if any. */
export function depositHolding(ctx: OpCtx, paymentId: string, exceptId?: string): EntityRecord | undefined {
  return ctx.store
    .live(ctx.realm, 'Deposit')
    .find(
      (d) =>
        d.entity.Id !== exceptId &&
        (d.entity.Line as Json[]).some((l) =>
          (l.LinkedTxn as Json[] | undefined)?.some((t) => t.TxnType === 'Payment' && String(t.TxnId) === paymentId),
        ),
    );
}

function depositedPayment(ctx: OpCtx, linked: Json[], selfId: string | undefined) {
  if (linked.length !== 1 || linked[0]?.TxnType !== 'Payment')
    throw errors.business('A deposit line may link one Payment held in Undeposited Funds');
  const id = String(linked[0].TxnId);
  const payment = ctx.store.get(ctx.realm, 'Payment', id);
  if (!payment || payment.voided) throw errors.invalidRef(`LinkedTxn (Payment Id=${id}) does not exist`);
  const account = ctx.store.get(ctx.realm, 'Account', payment.entity.DepositToAccountRef?.value);
  if (account?.entity.AccountSubType !== 'UndepositedFunds')
    throw errors.business(`Payment ${id} was not received into Undeposited Funds`);
  const other = depositHolding(ctx, id, selfId);
  if (other) throw errors.business(`Payment ${id} is already in deposit ${String(other.entity.Id)}`);
  return payment.entity;
}

export const depositDef: EntityDef = {
  name: 'Deposit',
  canDelete: true,
  readOnly: ['TotalAmt', 'HomeTotalAmt'],
  normalize(input, ctx, existing) {
    const out: Json = { ...input };
    out.DepositToAccountRef = resolveRef(ctx, input.DepositToAccountRef, 'Account', 'DepositToAccountRef', true);
    const to = ctx.store.get(ctx.realm, 'Account', out.DepositToAccountRef!.value)!;
    if (!DEPOSIT_TO.includes(String(to.entity.AccountType)))
      throw errors.business(`DepositToAccountRef cannot be a ${to.entity.AccountType} account for a deposit`);
    if (!Array.isArray(input.Line) || input.Line.length === 0) throw errors.required('Line');
    let total = 0;
    out.Line = (input.Line as Json[]).map((l, i) => {
      const amount = num(l?.Amount);
      if (amount === undefined) throw errors.required('Line.Amount');
      const line: Json = { ...l, Id: String(i + 1), LineNum: i + 1, Amount: round2(amount) };
      if (Array.isArray(l.LinkedTxn) && l.LinkedTxn.length) {
        const payment = depositedPayment(ctx, l.LinkedTxn as Json[], existing?.entity.Id as string | undefined);
        if (round2(amount) !== round2(Number(payment.TotalAmt)))
          throw errors.business('A deposited payment is deposited for its whole amount');
        line.LinkedTxn = [{ TxnId: String(payment.Id), TxnType: 'Payment', TxnLineId: '0' }];
        delete line.DetailType;
        delete line.DepositLineDetail;
      } else {
        if ((l.DetailType ?? 'DepositLineDetail') !== 'DepositLineDetail')
          throw errors.invalidEnum(String(l.DetailType), 'Line.DetailType');
        const d: Json = { ...(l.DepositLineDetail ?? {}) };
        d.AccountRef = resolveRef(ctx, d.AccountRef, 'Account', 'Line.DepositLineDetail.AccountRef', true);
        if (d.AccountRef!.value === out.DepositToAccountRef!.value)
          throw errors.business('A deposit line cannot come from the account it is deposited to');
        if (d.Entity) d.Entity = resolveRef(ctx, d.Entity, 'Customer', 'Line.DepositLineDetail.Entity');
        if (d.PaymentMethodRef)
          d.PaymentMethodRef = resolveRef(
            ctx,
            d.PaymentMethodRef,
            'PaymentMethod',
            'Line.DepositLineDetail.PaymentMethodRef',
          );
        line.DetailType = 'DepositLineDetail';
        line.DepositLineDetail = d;
      }
      total += amount;
      return line;
    });
    if (round2(total) < 0) throw errors.business('The total of a deposit cannot be negative');
    out.TotalAmt = round2(total);
    out.TxnDate ??= today(ctx);
    // In the currency it names (the account it goes to must hold that one or the home currency), as a
    // Purchase; HomeTotalAmt only where multicurrency is on, as QBO answers.
    const currency = ownCurrency(ctx, input, to.entity, out.TotalAmt as number);
    if (!currencyPrefs(ctx).enabled) delete currency.HomeTotalAmt;
    return { ...out, ...currency };
  },
};
