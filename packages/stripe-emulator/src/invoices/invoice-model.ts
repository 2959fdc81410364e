import type { AccountData } from '../core/store.js';
import type { WInvoice, WInvoiceLine, WInvoiceItem, WCustomer } from '../core/wire-types.js';

/**
 * Pure shape logic for invoices: a fresh draft, lines rendered from invoice items, and totals.
 * Lines are re-derived from the items whenever a draft changes, as Stripe does.
 */
export function newDraftInvoice(
  acct: AccountData,
  id: string,
  customer: WCustomer,
  o: {
    currency: string;
    collection_method: 'charge_automatically' | 'send_invoice';
    due_date: number | null;
    auto_advance: boolean;
    description: string | null;
    footer: string | null;
    metadata: Record<string, string>;
    created: number;
  },
): WInvoice {
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: acct.platform ? `Connected test account ${acct.id.slice(-4)}` : 'Settle test account',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: o.auto_advance,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: 'manual',
    collection_method: o.collection_method,
    created: o.created,
    currency: o.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: customer.address ?? null,
    customer_email: customer.email,
    customer_name: customer.name ?? null,
    customer_phone: customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: customer.tax_exempt ?? 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: o.description,
    discounts: [],
    due_date: o.due_date,
    effective_at: null,
    ending_balance: null,
    footer: o.footer,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: !!acct.livemode,
    metadata: o.metadata,
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: o.created,
    period_start: o.created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: { amount_tax_display: null, pdf: { page_size: 'auto' }, template: null, template_version: null },
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function lineFromItem(invoiceId: string, item: WInvoiceItem): WInvoiceLine {
  return {
    id: `il_${item.id.slice(3)}`,
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoiceId,
    livemode: item.livemode,
    metadata: item.metadata ?? {},
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: {
        invoice_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
    },
    period: item.period,
    pretax_credit_amounts: [],
    pricing: item.pricing as WInvoiceLine['pricing'],
    quantity: item.quantity,
    quantity_decimal: item.quantity_decimal,
    subscription: null,
    subtotal: item.amount,
    taxes: [],
  };
}

/** Re-derives lines and totals of a draft from its invoice items (insertion order). */
export function recomputeInvoice(acct: AccountData, inv: WInvoice): void {
  if (inv.status !== 'draft') return;
  const items = Object.values(acct.collections.invoiceitems).filter((i) => i.invoice === inv.id);
  inv.lines.data = items.map((i) => lineFromItem(inv.id, i));
  const subtotal = items.reduce((s, i) => s + i.amount, 0);
  inv.subtotal = subtotal;
  inv.subtotal_excluding_tax = subtotal;
  inv.total = subtotal;
  inv.total_excluding_tax = subtotal;
  inv.amount_due = Math.max(0, subtotal);
  inv.amount_remaining = inv.amount_due - inv.amount_paid;
  if (items.length) {
    inv.period_start = Math.min(...items.map((i) => i.period.start));
    inv.period_end = Math.max(...items.map((i) => i.period.end));
  }
}
