import type { ApiContext } from '../runtime.js';
import type { WCustomer } from '../core/wire-types.js';
import type { ParamObject } from '../api/form-params.js';
import { route, type Route } from '../api/routes.js';
import { str, applyMetadata, strArray, obj, int, currencyParam } from '../api/param-helpers.js';
import { filterCreated, newestFirst, paginate } from '../api/list.js';
import { emitEvent, diffPrevious, snapshot } from '../webhooks/events.js';
import { newId, nowSeconds, randomBase62 } from '../core/ids.js';
import { getOr404, emptyAddress, deleted } from '../core/resource-helpers.js';
import { invalidRequest, resourceMissing } from '../core/errors.js';
import { attachPaymentMethod } from '../payments/payment-method-routes.js';
import { setBalance, recordBalanceChange } from '../invoices/customer-balance.js';

function address(p: ParamObject | undefined) {
  const a = emptyAddress();
  if (!p) return a;
  for (const k of Object.keys(a) as Array<keyof typeof a>)
    if (typeof p[k] === 'string') (a as Record<string, string | null>)[k] = p[k] as string;
  return a;
}

/** Stripe only takes a PaymentMethod attached to this customer as its default. */
function defaultPaymentMethod(ctx: ApiContext, c: WCustomer, id: string): string | null {
  if (!id) return null;
  const param = 'invoice_settings[default_payment_method]';
  const pm = ctx.acct.collections.payment_methods[id];
  if (!pm) throw invalidRequest(`No such PaymentMethod: '${id}'`, param, 'resource_missing');
  if (pm.customer !== c.id)
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      param,
      'resource_missing',
    );
  return id;
}

function apply(ctx: ApiContext, c: WCustomer, p: ParamObject, creating = false): void {
  if (p.email !== undefined) c.email = str(p, 'email') ?? null;
  if (p.name !== undefined) c.name = str(p, 'name') ?? null;
  if (p.description !== undefined) c.description = str(p, 'description') ?? null;
  if (p.phone !== undefined) c.phone = str(p, 'phone') ?? null;
  if (p.address !== undefined) c.address = p.address === '' ? null : address(obj(p, 'address'));
  if (p.preferred_locales !== undefined) c.preferred_locales = strArray(p, 'preferred_locales') ?? [];
  if (p.balance !== undefined) setBalance(ctx, c, int(p, 'balance')!, creating);
  if (p.tax_exempt !== undefined) c.tax_exempt = (str(p, 'tax_exempt') ?? 'none') as WCustomer['tax_exempt'];
  if (p.next_invoice_sequence !== undefined) c.next_invoice_sequence = int(p, 'next_invoice_sequence')!;
  const is = obj(p, 'invoice_settings');
  if (is) {
    if (is.default_payment_method !== undefined)
      c.invoice_settings.default_payment_method = defaultPaymentMethod(ctx, c, str(is, 'default_payment_method') ?? '');
    if (is.footer !== undefined) c.invoice_settings.footer = (is.footer as string) || null;
  }
  c.metadata = applyMetadata(c.metadata, p);
  if (c.email && c.email.length > 512) throw invalidRequest('Invalid email address', 'email');
}

function create(ctx: ApiContext): WCustomer {
  const c: WCustomer = {
    id: newId('cus', 14).replace('_1', '_'),
    object: 'customer',
    address: null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: randomBase62(8)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X'),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: !!ctx.acct.livemode,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
    customer_account: null,
  };
  // `payment_method` attaches one at creation, so `invoice_settings[default_payment_method]` can name it.
  ctx.acct.collections.customers[c.id] = c;
  const pm = str(ctx.params, 'payment_method');
  try {
    if (pm) attachPaymentMethod(ctx, pm, c.id);
    apply(ctx, c, ctx.params, true);
  } catch (err) {
    delete ctx.acct.collections.customers[c.id];
    throw err;
  }
  emitEvent(ctx, 'customer.created', c);
  return c;
}

/**
 * Minimal Search Query Language: `field:'value'` clauses on email / name / phone / metadata['k'],
 * joined by AND or OR (not both, as on Stripe). `~` does a substring match.
 */
