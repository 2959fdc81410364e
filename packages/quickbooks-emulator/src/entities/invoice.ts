// Invoice: totals from lines, Balance maintained by receivables.ts from linked
// Payments, DocNumber auto-assignment/uniqueness, void, and the Pay Now InvoiceLink.
import { randomBytes } from 'node:crypto';
import { addDays } from '../clock.js';
import { errors } from '../faults.js';
import { type EntityDef, resolveRef, round2, today } from './common.js';
import { salesDocument, voidNote, zeroLines } from './sales-lines.js';

/** Minor version from which QBO returns InvoiceLink for online-payable invoices. */
const INVOICE_LINK_MINOR = 36;

export const invoiceDef: EntityDef = {
  name: 'Invoice',
  canDelete: true,
  canVoid: true,
  affectsReceivables: true,
  readOnly: ['TotalAmt', 'Balance', 'HomeTotalAmt', 'HomeBalance', 'InvoiceLink', 'DeliveryInfo'],
  normalize(input, ctx, existing) {
    if (existing?.voided) throw errors.business('A voided transaction cannot be modified');
    const { out, total } = salesDocument(input, ctx);
    out.Balance = existing ? existing.entity.Balance : total; // exact value set by receivables
    out.TxnDate ??= today(ctx);
    if (input.SalesTermRef) out.SalesTermRef = resolveRef(ctx, input.SalesTermRef, 'Term', 'SalesTermRef');
    if (!out.DueDate) {
      const term = out.SalesTermRef ? ctx.store.get(ctx.realm, 'Term', out.SalesTermRef.value) : undefined;
      out.DueDate = addDays(out.TxnDate, term ? Number(term.entity.DueDays ?? 0) : 30);
    }
    if (out.DocNumber === undefined || out.DocNumber === '') {
      out.DocNumber = existing?.entity.DocNumber ?? String(ctx.realm.nextDocNumber++);
    } else {
      out.DocNumber = String(out.DocNumber);
      if (out.DocNumber.length > 21) throw errors.business('DocNumber is longer than 21 characters');
      const clash = ctx.store
        .live(ctx.realm, 'Invoice')
        .some((r) => r.entity.Id !== existing?.entity.Id && r.entity.DocNumber === out.DocNumber);
      if (clash && !ctx.include.has('allowduplicatedocnum')) throw errors.duplicateDocNum(out.DocNumber);
    }
    if (
      out.BillEmail !== undefined &&
      (typeof out.BillEmail !== 'object' || typeof out.BillEmail?.Address !== 'string')
    ) {
      throw errors.business('BillEmail.Address must be a valid email address');
    }
    out.EmailStatus ??= 'NotSet';
    out.PrintStatus ??= 'NotSet';
    out.AllowIPNPayment ??= false;
    out.AllowOnlinePayment ??= false;
    out.AllowOnlineCreditCardPayment ??= false;
    out.AllowOnlineACHPayment ??= false;
    out.ApplyTaxAfterDiscount ??= false;
    out.Deposit ??= 0;
    out.LinkedTxn = Array.isArray(input.LinkedTxn) ? input.LinkedTxn.filter((t: any) => t?.TxnType !== 'Payment') : [];
    if (existing?.entity.DeliveryInfo) out.DeliveryInfo = existing.entity.DeliveryInfo;
    return out;
  },
  void(rec) {
    const e = rec.entity;
    rec.voided = true;
    e.Line = zeroLines(e.Line);
    e.TotalAmt = 0;
    e.HomeTotalAmt = 0;
    e.Balance = 0;
    e.TxnTaxDetail = { TotalTax: 0 };
    e.PrivateNote = voidNote(e.PrivateNote);
  },
  render(stored, rec, ctx) {
    // A foreign-currency invoice also states its open balance in the home currency.
    const entity =
      stored.ExchangeRate === undefined
        ? stored
        : { ...stored, HomeBalance: round2(Number(stored.Balance ?? 0) * Number(stored.ExchangeRate)) };
    const online = entity.AllowOnlineCreditCardPayment === true || entity.AllowOnlineACHPayment === true;
    if (!online || rec.voided || ctx.minorversion < INVOICE_LINK_MINOR) return entity;
    if (!rec.payToken) {
      rec.payToken = `scs-v1-${randomBytes(24).toString('hex')}`;
      ctx.store.scheduleSave();
    }
    return { ...entity, InvoiceLink: `${ctx.publicUrl}/portal/app/CommerceNetwork/view/${rec.payToken}` };
  },
};
