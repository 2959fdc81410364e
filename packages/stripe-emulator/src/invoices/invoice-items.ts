import type { ApiContext } from '../runtime.js';
import type { WInvoiceItem } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { retrieveRoute, whereParams } from '../api/collection-routes.js';
import { str, int, applyMetadata, obj, currencyParam, bool } from '../api/param-helpers.js';
import { filterCreated, newestFirst, paginate } from '../api/list.js';
import { emitEvent } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject, deleted } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { decimalParam, createPrice } from '../catalog/prices.js';
import { recomputeInvoice } from './invoice-model.js';
import { requireTenStep } from '../payments/minimum-charge.js';

/** Multiplies decimal strings exactly enough for cents: Stripe rounds line amounts half-up. */
const times = (unit: string, qty: string) => Math.round(Number(unit) * Number(qty));

function create(ctx: ApiContext): WInvoiceItem {
  const p = ctx.params;
  const invoiceId = str(p, 'invoice');
  const invoice = invoiceId ? getParamObject(ctx.acct, 'invoices', invoiceId, 'invoice', 'invoice') : undefined;
  if (invoice && invoice.status !== 'draft') {
    throw invalidRequest(
      `You can only add invoice items to draft invoices. Invoice ${invoice.id} is ${invoice.status}.`,
      'invoice',
      'invoice_not_editable',
    );
  }
  const customer = str(p, 'customer') ?? (invoice ? (invoice.customer as string) : undefined);
  if (!customer) throw missingParam('customer');
  getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer');
  if (invoice && invoice.customer !== customer)
    throw invalidRequest('The invoice item customer must match the invoice customer.', 'customer');

  const quantityDecimal = decimalParam(p, 'quantity_decimal');
  const quantityInt = int(p, 'quantity');
  if (quantityInt !== undefined && quantityInt < 0)
    throw invalidRequest('This value must be greater than or equal to 0.', 'quantity');
  const qty = quantityDecimal ?? String(quantityInt ?? 1);

  let priceId: string | null = null;
  let productId: string | null = null;
  let currency: string | undefined;
  let unit: string;
  const pricing = obj(p, 'pricing');
  const priceData = obj(p, 'price_data');
  const amount = int(p, 'amount');
  const unitDecimal = decimalParam(p, 'unit_amount_decimal');
  if (pricing?.price) {
    const price = getParamObject(ctx.acct, 'prices', pricing.price as string, 'price', 'pricing[price]');
    if (!price.active)
      throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, 'pricing[price]');
    if (price.custom_unit_amount)
      throw invalidRequest('Prices with custom_unit_amount cannot be used on invoice items.', 'pricing[price]');
    priceId = price.id;
    productId = price.product as string;
    currency = price.currency;
    unit = price.unit_amount_decimal ?? '0';
  } else if (priceData) {
    const price = createPrice(ctx, { ...priceData });
    priceId = price.id;
    productId = price.product as string;
    currency = price.currency;
    unit = price.unit_amount_decimal ?? '0';
  } else if (amount !== undefined) {
    currency = currencyParam(p, 'currency', !invoice) ?? invoice?.currency;
    // `amount` is the total; the unit is derived (Stripe reports quantity 1 for amount items).
    unit = String(amount);
    if (quantityInt === undefined && quantityDecimal === undefined) {
      /* quantity 1 */
    } else unit = String(amount / Number(qty));
  } else if (unitDecimal !== undefined) {
    currency = currencyParam(p, 'currency', !invoice) ?? invoice?.currency;
    unit = unitDecimal;
  } else {
    throw missingParam('amount');
  }
  if (!currency) throw missingParam('currency');
  if (invoice && invoice.currency !== currency) {
    throw invalidRequest(
      `The currency of the invoice item (${currency}) must match the currency of the invoice (${invoice.currency}).`,
      'currency',
    );
  }
  const total = amount !== undefined && !pricing && !priceData ? amount : times(unit, qty);
  requireTenStep(total, currency, amount !== undefined && !pricing && !priceData ? 'amount' : 'unit_amount_decimal');
  const now = nowSeconds();
  const period = obj(p, 'period');
  const item: WInvoiceItem = {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: total,
    currency,
    customer,
    customer_account: null,
    date: now,
    description: str(p, 'description') ?? null,
    discountable: bool(p, 'discountable') ?? true,
    discounts: [],
    invoice: invoice?.id ?? null,
    livemode: !!ctx.acct.livemode,
    metadata: applyMetadata({}, p),
    net_amount: total,
    parent: null,
    period: period
      ? { start: int(period, 'start', true, 'period[start]')!, end: int(period, 'end', true, 'period[end]')! }
      : { start: now, end: now },
    pricing: {
      type: 'price_details',
      price_details: priceId ? { price: priceId, product: productId! } : undefined,
      unit_amount_decimal: unit,
    } as WInvoiceItem['pricing'],
    proration: false,
    quantity: Math.trunc(Number(qty)),
    quantity_decimal: qty,
    tax_rates: [],
    test_clock: null,
  };
  if (!priceId && item.pricing) delete (item.pricing as { price_details?: unknown }).price_details;
  ctx.acct.collections.invoiceitems[item.id] = item;
  emitEvent(ctx, 'invoiceitem.created', item);
  if (invoice) recomputeInvoice(ctx.acct, invoice);
  return item;
}

export const invoiceItemRoutes: Route[] = [
  route('POST', '/v1/invoiceitems', create),
  route('GET', '/v1/invoiceitems', (ctx) => {
    let items = whereParams(newestFirst(ctx.acct.collections.invoiceitems), ctx.params, ['customer', 'invoice']);
    const pending = bool(ctx.params, 'pending');
    if (pending !== undefined) items = items.filter((i) => (i.invoice === null) === pending);
    // An invoice item's creation time is its `date`.
    return paginate(
      filterCreated(items, ctx.params, 'created', (i) => i.date),
      ctx.params,
      '/v1/invoiceitems',
      'invoiceitem',
    );
  }),
  retrieveRoute('/v1/invoiceitems/:id', 'invoiceitems', 'invoiceitem'),
  route('DELETE', '/v1/invoiceitems/:id', (ctx) => {
    const item = getOr404(ctx.acct, 'invoiceitems', ctx.path.id!, 'invoiceitem');
    const invoice = item.invoice ? ctx.acct.collections.invoices[item.invoice as string] : undefined;
    if (invoice && invoice.status !== 'draft')
      throw invalidRequest('Invoice items on finalized invoices cannot be deleted.', undefined, 'invoice_not_editable');
    delete ctx.acct.collections.invoiceitems[item.id];
    emitEvent(ctx, 'invoiceitem.deleted', item);
    if (invoice) recomputeInvoice(ctx.acct, invoice);
    return deleted(item.id, 'invoiceitem');
  }),
];