function searchFilter(query: string): (c: WCustomer) => boolean {
  const joiner = / OR /.test(query) ? ' OR ' : ' AND ';
  if (/ OR /.test(query) && / AND /.test(query)) throw invalidRequest('Search queries cannot mix AND and OR.', 'query');
  const clauses = query.split(joiner).map((raw) => {
    const m = /^\s*(email|name|phone|description|metadata\['([^']+)'\])\s*(:|~)\s*'((?:[^'\\]|\\.)*)'\s*$/.exec(raw);
    if (!m) throw invalidRequest(`Invalid search query: ${raw.trim()}`, 'query');
    const [, field, metaKey, op, value] = m;
    return (c: WCustomer) => {
      const actual = metaKey ? c.metadata[metaKey] : (c as unknown as Record<string, string | null>)[field!];
      if (actual === undefined || actual === null) return false;
      return op === ':' ? actual === value!.replace(/\\'/g, "'") : actual.toLowerCase().includes(value!.toLowerCase());
    };
  });
  return (c) => (joiner === ' OR ' ? clauses.some((f) => f(c)) : clauses.every((f) => f(c)));
}

export const customerRoutes: Route[] = [
  route('GET', '/v1/customers/search', (ctx) => {
    const query = str(ctx.params, 'query', true)!;
    const limit = int(ctx.params, 'limit') ?? 10;
    if (limit < 1 || limit > 100)
      throw invalidRequest('This value must be less than or equal to 100 and greater than or equal to 1.', 'limit');
    const offset = Number(str(ctx.params, 'page') ?? '0') || 0;
    const all = newestFirst(ctx.acct.collections.customers).filter(searchFilter(query));
    const data = all.slice(offset, offset + limit);
    const more = all.length > offset + limit;
    return {
      object: 'search_result',
      data,
      has_more: more,
      next_page: more ? String(offset + limit) : null,
      url: '/v1/customers/search',
    };
  }),
  route('POST', '/v1/customers', create),
  route('GET', '/v1/customers', (ctx) => {
    let items = newestFirst(ctx.acct.collections.customers);
    const email = str(ctx.params, 'email');
    if (email !== undefined) items = items.filter((c) => c.email === email); // case-sensitive, like Stripe
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/customers', 'customer');
  }),
  route('GET', '/v1/customers/:id', (ctx) => {
    const id = ctx.path.id!;
    const c = ctx.acct.collections.customers[id];
    // Deleted customers still retrieve, as a stub with `deleted: true`.
    if (!c && ctx.acct.deletedIds?.[id]) return deleted(id, 'customer');
    return getOr404(ctx.acct, 'customers', id, 'customer');
  }),
  route('POST', '/v1/customers/:id', (ctx) => {
    const c = getOr404(ctx.acct, 'customers', ctx.path.id!, 'customer');
    const before = snapshot(c);
    apply(ctx, c, ctx.params);
    const prev = diffPrevious(before, c);
    if (prev) emitEvent(ctx, 'customer.updated', c, prev);
    return c;
  }),
  route('DELETE', '/v1/customers/:id', (ctx) => {
    const c = getOr404(ctx.acct, 'customers', ctx.path.id!, 'customer');
    delete ctx.acct.collections.customers[c.id];
    ctx.acct.deletedIds = { ...(ctx.acct.deletedIds ?? {}), [c.id]: true };
    emitEvent(ctx, 'customer.deleted', c);
    return deleted(c.id, 'customer');
  }),
];

/** `customers.createBalanceTransaction` and friends: credit (negative) or debit (positive) adjustments. */
export const customerBalanceRoutes: Route[] = [
  route('POST', '/v1/customers/:id/balance_transactions', (ctx) => {
    const c = getOr404(ctx.acct, 'customers', ctx.path.id!, 'customer', 'customer');
    const amount = int(ctx.params, 'amount', true)!;
    const currency = currencyParam(ctx.params)!;
    if (c.currency && c.currency !== currency)
      throw invalidRequest(
        `The currency of this customer's balance is ${c.currency}; a transaction in ${currency} cannot be added.`,
        'currency',
      );
    const before = snapshot(c);
    c.currency ??= currency;
    const txn = recordBalanceChange(ctx, c, amount, 'adjustment', {
      currency,
      description: str(ctx.params, 'description') ?? null,
      metadata: applyMetadata({}, ctx.params),
    });
    emitEvent(ctx, 'customer.updated', c, diffPrevious(before, c));
    return txn;
  }),
  route('GET', '/v1/customers/:id/balance_transactions', (ctx) => {
    const c = getOr404(ctx.acct, 'customers', ctx.path.id!, 'customer', 'customer');
    const items = newestFirst(ctx.acct.collections.customer_balance_transactions).filter((t) => t.customer === c.id);
    return paginate(
      filterCreated(items, ctx.params),
      ctx.params,
      `/v1/customers/${c.id}/balance_transactions`,
      'customer_balance_transaction',
    );
  }),
  route('GET', '/v1/customers/:customer/balance_transactions/:id', (ctx) => balanceTxn(ctx)),
  route('POST', '/v1/customers/:customer/balance_transactions/:id', (ctx) => {
    const txn = balanceTxn(ctx);
    if (ctx.params.description !== undefined) txn.description = str(ctx.params, 'description') ?? null;
    txn.metadata = applyMetadata(txn.metadata ?? {}, ctx.params);
    return txn;
  }),
];

function balanceTxn(ctx: ApiContext) {
  const c = getOr404(ctx.acct, 'customers', ctx.path.customer!, 'customer', 'customer');
  const txn = ctx.acct.collections.customer_balance_transactions[ctx.path.id!];
  if (!txn || txn.customer !== c.id) throw resourceMissing('customer_balance_transaction', ctx.path.id!);
  return txn;
}
