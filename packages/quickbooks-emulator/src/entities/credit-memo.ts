// CreditMemo: same line model as Invoice; RemainingCredit drops as Payments apply it
// to invoices (Payment.Line[].LinkedTxn with TxnType "CreditMemo"), see receivables.ts.
import { errors } from '../faults.js';
import { type EntityDef, today } from './common.js';
import { salesDocument } from './sales-lines.js';

export const creditMemoDef: EntityDef = {
  name: 'CreditMemo',
  canDelete: true,
  affectsReceivables: true,
  readOnly: ['TotalAmt', 'Balance', 'RemainingCredit', 'HomeTotalAmt'],
  normalize(input, ctx, existing) {
    const { out, total } = salesDocument(input, ctx);
    out.RemainingCredit = existing ? existing.entity.RemainingCredit : total;
    out.Balance = out.RemainingCredit;
    out.TxnDate ??= today(ctx);
    if (out.DocNumber === undefined || out.DocNumber === '')
      out.DocNumber = existing?.entity.DocNumber ?? String(ctx.realm.nextDocNumber++);
    if (out.BillEmail !== undefined && typeof out.BillEmail?.Address !== 'string')
      throw errors.business('BillEmail.Address must be a valid email address');
    out.EmailStatus ??= 'NotSet';
    out.PrintStatus ??= 'NotSet';
    out.ApplyTaxAfterDiscount ??= false;
    return out;
  },
};
