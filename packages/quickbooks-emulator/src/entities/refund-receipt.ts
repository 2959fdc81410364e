// RefundReceipt (SalesTransaction in Finance.xsd): money paid back to a customer, with the same line model
// as Invoice. It never touches receivables; DepositToAccountRef is the account the money leaves
// (a Bank, Credit Card or clearing account such as Undeposited Funds).
import { errors } from '../faults.js';
import { type EntityDef, resolveRef, today } from './common.js';
import { salesDocument } from './sales-lines.js';

const REFUND_FROM = ['Bank', 'Credit Card', 'Other Current Asset'];

export const refundReceiptDef: EntityDef = {
  name: 'RefundReceipt',
  canDelete: true,
  readOnly: ['TotalAmt', 'Balance', 'RemainingCredit', 'HomeTotalAmt'],
  normalize(input, ctx, existing) {
    const { out } = salesDocument(input, ctx);
    out.DepositToAccountRef = resolveRef(ctx, input.DepositToAccountRef, 'Account', 'DepositToAccountRef', true);
    const account = ctx.store.get(ctx.realm, 'Account', out.DepositToAccountRef!.value)!;
    if (!REFUND_FROM.includes(String(account.entity.AccountType)))
      throw errors.business(`DepositToAccountRef cannot be a ${account.entity.AccountType} account for a refund`);
    if (input.PaymentMethodRef)
      out.PaymentMethodRef = resolveRef(ctx, input.PaymentMethodRef, 'PaymentMethod', 'PaymentMethodRef');
    out.Balance = 0;
    out.TxnDate ??= today(ctx);
    if (out.DocNumber === undefined || out.DocNumber === '')
      out.DocNumber = existing?.entity.DocNumber ?? String(ctx.realm.nextDocNumber++);
    out.PrintStatus ??= 'NotSet';
    out.ApplyTaxAfterDiscount ??= false;
    return out;
  },
};
