// Payment: money received from a customer, applied to Invoices (and CreditMemos) via
// Line[].LinkedTxn. Over-application is rejected; any remainder is UnappliedAmt.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type EntityDef, num, resolveRef, round2, today } from './common.js';
import { transactionCurrency } from './currency.js';
import { depositHolding } from './deposit.js';
import { appliedByOthers } from './receivables.js';
import { voidNote } from './sales-lines.js';

export const paymentDef: EntityDef = {
  name: 'Payment',
  canDelete: true,
  canVoid: true,
  affectsReceivables: true,
  readOnly: ['UnappliedAmt'],
  normalize(input, ctx, existing) {
    if (existing?.voided) throw errors.business('A voided transaction cannot be modified');
    const out = { ...input };
    out.CustomerRef = resolveRef(ctx, input.CustomerRef, 'Customer', 'CustomerRef', true);
    const total = num(input.TotalAmt);
    if (total === undefined) throw errors.required('TotalAmt');
    if (total < 0) throw errors.business('TotalAmt cannot be negative');
    out.TotalAmt = round2(total);
    const customer = ctx.store.get(ctx.realm, 'Customer', out.CustomerRef!.value)?.entity;
    Object.assign(out, { ExchangeRate: undefined }, transactionCurrency(ctx, input, customer, out.TotalAmt));
    delete out.HomeTotalAmt; // Payment has no HomeTotalAmt in QBO's schema
    let invoices = 0;
    let credits = 0;
    const lines: Json[] = [];
    for (const l of (Array.isArray(input.Line) ? input.Line : []) as Json[]) {
      const amount = num(l?.Amount);
      if (amount === undefined) throw errors.required('Line.Amount');
      const linked = Array.isArray(l.LinkedTxn) ? l.LinkedTxn : [];
      if (linked.length === 0) throw errors.required('Line.LinkedTxn');
      for (const t of linked as Json[]) {
        const type = t?.TxnType;
        if (type !== 'Invoice' && type !== 'CreditMemo')
          throw errors.invalidEnum(String(type), 'Line.LinkedTxn.TxnType');
        const target = ctx.store.get(ctx.realm, type, t.TxnId);
        if (!target || target.voided) throw errors.invalidRef(`Line.LinkedTxn (${type} Id=${t?.TxnId})`);
        if (String(target.entity.CustomerRef?.value) !== out.CustomerRef!.value) {
          throw errors.business(`${type} ${t.TxnId} belongs to a different customer than the payment`);
        }
        if (target.entity.CurrencyRef?.value !== out.CurrencyRef.value)
          throw errors.business(`${type} ${t.TxnId} is not in the payment's currency (${out.CurrencyRef.value})`);
        const open = round2(
          Number(target.entity.TotalAmt ?? 0) - appliedByOthers(ctx, type, String(t.TxnId), existing?.entity.Id),
        );
        if (amount > open + 1e-9) {
          throw errors.business(
            `The amount applied to ${type} ${t.TxnId} (${amount}) exceeds its open balance (${open})`,
          );
        }
      }
      if (linked[0].TxnType === 'CreditMemo') credits += amount;
      else invoices += amount;
      lines.push({
        ...l,
        Amount: round2(amount),
        LinkedTxn: linked.map((t: Json) => ({ TxnId: String(t.TxnId), TxnType: t.TxnType })),
      });
    }
    if (round2(invoices - credits) > out.TotalAmt + 1e-9) {
      throw errors.business('The payment amount is less than the total amount applied to the linked transactions');
    }
    out.Line = lines;
    out.UnappliedAmt = round2(out.TotalAmt - (invoices - credits));
    out.TxnDate ??= today(ctx);
    out.ProcessPayment ??= false;
    const undeposited = ctx.store
      .live(ctx.realm, 'Account')
      .find((a) => a.entity.AccountSubType === 'UndepositedFunds');
    out.DepositToAccountRef = input.DepositToAccountRef
      ? resolveRef(ctx, input.DepositToAccountRef, 'Account', 'DepositToAccountRef')
      : undeposited && { value: undeposited.entity.Id, name: undeposited.entity.Name };
    if (input.PaymentMethodRef)
      out.PaymentMethodRef = resolveRef(ctx, input.PaymentMethodRef, 'PaymentMethod', 'PaymentMethodRef');
    // A deposited payment keeps the amount and account its deposit took it for (QBO 6540).
    if (
      existing &&
      (out.TotalAmt !== existing.entity.TotalAmt ||
        out.DepositToAccountRef?.value !== existing.entity.DepositToAccountRef?.value) &&
      depositHolding(ctx, String(existing.entity.Id))
    )
      throw errors.depositedTxn();
    return out;
  },
  // QBO: "If funds for the payment have been deposited, you must delete the associated deposit
  // object before" voiding or deleting the payment.
  assertRemovable(rec, ctx) {
    if (depositHolding(ctx, String(rec.entity.Id))) throw errors.depositedTxn();
  },
  void(rec) {
    const e = rec.entity;
    rec.voided = true;
    e.TotalAmt = 0;
    e.UnappliedAmt = 0;
    e.Line = ((e.Line ?? []) as Json[]).map((l) => ({ ...l, Amount: 0 }));
    e.PrivateNote = voidNote(e.PrivateNote);
  },
};
