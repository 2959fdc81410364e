import type { Actor } from '../runtime.js';
import type { WBalanceTransaction } from '../core/wire-types.js';
import { newId, nowSeconds } from '../core/ids.js';

/** Stripe's standard US pricing: cards 2.9% + 30¢; ACH Direct Debit 0.8% capped at $5. */
export function stripeFee(amount: number, method: 'card' | 'us_bank_account'): number {
  if (method === 'us_bank_account') return Math.min(Math.round(amount * 0.008), 500);
  return Math.round(amount * 0.029) + 30;
}

export function createBalanceTransaction(
  actor: Actor,
  o: {
    amount: number;
    currency: string;
    fee: number;
    source: string;
    type: WBalanceTransaction['type'];
    reporting_category: string;
    description: string | null;
    feeDescription?: string;
  },
): WBalanceTransaction {
  const created = nowSeconds();
  const bt: WBalanceTransaction = {
    id: newId('txn'),
    object: 'balance_transaction',
    amount: o.amount,
    available_on: created + 2 * 86400, // standard 2-day rolling payout schedule
    balance_type: 'payments',
    created,
    currency: o.currency,
    description: o.description,
    exchange_rate: null,
    fee: o.fee,
    fee_details: o.fee
      ? [
          {
            amount: o.fee,
            application: null,
            currency: o.currency,
            description: o.feeDescription ?? 'Stripe processing fees',
            type: 'stripe_fee',
          },
        ]
      : [],
    net: o.amount - o.fee,
    reporting_category: o.reporting_category,
    source: o.source,
    status: 'pending',
    type: o.type,
  };
  actor.acct.collections.balance_transactions[bt.id] = bt;
  return bt;
}
