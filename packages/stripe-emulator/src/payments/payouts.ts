import { createHash } from 'node:crypto';
import type { Actor, ApiContext } from '../runtime.js';
import type { AccountData } from '../core/store.js';
import type { WBalance, WBalanceTransaction, WPayout } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { listRoute } from '../api/collection-routes.js';
import { filterCreated } from '../api/list.js';
import { str } from '../api/param-helpers.js';
import { getOr404 } from '../core/resource-helpers.js';
import { newId, nowSeconds } from '../core/ids.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { createBalanceTransaction } from './balance.js';

const DAY = 86400;

/** Pending funds become available on their `available_on` (read lazily, as nothing else moves them). */
export function refreshAvailability(acct: AccountData, now = nowSeconds()): void {
  for (const bt of Object.values(acct.collections.balance_transactions)) becomeAvailable(bt, now);
}

export function becomeAvailable(bt: WBalanceTransaction, now = nowSeconds()): void {
  if (bt.status === 'pending' && bt.available_on <= now) bt.status = 'available';
}

const payouts = (acct: AccountData) => (acct.collections.payouts ??= {});

/** The account's default external bank account (stable per account; the emulator has no external accounts API). */
const bankAccountOf = (acct: AccountData) =>
  `ba_${createHash('sha256').update(acct.id).digest('hex').slice(0, 24).toUpperCase()}`;

function sumBy(bts: WBalanceTransaction[], status: 'available' | 'pending') {
  const out: Record<string, number> = {};
  for (const bt of bts) if (bt.status === status) out[bt.currency] = (out[bt.currency] ?? 0) + bt.net;
  return out;
}

/** `GET /v1/balance`: the net of every balance transaction, split by whether its funds are available yet. */
export function balanceOf(acct: AccountData): WBalance {
  refreshAvailability(acct);
  const bts = Object.values(acct.collections.balance_transactions);
  const available = sumBy(bts, 'available');
  const pending = sumBy(bts, 'pending');
  const currencies = [...new Set([...Object.keys(available), ...Object.keys(pending)])];
  if (!currencies.length) currencies.push('usd');
  const row = (m: Record<string, number>, currency: string) => ({
    amount: m[currency] ?? 0,
    currency,
    source_types: { card: m[currency] ?? 0 },
  });
  return {
    object: 'balance',
    available: currencies.map((c) => row(available, c)),
    connect_reserved: currencies.map((c) => ({ amount: 0, currency: c })),
    livemode: !!acct.livemode,
    pending: currencies.map((c) => row(pending, c)),
  };
}

/**
 * One automatic payout per currency of the balance transactions available by `asOf` and not yet paid out
 * (a negative or zero total stays in the balance). `now` makes what is due available at once, as the
 * schedule reaching their `available_on` would. Each payout is `payout.created` (in transit); with
 * `arrive` it also arrives (`paid`, `payout.paid`) — otherwise `arrivePayouts` does that on its date.
 */
export function createPayouts(actor: Actor, o: { now?: boolean; arrive?: boolean } = {}): WPayout[] {
  const { acct } = actor;
  const now = nowSeconds();
  const paidOut = (acct.paidOutBy ??= {});
  if (o.now)
    for (const bt of Object.values(acct.collections.balance_transactions))
      if (bt.status === 'pending') {
        bt.available_on = now;
        bt.status = 'available';
      }
  refreshAvailability(acct, now);
  const due = Object.values(acct.collections.balance_transactions).filter(
    (bt) => bt.status === 'available' && !paidOut[bt.id] && bt.type !== 'payout',
  );
  const created: WPayout[] = [];
  for (const currency of new Set(due.map((bt) => bt.currency))) {
    const group = due.filter((bt) => bt.currency === currency);
    const amount = group.reduce((s, bt) => s + bt.net, 0);
    if (amount <= 0) continue;
    const id = newId('po');
    const bt = createBalanceTransaction(actor, {
      amount: -amount,
      currency,
      fee: 0,
      source: id,
      type: 'payout',
      reporting_category: 'payout',
      description: 'STRIPE PAYOUT',
    });
    bt.available_on = now;
    bt.status = 'available';
    const po: WPayout = {
      id,
      object: 'payout',
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: o.arrive ? now : now + DAY,
      automatic: true,
      balance_transaction: bt.id,
      created: now,
      currency,
      description: 'STRIPE PAYOUT',
      destination: bankAccountOf(acct),
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: !!acct.livemode,
      metadata: {},
      method: 'standard',
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'completed',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: null,
      status: 'in_transit',
      trace_id: { status: 'pending', value: null },
      type: 'bank_account',
    };
    for (const t of [...group, bt]) paidOut[t.id] = id;
    payouts(acct)[id] = po;
    emitEvent(actor, 'payout.created', po);
    created.push(po);
  }
  if (o.arrive) arrivePayouts(actor, created);
  return created;
}

