// Derived accounts-receivable state. Balances are recomputed from the Payments that
// exist (rather than patched incrementally) so update/void/delete of any party stays
// consistent. Invoices/credit memos whose Balance or links change get a new SyncToken,
// LastUpdatedTime and an Update webhook, as QBO does when a payment is applied.
import type { EntityRecord, Json } from '../types.js';
import { type OpCtx, emit, round2, touch } from './common.js';

interface Link {
  txnId: string;
  txnType: string;
  amount: number;
  paymentId: string;
}

function paymentLinks(rec: EntityRecord): Link[] {
  if (rec.voided) return [];
  const out: Link[] = [];
  for (const line of (rec.entity.Line ?? []) as Json[]) {
    for (const t of (line.LinkedTxn ?? []) as Json[]) {
      out.push({
        txnId: String(t.TxnId),
        txnType: String(t.TxnType),
        amount: Number(line.Amount ?? 0),
        paymentId: rec.entity.Id,
      });
    }
  }
  return out;
}

function allLinks(ctx: OpCtx): Link[] {
  return ctx.store.live(ctx.realm, 'Payment').flatMap(paymentLinks);
}

/** Amount other payments already applied to a transaction (for over-application checks). */
export function appliedByOthers(ctx: OpCtx, txnType: string, txnId: string, excludePaymentId?: string): number {
  return round2(
    allLinks(ctx)
      .filter((l) => l.txnType === txnType && l.txnId === txnId && l.paymentId !== excludePaymentId)
      .reduce((s, l) => s + l.amount, 0),
  );
}

function isLive(ctx: OpCtx, name: string, id: string): boolean {
  const r = ctx.store.get(ctx.realm, name, id);
  return !!r && !r.voided;
}

export function recomputeReceivables(ctx: OpCtx, justWritten?: { name: string; id: string }): void {
  const links = allLinks(ctx);
  const changed = (name: string, rec: EntityRecord, next: Json) => {
    const before = JSON.stringify(Object.keys(next).map((k) => rec.entity[k]));
    Object.assign(rec.entity, next);
    if (before === JSON.stringify(Object.keys(next).map((k) => next[k]))) return;
    if (justWritten && justWritten.name === name && justWritten.id === rec.entity.Id) return;
    touch(rec.entity, ctx.now);
    emit(ctx, name, rec.entity.Id, 'Update');
  };

  for (const rec of ctx.store.live(ctx.realm, 'Invoice')) {
    if (rec.voided) continue;
    const mine = links.filter((l) => l.txnType === 'Invoice' && l.txnId === rec.entity.Id);
    const applied = mine.reduce((s, l) => s + l.amount, 0);
    const other = ((rec.entity.LinkedTxn ?? []) as Json[]).filter((t) => t.TxnType !== 'Payment');
    const paymentIds = [...new Set(mine.map((l) => l.paymentId))];
    changed('Invoice', rec, {
      Balance: round2(Math.max(0, Number(rec.entity.TotalAmt ?? 0) - applied)),
      LinkedTxn: [...other, ...paymentIds.map((id) => ({ TxnId: id, TxnType: 'Payment' }))],
    });
  }
  for (const rec of ctx.store.live(ctx.realm, 'CreditMemo')) {
    const used = links
      .filter((l) => l.txnType === 'CreditMemo' && l.txnId === rec.entity.Id)
      .reduce((s, l) => s + l.amount, 0);
    const remaining = round2(Math.max(0, Number(rec.entity.TotalAmt ?? 0) - used));
    changed('CreditMemo', rec, { RemainingCredit: remaining, Balance: remaining });
  }
  for (const rec of ctx.store.live(ctx.realm, 'Payment')) {
    if (rec.voided) continue;
    // Money applied to a voided/deleted invoice falls back to unapplied credit.
    const mine = paymentLinks(rec).filter((l) => isLive(ctx, l.txnType, l.txnId));
    const net = mine.reduce((s, l) => s + (l.txnType === 'CreditMemo' ? -l.amount : l.amount), 0);
    const unapplied = round2(Math.max(0, Number(rec.entity.TotalAmt ?? 0) - net));
    // UnappliedAmt is informational; don't bump SyncToken of payments for it.
    rec.entity.UnappliedAmt = unapplied;
  }
  // Customer open balance: not a write in QBO terms, so no SyncToken bump / webhook.
  const byCustomer = new Map<string, number>();
  const add = (ref: Json | undefined, amt: number) =>
    ref && byCustomer.set(String(ref.value), round2((byCustomer.get(String(ref.value)) ?? 0) + amt));
  for (const r of ctx.store.live(ctx.realm, 'Invoice'))
    if (!r.voided) add(r.entity.CustomerRef, Number(r.entity.Balance ?? 0));
  for (const r of ctx.store.live(ctx.realm, 'CreditMemo'))
    add(r.entity.CustomerRef, -Number(r.entity.RemainingCredit ?? 0));
  for (const r of ctx.store.live(ctx.realm, 'Payment'))
    if (!r.voided) add(r.entity.CustomerRef, -Number(r.entity.UnappliedAmt ?? 0));
  for (const c of ctx.store.live(ctx.realm, 'Customer')) {
    const bal = byCustomer.get(c.entity.Id) ?? 0;
    c.entity.Balance = bal;
    c.entity.BalanceWithJobs = bal;
  }
}
