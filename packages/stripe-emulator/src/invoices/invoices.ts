import type { ApiContext } from '../runtime.js';
import type { WInvoice, WPaymentIntent } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { str, int, bool, oneOf, applyMetadata, currencyParam } from '../api/param-helpers.js';
import { filterCreated, newestFirst, paginate } from '../api/list.js';
import { emitEvent, diffPrevious, snapshot } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject, deleted } from '../core/resource-helpers.js';
import { invalidRequest, missingParam, StripeApiError } from '../core/errors.js';
import { registerIncludable } from '../api/expand.js';
import { openInvoicePayment, invoicePaymentsOf } from './invoice-payments.js';
import { newDraftInvoice, recomputeInvoice } from './invoice-model.js';
import {
  finalizeInvoice,
  payInvoiceWith,
  payOutOfBand,
  voidInvoice,
  markUncollectible,
  applyPaymentIntent,
} from './invoice-actions.js';
import { attemptAutomaticPayment } from './auto-collection.js';

function dueDate(p: ApiContext['params'], method: string, created: number): number | null {
  const days = int(p, 'days_until_due');
  const due = int(p, 'due_date');
  if ((days !== undefined || due !== undefined) && method !== 'send_invoice') {
    throw invalidRequest(
      "Invoices with `collection_method: 'charge_automatically'` cannot have a due date.",
      days !== undefined ? 'days_until_due' : 'due_date',
    );
  }
  if (due !== undefined) return due;
  if (days !== undefined) return created + days * 86400;
  return null;
}

function create(ctx: ApiContext): WInvoice {
  const p = ctx.params;
  const customerId = str(p, 'customer', true)!;
  const customer = getParamObject(ctx.acct, 'customers', customerId, 'customer', 'customer');
  const method = oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice']) ?? 'charge_automatically';
  const created = nowSeconds();
  const due = dueDate(p, method, created);
  if (method === 'send_invoice' && due === null) throw missingParam('days_until_due');
  const behavior = oneOf(p, 'pending_invoice_items_behavior', ['exclude', 'include']) ?? 'exclude';
  const inv = newDraftInvoice(ctx.acct, newId('in'), customer, {
    currency: currencyParam(p, 'currency', false) ?? customer.currency ?? 'usd',
    collection_method: method,
    due_date: due,
    auto_advance: bool(p, 'auto_advance') ?? false,
    description: str(p, 'description') ?? null,
    footer: str(p, 'footer') ?? customer.invoice_settings.footer ?? null,
    metadata: applyMetadata({}, p),
    created,
  });
  // A number set at creation must be unique among the account's invoices (void ones included).
  const number = str(p, 'number');
  if (number && Object.values(ctx.acct.collections.invoices).some((i) => i.number === number))
    throw invalidRequest(`An invoice with number ${number} already exists.`, 'number');
  if (number) inv.number = number;
  inv.default_payment_method = str(p, 'default_payment_method') ?? null;
  ctx.acct.collections.invoices[inv.id] = inv;
  if (behavior === 'include') {
    // Only pending items of this customer in the invoice currency are pulled in (default: exclude).
    for (const item of Object.values(ctx.acct.collections.invoiceitems)) {
      if (item.customer === customer.id && item.invoice === null && item.currency === inv.currency)
        item.invoice = inv.id;
    }
  }
  recomputeInvoice(ctx.acct, inv);
  emitEvent(ctx, 'invoice.created', inv);
  return inv;
}