/** Payouts in transit whose arrival date has come are `paid` (`payout.paid`, then `payout.updated`). */
export function arrivePayouts(actor: Actor, only?: WPayout[]): WPayout[] {
  const now = nowSeconds();
  const arrived = (only ?? Object.values(payouts(actor.acct))).filter(
    (p) => p.status === 'in_transit' && p.arrival_date <= now,
  );
  for (const po of arrived) {
    const before = snapshot(po);
    po.status = 'paid';
    po.trace_id = { status: 'supported', value: `TRACE${po.id.slice(3, 15).toUpperCase()}` };
    emitEvent(actor, 'payout.paid', po);
    emitEvent(actor, 'payout.updated', po, diffPrevious(before, po));
  }
  return arrived;
}

const FAILURES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  no_account:
    'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  could_not_process: 'The bank could not process this payout.',
};

/**
 * The bank returned a payout (in transit, or even after it showed `paid`, as Stripe warns it may): it
 * becomes `failed` with a failure code, its amount comes back to the balance (a `payout_failure`
 * balance transaction, available at once) and `payout.failed` then `payout.updated` are sent. Null when
 * the payout is not in transit or paid (a failed payout fails once).
 */
export function failPayout(actor: Actor, po: WPayout, code = 'account_closed'): WPayout | null {
  if (po.status !== 'in_transit' && po.status !== 'paid') return null;
  const before = snapshot(po);
  const bt = createBalanceTransaction(actor, {
    amount: po.amount,
    currency: po.currency,
    fee: 0,
    source: po.id,
    type: 'payout_failure' as WBalanceTransaction['type'],
    reporting_category: 'payout_reversal',
    description: 'STRIPE PAYOUT FAILURE',
  });
  bt.available_on = nowSeconds();
  bt.status = 'available';
  po.status = 'failed';
  po.failure_balance_transaction = bt.id;
  po.failure_code = code;
  po.failure_message = FAILURES[code] ?? 'The bank returned this payout.';
  emitEvent(actor, 'payout.failed', po);
  emitEvent(actor, 'payout.updated', po, diffPrevious(before, po));
  return po;
}

/** The daily automatic schedule: arrive what is due, then pay out what became available. */
export function runPayoutSchedule(actor: Actor): void {
  arrivePayouts(actor);
  createPayouts(actor);
}

export const payoutRoutes: Route[] = [
  route('GET', '/v1/balance', (ctx) => balanceOf(ctx.acct)),
  listRoute('/v1/payouts', 'payouts', 'payout', ['status', 'destination'], {
    refine: (ctx, items) => filterCreated(items, ctx.params, 'arrival_date', (p) => p.arrival_date),
  }),
  route('GET', '/v1/payouts/:id', (ctx) => getOr404(ctx.acct, 'payouts', ctx.path.id!, 'payout')),
];

/** `payout` filter of `GET /v1/balance_transactions`: what that automatic payout paid out, and the payout itself. */
export function paidOutIn(ctx: ApiContext, items: WBalanceTransaction[]): WBalanceTransaction[] {
  const payout = str(ctx.params, 'payout');
  if (!payout) return items;
  const acct = ctx.acct;
  const paidOut = acct.paidOutBy ?? {};
  return items.filter((bt) => paidOut[bt.id] === payout);
}
