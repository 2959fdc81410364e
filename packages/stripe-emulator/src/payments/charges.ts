import { route, type Route } from '../api/routes.js';
import { getOr404 } from '../core/resource-helpers.js';
import { becomeAvailable, paidOutIn, refreshAvailability } from './payouts.js';
import { listRoute, retrieveRoute } from '../api/collection-routes.js';
import { registerIncludable } from '../api/expand.js';

export const chargeRoutes: Route[] = [
  listRoute('/v1/charges', 'charges', 'charge', ['customer', 'payment_intent']),
  retrieveRoute('/v1/charges/:id', 'charges', 'charge'),
  listRoute('/v1/balance_transactions', 'balance_transactions', 'balance_transaction', ['currency', 'source', 'type'], {
    each: (_ctx, bt) => becomeAvailable(bt),
    refine: paidOutIn,
  }),
  route('GET', '/v1/balance_transactions/:id', (ctx) => {
    refreshAvailability(ctx.acct);
    return getOr404(ctx.acct, 'balance_transactions', ctx.path.id!, 'balance transaction');
  }),
  listRoute('/v1/invoice_payments', 'invoice_payments', 'invoice_payment', ['invoice', 'status'], {
    refine(ctx, items) {
      const payment = ctx.params.payment;
      if (
        !payment ||
        typeof payment !== 'object' ||
        Array.isArray(payment) ||
        typeof payment.payment_intent !== 'string'
      )
        return items;
      return items.filter((i) => i.payment.payment_intent === payment.payment_intent);
    },
  }),
  retrieveRoute('/v1/invoice_payments/:id', 'invoice_payments', 'invoice_payment'),
];

// Since 2022-11-15 `charge.refunds` is includable only.
registerIncludable('charge', 'refunds', (acct, obj) => {
  const data = Object.values(acct.collections.refunds)
    .filter((r) => r.charge === obj.id)
    .reverse();
  return {
    object: 'list',
    data: JSON.parse(JSON.stringify(data)),
    has_more: false,
    url: `/v1/charges/${String(obj.id)}/refunds`,
  };
});