function update(ctx: ApiContext): WInvoice {
  const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
  const before = snapshot(inv);
  const p = ctx.params;
  const draftOnly = Object.keys(p).filter(
    (k) => !['metadata', 'description', 'footer', 'auto_advance', 'expand', 'custom_fields', 'rendering'].includes(k),
  );
  if (inv.status !== 'draft' && draftOnly.length) {
    throw invalidRequest(`Finalized invoices can't be updated in this way`, draftOnly[0], 'invoice_not_editable');
  }
  if (inv.status === 'void' || inv.status === 'paid') {
    if (Object.keys(p).some((k) => k !== 'metadata' && k !== 'expand'))
      throw invalidRequest(
        `This invoice is ${inv.status}; only metadata can be updated.`,
        undefined,
        'invoice_not_editable',
      );
  }
  const method = oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice']);
  if (method) inv.collection_method = method;
  if (p.days_until_due !== undefined || p.due_date !== undefined)
    inv.due_date = dueDate(p, inv.collection_method, inv.created);
  if (method === 'charge_automatically') inv.due_date = null;
  if (p.description !== undefined) inv.description = str(p, 'description') ?? null;
  if (p.footer !== undefined) inv.footer = str(p, 'footer') ?? null;
  const aa = bool(p, 'auto_advance');
  if (aa !== undefined) inv.auto_advance = aa;
  if (p.default_payment_method !== undefined) inv.default_payment_method = str(p, 'default_payment_method') ?? null;
  inv.metadata = applyMetadata(inv.metadata ?? {}, p);
  const prev = diffPrevious(before, inv);
  if (prev) emitEvent(ctx, 'invoice.updated', inv, prev);
  return inv;
}

