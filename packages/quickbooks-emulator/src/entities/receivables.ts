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

/** Live records of a type in no particular order (the recompute treats each on its own). */
function liveRecords(ctx: OpCtx, name: string): EntityRecord[] {
  return Object.values(ctx.store.records(ctx.realm, name)).filter((r) => r.deletedAt === undefined);
}

function allLinks(ctx: OpCtx): Link[] {
  return liveRecords(ctx, 'Payment').flatMap(paymentLinks);
}

/**
 * The invoices a write of Payment `id` can change: those it applies to now and those it applied to
 * before (their LinkedTxn names it). Null for any other write: then every invoice is recomputed.
 */
function invoicesTouchedBy(ctx: OpCtx, justWritten?: { name: string; id: string }): Set<string> | null {
  if (justWritten?.name !== 'Payment') return null;
  const out = new Set<string>();
  const rec = ctx.store.records(ctx.realm, 'Payment')[justWritten.id];
  if (rec && rec.deletedAt === undefined)
    for (const l of paymentLinks(rec)) if (l.txnType === 'Invoice') out.add(l.txnId);
  for (const inv of liveRecords(ctx, 'Invoice'))
    if (
      ((inv.entity.LinkedTxn ?? []) as Json[]).some(
        (t) => t.TxnType === 'Payment' && String(t.TxnId) === justWritten.id,
      )
    )
      out.add(String(inv.entity.Id));
  return out;
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
  // Links by the transaction they apply to, built once: each write recomputes every balance, so a
  // scan of all links per invoice would make seeding a large company quadratic per write.
  const byTxn = new Map<string, Link[]>();
  for (const l of links) {
    const k = `${l.txnType}:${l.txnId}`;
    const list = byTxn.get(k);
    if (list) list.push(l);
    else byTxn.set(k, [l]);
  }
  const changed = (name: string, rec: EntityRecord, next: Json) => {
    const before = JSON.stringify(Object.keys(next).map((k) => rec.entity[k]));
    Object.assign(rec.entity, next);
    if (before === JSON.stringify(Object.keys(next).map((k) => next[k]))) return;
    if (justWritten && justWritten.name === name && justWritten.id === rec.entity.Id) return;
    touch(rec.entity, ctx.now);
    emit(ctx, name, rec.entity.Id, 'Update');
  };
  const sameLinks = (a: Json[] | undefined, b: Json[]) =>
    (a ?? []).length === b.length &&
    b.every((t, i) => String(a![i]?.TxnId) === String(t.TxnId) && a![i]?.TxnType === t.TxnType);

  // A payment's write only moves the invoices it applies (or applied) to; the rest keep their balance.
  const touched = invoicesTouchedBy(ctx, justWritten);
  const invoices = touched
    ? [...touched].map((id) => ctx.store.get(ctx.realm, 'Invoice', id)).filter((r): r is EntityRecord => !!r)
    : ctx.store.live(ctx.realm, 'Invoice');
  for (const rec of invoices) {
    if (rec.voided) continue;
    const mine = byTxn.get(`Invoice:${rec.entity.Id}`) ?? [];
    const applied = mine.reduce((s, l) => s + l.amount, 0);
    const other = ((rec.entity.LinkedTxn ?? []) as Json[]).filter((t) => t.TxnType !== 'Payment');
    const paymentIds = [...new Set(mine.map((l) => l.paymentId))];
    const next = {
      Balance: round2(Math.max(0, Number(rec.entity.TotalAmt ?? 0) - applied)),
      LinkedTxn: [...other, ...paymentIds.map((id) => ({ TxnId: id, TxnType: 'Payment' }))],
    };
    // Most invoices are untouched by a write: skip the comparison by serialisation for them.
    if (rec.entity.Balance === next.Balance && sameLinks(rec.entity.LinkedTxn as Json[] | undefined, next.LinkedTxn))
      continue;
    changed('Invoice', rec, next);
  }
  for (const rec of ctx.store.live(ctx.realm, 'CreditMemo')) {
    const used = (byTxn.get(`CreditMemo:${rec.entity.Id}`) ?? []).reduce((s, l) => s + l.amount, 0);
    const remaining = round2(Math.max(0, Number(rec.entity.TotalAmt ?? 0) - used));
    changed('CreditMemo', rec, { RemainingCredit: remaining, Balance: remaining });
  }
  const payments = touched
    ? [ctx.store.get(ctx.realm, 'Payment', justWritten!.id)].filter((r): r is EntityRecord => !!r)
    : ctx.store.live(ctx.realm, 'Payment');
  for (const rec of payments) {
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
  for (const r of liveRecords(ctx, 'Invoice')) if (!r.voided) add(r.entity.CustomerRef, Number(r.entity.Balance ?? 0));
  for (const r of liveRecords(ctx, 'CreditMemo')) add(r.entity.CustomerRef, -Number(r.entity.RemainingCredit ?? 0));
  for (const r of liveRecords(ctx, 'Payment'))
    if (!r.voided) add(r.entity.CustomerRef, -Number(r.entity.UnappliedAmt ?? 0));
  for (const c of liveRecords(ctx, 'Customer')) {
    const bal = byCustomer.get(c.entity.Id) ?? 0;
    c.entity.Balance = bal;
    c.entity.BalanceWithJobs = bal;
  }
}
