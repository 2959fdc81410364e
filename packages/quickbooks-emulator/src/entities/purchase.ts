// Purchase (expense): paid from a Bank/Credit Card AccountRef, categorised per line via
// AccountBasedExpenseLineDetail.AccountRef (e.g. "Stripe Fees").
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type EntityDef, checkEnum, num, resolveRef, round2, today } from './common.js';
import { ownCurrency } from './currency.js';

export const purchaseDef: EntityDef = {
  name: 'Purchase',
  canDelete: true,
  readOnly: ['TotalAmt'],
  normalize(input, ctx) {
    if (input.PaymentType === undefined) throw errors.required('PaymentType');
    const out: Json = {
      ...input,
      PaymentType: checkEnum(input.PaymentType, ['Cash', 'Check', 'CreditCard'], 'PaymentType'),
    };
    out.AccountRef = resolveRef(ctx, input.AccountRef, 'Account', 'AccountRef', true);
    const acct = ctx.store.get(ctx.realm, 'Account', out.AccountRef!.value)!;
    const wanted = out.PaymentType === 'CreditCard' ? 'Credit Card' : 'Bank';
    if (acct.entity.AccountType !== wanted) {
      throw errors.business(`AccountRef must be a ${wanted} account for PaymentType ${out.PaymentType}`);
    }
    if (!Array.isArray(input.Line) || input.Line.length === 0) throw errors.required('Line');
    let total = 0;
    out.Line = (input.Line as Json[]).map((l, i) => {
      const type = l?.DetailType ?? 'AccountBasedExpenseLineDetail';
      if (type !== 'AccountBasedExpenseLineDetail' && type !== 'ItemBasedExpenseLineDetail')
        throw errors.invalidEnum(String(type), 'Line.DetailType');
      const amount = num(l.Amount);
      if (amount === undefined) throw errors.required('Line.Amount');
      total += amount;
      const line: Json = { ...l, Id: String(i + 1), Amount: round2(amount), DetailType: type };
      if (type === 'AccountBasedExpenseLineDetail') {
        const d = { ...(l.AccountBasedExpenseLineDetail ?? {}) };
        d.AccountRef = resolveRef(ctx, d.AccountRef, 'Account', 'Line.AccountBasedExpenseLineDetail.AccountRef', true);
        d.BillableStatus ??= 'NotBillable';
        d.TaxCodeRef ??= { value: 'NON' };
        line.AccountBasedExpenseLineDetail = d;
      } else {
        const d = { ...(l.ItemBasedExpenseLineDetail ?? {}) };
        d.ItemRef = resolveRef(ctx, d.ItemRef, 'Item', 'Line.ItemBasedExpenseLineDetail.ItemRef', true);
        line.ItemBasedExpenseLineDetail = d;
      }
      return line;
    });
    if (input.EntityRef && ctx.store.get(ctx.realm, 'Customer', input.EntityRef.value)) {
      out.EntityRef = { ...resolveRef(ctx, input.EntityRef, 'Customer', 'EntityRef'), type: 'Customer' };
    }
    out.TotalAmt = round2(total);
    out.TxnDate ??= today(ctx);
    out.Credit ??= false;
    // In the currency it says (a foreign one at its ExchangeRate), never silently in the home currency.
    Object.assign(out, { ExchangeRate: undefined }, ownCurrency(ctx, input, acct.entity, out.TotalAmt));
    delete out.HomeTotalAmt; // Purchase has no HomeTotalAmt in QBO's schema
    return out;
  },
};