export const invoiceRoutes: Route[] = [
  route('POST', '/v1/invoices', create),
  route('GET', '/v1/invoices', (ctx) => {
    let items = newestFirst(ctx.acct.collections.invoices);
    const customer = str(ctx.params, 'customer');
    if (customer) items = items.filter((i) => i.customer === customer);
    const status = oneOf(ctx.params, 'status', ['draft', 'open', 'paid', 'uncollectible', 'void']);
    if (status) items = items.filter((i) => i.status === status);
    const cm = str(ctx.params, 'collection_method');
    if (cm) items = items.filter((i) => i.collection_method === cm);
    items = filterCreated(items, ctx.params, 'due_date', (i) => i.due_date ?? -1);
    return paginate(filterCreated(items, ctx.params), ctx.params, '/v1/invoices', 'invoice');
  }),
  route('GET', '/v1/invoices/:id', (ctx) => {
    const id = ctx.path.id!;
    if (!ctx.acct.collections.invoices[id] && ctx.acct.deletedIds?.[id]) return deleted(id, 'invoice');
    return getOr404(ctx.acct, 'invoices', id, 'invoice');
  }),
  route('GET', '/v1/invoices/:id/lines', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    return paginate(inv.lines.data, ctx.params, `/v1/invoices/${inv.id}/lines`, 'line_item');
  }),
  route('POST', '/v1/invoices/:id', update),
  route('DELETE', '/v1/invoices/:id', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    if (inv.status !== 'draft')
      throw invalidRequest('You can only delete draft invoices.', undefined, 'invoice_not_editable');
    for (const item of Object.values(ctx.acct.collections.invoiceitems))
      if (item.invoice === inv.id) delete ctx.acct.collections.invoiceitems[item.id];
    delete ctx.acct.collections.invoices[inv.id];
    ctx.acct.deletedIds = { ...(ctx.acct.deletedIds ?? {}), [inv.id]: true };
    emitEvent(ctx, 'invoice.deleted', inv);
    return deleted(inv.id, 'invoice');
  }),
  route('POST', '/v1/invoices/:id/finalize', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    const aa = bool(ctx.params, 'auto_advance');
    if (aa !== undefined) inv.auto_advance = aa;
    finalizeInvoice(ctx, inv);
    // Automatic collection: the first attempt is made at finalization (a decline leaves the invoice open).
    if (inv.status === 'open' && inv.collection_method === 'charge_automatically' && inv.auto_advance)
      attemptAutomaticPayment(ctx, inv);
    return inv;
  }),
  route('POST', '/v1/invoices/:id/send', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    if (inv.collection_method !== 'send_invoice')
      throw invalidRequest(
        "You can only manually send an invoice if its collection method is 'send_invoice'.",
        undefined,
        'invoice_unexpected_state',
      );
    if (inv.status === 'draft') finalizeInvoice(ctx, inv);
    if (inv.status !== 'open')
      throw invalidRequest(
        `You can only send open invoices. This invoice is ${inv.status}.`,
        undefined,
        'invoice_unexpected_state',
      );
    // Test mode sends no email but still emits invoice.sent.
    emitEvent(ctx, 'invoice.sent', inv);
    return inv;
  }),
  route('POST', '/v1/invoices/:id/pay', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    if (inv.status === 'draft') finalizeInvoice(ctx, inv); // Stripe finalizes a draft on pay
    if (bool(ctx.params, 'paid_out_of_band')) {
      payOutOfBand(ctx, inv);
      return inv;
    }
    const customer = ctx.acct.collections.customers[inv.customer as string];
    const pm =
      str(ctx.params, 'payment_method') ??
      str(ctx.params, 'source') ??
      (inv.default_payment_method as string | null) ??
      (customer?.invoice_settings.default_payment_method as string | null);
    if (!pm) {
      // Stripe's classic answer when there is nothing to charge: a 402 card_error with code `missing`.
      throw new StripeApiError(402, {
        type: 'card_error',
        code: 'missing',
        param: 'card',
        message: 'Cannot charge a customer that has no active card',
        doc_url: 'https://stripe.com/docs/error-codes/missing',
      });
    }
    // `off_session` defaults to true for invoices.pay: a card asking for 3-D Secure declines.
    const offSession = str(ctx.params, 'off_session') !== 'false';
    const r = payInvoiceWith(ctx, inv, { kind: 'id', id: pm }, { offSession });
    if (!r.ok) throw r.error!;
    return inv;
  }),
  route('POST', '/v1/invoices/:id/void', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    voidInvoice(ctx, inv);
    return inv;
  }),
  route('POST', '/v1/invoices/:id/mark_uncollectible', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    markUncollectible(ctx, inv);
    return inv;
  }),
  route('POST', '/v1/invoices/:id/attach_payment', (ctx) => {
    const inv = getOr404(ctx.acct, 'invoices', ctx.path.id!, 'invoice');
    const piId = str(ctx.params, 'payment_intent', true)!;
    const pi = getParamObject(ctx.acct, 'payment_intents', piId, 'payment_intent', 'payment_intent');
    if (inv.status !== 'open')
      throw invalidRequest(
        `You can only attach payments to open invoices. This invoice is ${inv.status}.`,
        undefined,
        'invoice_unexpected_state',
      );
    if (pi.currency !== inv.currency)
      throw invalidRequest('The PaymentIntent currency must match the invoice currency.', 'payment_intent');
    if (pi.amount > inv.amount_remaining)
      throw invalidRequest('The PaymentIntent amount exceeds the amount remaining on the invoice.', 'payment_intent');
    attachPayment(ctx, inv, pi);
    return inv;
  }),
];

/** Partial payments (§7): a succeeded PI applies now; a pending one applies when it settles. */
function attachPayment(ctx: ApiContext, inv: WInvoice, pi: WPaymentIntent): void {
  const exists = Object.values(ctx.acct.collections.invoice_payments).some((p) => p.payment.payment_intent === pi.id);
  if (exists) throw invalidRequest('This PaymentIntent is already attached to an invoice.', 'payment_intent');
  if (pi.status === 'succeeded') applyPaymentIntent(ctx, inv, pi);
  else openInvoicePayment(ctx.acct, inv, pi, false);
}

// `payments` and `amount_paid_off_stripe` are includable-only fields.
registerIncludable('invoice', 'payments', (acct, obj) => {
  // Newest first, as Stripe lists. Stored objects are safe to hand out: expand copies what it changes.
  const data = invoicePaymentsOf(acct, obj.id as string).reverse();
  return { object: 'list', data, has_more: false, url: `/v1/invoice_payments?invoice=${String(obj.id)}` };
});
registerIncludable('invoice', 'amount_paid_off_stripe', (acct, obj) => acct.paidOffStripe[obj.id as string] ?? 0);
