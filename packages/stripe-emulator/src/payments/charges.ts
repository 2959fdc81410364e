import { route, type Route } from '../api/routes.js';
import { str } from '../api/param-helpers.js';
import { filterCreated, newestFirst, paginate, PAGINATION_PARAMS } from '../api/list.js';
import { getOr404 } from '../core/resource-helpers.js';
import { registerIncludable } from '../api/expand.js';

export const chargeRoutes: Route[] = [
  route('GET', '/v1/charges', [...PAGINATION_PARAMS, 'created', 'customer', 'payment_intent', 'transfer_group'], (ctx) => {
    let items = newestFirst(ctx.acct.collections.charges);
    const customer = str(ctx.params, 'customer');
    if (customer) items = items.filter((i) => i.customer === customer);
    const pi = str(ctx.params, 'payment_intent');
    if (pi) items = items.filter((i) => i.payment_intent === pi);
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/charges', 'charge');
  }),
  route('GET', '/v1/charges/:id', [], (ctx) => getOr404(ctx.acct, 'charges', ctx.path.id!, 'charge')),
  route('GET', '/v1/balance_transactions', [...PAGINATION_PARAMS, 'created', 'currency', 'payout', 'source', 'type'], (ctx) => {
    let items = newestFirst(ctx.acct.collections.balance_transactions);
    const source = str(ctx.params, 'source');
    if (source) items = items.filter((i) => i.source === source);
    const type = str(ctx.params, 'type');
    if (type) items = items.filter((i) => i.type === type);
    const currency = str(ctx.params, 'currency');
    if (currency) items = items.filter((i) => i.currency === currency);
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/balance_transactions', 'balance_transaction');
  }),
  route('GET', '/v1/balance_transactions/:id', [], (ctx) => getOr404(ctx.acct, 'balance_transactions', ctx.path.id!, 'balance transaction')),
  route('GET', '/v1/invoice_payments', [...PAGINATION_PARAMS, 'created', 'invoice', 'payment', 'status'], (ctx) => {
    let items = newestFirst(ctx.acct.collections.invoice_payments);
    const invoice = str(ctx.params, 'invoice');
    if (invoice) items = items.filter((i) => i.invoice === invoice);
    const status = str(ctx.params, 'status');
    if (status) items = items.filter((i) => i.status === status);
    const payment = ctx.params.payment;
    if (payment && typeof payment === 'object' && !Array.isArray(payment) && typeof payment.payment_intent === 'string') {
      items = items.filter((i) => i.payment.payment_intent === payment.payment_intent);
    }
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/invoice_payments', 'invoice_payment');
  }),
  route('GET', '/v1/invoice_payments/:id', [], (ctx) => getOr404(ctx.acct, 'invoice_payments', ctx.path.id!, 'invoice_payment')),
  route('GET', '/v1/payment_methods/:id', [], (ctx) => getOr404(ctx.acct, 'payment_methods', ctx.path.id!, 'payment_method')),
];

// Since 2022-11-15 `charge.refunds` is includable only.
registerIncludable('charge', 'refunds', (acct, obj) => {
  const data = Object.values(acct.collections.refunds).filter((r) => r.charge === obj.id).reverse();
  return { object: 'list', data: JSON.parse(JSON.stringify(data)), has_more: false, url: `/v1/charges/${String(obj.id)}/refunds` };
});
