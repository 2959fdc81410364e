import type { AccountData } from '../core/store.js';
import type { WInvoice, WSession, WCharge, WPaymentIntent, WSetupIntent } from '../core/wire-types.js';
import { page, money, escapeHtml } from './html-layout.js';
import { invoicePaymentsOf } from '../invoices/invoice-payments.js';

export interface FormState {
  error?: string;
  form?: Record<string, string>;
  printable?: boolean;
}

const date = (s: number | null | undefined) => (s ? new Date(s * 1000).toISOString().slice(0, 10) : '—');
const v = (st: FormState, k: string, d = '') => escapeHtml(st.form?.[k] ?? d);

/** Stripe's test cards a person can pick instead of typing a number (`test_card`). */
const TEST_CARDS: Array<[string, string]> = [
  ['4242424242424242', 'Visa 4242 · succeeds'],
  ['5555555555554444', 'Mastercard 4444 · succeeds'],
  ['4000000000000002', 'Visa 0002 · declined'],
  ['4000000000009995', 'Visa 9995 · insufficient funds'],
  ['4000000000000341', 'Visa 0341 · saves, later charges decline'],
  ['4000002760003184', 'Visa 3184 · always asks for authentication'],
  ['4000002500003155', 'Visa 3155 · authenticates unless set up for later'],
  ['4000000000007726', 'Visa 7726 · refunds pending, then succeed'],
  ['4000000000005126', 'Visa 5126 · refunds fail later'],
];

function testCardPicker(st: FormState): string {
  const chosen = st.form?.test_card ?? '';
  const options = TEST_CARDS.map(
    ([n, label]) => `<option value="${n}"${chosen === n ? ' selected' : ''}>${escapeHtml(label)}</option>`,
  ).join('');
  return `<label for="test_card">Or pick a test card</label><select id="test_card" name="test_card"><option value="">—</option>${options}</select>`;
}

/** Card / US bank account form shared by the pages (field names documented in hosted-pages.ts). */
function paymentFields(st: FormState, allowBank: boolean): string {
  const bank = st.form?.payment_method_type === 'us_bank_account';
  const choice = allowBank
    ? `<fieldset><label>Payment method</label><div class="choice">
<label><input type="radio" name="payment_method_type" value="card" ${bank ? '' : 'checked'} id="pm-card">Card</label>
<label><input type="radio" name="payment_method_type" value="us_bank_account" ${bank ? 'checked' : ''} id="pm-bank">US bank account (test)</label></div></fieldset>`
    : '<input type="hidden" name="payment_method_type" value="card">';
  return `<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" value="${v(st, 'email')}">
<label for="name">Name</label><input id="name" name="name" autocomplete="name" value="${v(st, 'name')}">
${choice}
<div id="card-fields"><label for="card_number">Card number</label><input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" value="${v(st, 'card_number')}">
<div class="pair"><div><label for="card_expiry">Expiry</label><input id="card_expiry" name="card_expiry" placeholder="MM / YY" value="${v(st, 'card_expiry')}"></div>
<div><label for="card_cvc">CVC</label><input id="card_cvc" name="card_cvc" placeholder="123" value="${v(st, 'card_cvc')}"></div></div>${testCardPicker(st)}</div>
${allowBank ? `<div id="bank-fields"><label for="bank_routing_number">Routing number (US bank account only)</label><input id="bank_routing_number" name="bank_routing_number" placeholder="110000000" value="${v(st, 'bank_routing_number')}"><label for="bank_account_number">Bank account number (US bank account only)</label><input id="bank_account_number" name="bank_account_number" placeholder="000123456789" value="${v(st, 'bank_account_number')}"><p class="muted">Bank debits settle after a short delay, like ACH.</p></div>` : ''}
<p class="muted">Test cards: 4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined.</p>
${allowBank ? TOGGLE_SCRIPT : ''}`;
}

/** Progressive enhancement only: without JS both field groups show and the form still works. */
const TOGGLE_SCRIPT = `<script>(function(){var f=document.getElementById('pay-form');if(!f)return;function u(){var b=f.querySelector('input[name=payment_method_type]:checked');var bank=b&&b.value==='us_bank_account';document.getElementById('card-fields').style.display=bank?'none':'';var bf=document.getElementById('bank-fields');if(bf)bf.style.display=bank?'':'none';}f.addEventListener('change',u);u();})();</script>`;

const errorBox = (st: FormState) =>
  st.error ? `<div class="error" role="alert" id="error">${escapeHtml(st.error)}</div>` : '';

export function invoicePage(inv: WInvoice, acct: AccountData, st: FormState): string {
  const lines = inv.lines.data
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.description ?? 'Item')}${l.quantity && l.quantity !== 1 ? ` × ${l.quantity}` : ''}</td><td class="r">${money(l.amount, l.currency)}</td></tr>`,
    )
    .join('');
  const status = inv.status ?? 'draft';
  let action: string;
  if (st.printable) action = '';
  else if (status === 'paid')
    action = `<div class="ok" id="paid">Paid on ${date(inv.status_transitions.paid_at)}. Thank you!</div>`;
  else if (status === 'void')
    action = '<div class="error">This invoice has been voided and can no longer be paid.</div>';
  else if (
    acct.pendingAsync &&
    invoicePaymentsOf(acct, inv.id).some(
      (p) => acct.collections.payment_intents[p.payment.payment_intent as string]?.status === 'processing',
    )
  ) {
    action =
      '<div class="ok" id="processing">Your bank payment is processing. This page will show “Paid” once it settles.</div>';
  } else {
    action = `${errorBox(st)}<form method="post" action="/hosted/invoices/${escapeHtml(inv.id)}/pay" id="pay-form">${paymentFields(st, true)}<button type="submit" id="submit">Pay ${money(inv.amount_remaining, inv.currency)}</button></form>`;
  }
  return page(
    `Invoice ${inv.number ?? inv.id}`,
    `<div class="card"><p class="muted">${escapeHtml(inv.account_name ?? 'Merchant')}</p><h1>Invoice ${escapeHtml(inv.number ?? '')} <span class="badge ${status}" id="status">${status === 'paid' ? 'Paid' : status[0]!.toUpperCase() + status.slice(1)}</span></h1>
<div class="amount">${money(status === 'paid' ? inv.amount_paid : inv.amount_remaining, inv.currency)}</div>
<p class="muted">${inv.due_date ? `Due ${date(inv.due_date)}` : ''} · Billed to ${escapeHtml(inv.customer_name ?? inv.customer_email ?? '')}</p>
<table>${lines}<tr><td><b>Total</b></td><td class="r"><b>${money(inv.total, inv.currency)}</b></td></tr>${inv.amount_paid ? `<tr><td>Amount paid</td><td class="r">${money(inv.amount_paid, inv.currency)}</td></tr>` : ''}<tr><td>Amount remaining</td><td class="r">${money(inv.amount_remaining, inv.currency)}</td></tr></table>
${inv.description ? `<p>${escapeHtml(inv.description)}</p>` : ''}${action}</div>`,
  );
}

export function checkoutPage(s: WSession, acct: AccountData, st: FormState): string {
  const items = acct.sessionLineItems[s.id] ?? [];
  const custom = items.find((i) => i.price?.custom_unit_amount)?.price?.custom_unit_amount;
  const rows = items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(i.description ?? 'Item')}${i.quantity && i.quantity > 1 ? ` × ${i.quantity}` : ''}</td><td class="r">${i.price?.custom_unit_amount ? 'Amount of your choice' : money(i.amount_total, i.currency)}</td></tr>`,
    )
    .join('');
  let body: string;
  const setup = s.mode === 'setup';
  if (s.status === 'complete') {
    const done = setup
      ? 'Your payment method has been saved.'
      : s.payment_status === 'paid'
        ? 'Payment complete.'
        : 'Payment submitted; your bank payment is processing.';
    body = `<div class="ok" id="complete">${done}</div>`;
  } else if (s.status === 'expired') {
    body = '<div class="error" id="expired">This Checkout Session has expired.</div>';
  } else {
    const dec = (n: number | null | undefined) => (n === null || n === undefined ? '' : (n / 100).toFixed(2));
    const amountField = custom
      ? `<label for="custom_amount">Amount (${escapeHtml((s.currency ?? '').toUpperCase())})</label><input id="custom_amount" name="custom_amount" type="number" step="0.01" min="${dec(custom.minimum ?? 50)}" ${custom.maximum ? `max="${dec(custom.maximum)}"` : ''} value="${v(st, 'custom_amount', dec(custom.preset))}" required>
<p class="muted">${custom.minimum ? `Minimum ${money(custom.minimum, s.currency)}` : ''}${custom.minimum && custom.maximum ? ' · ' : ''}${custom.maximum ? `Maximum ${money(custom.maximum, s.currency)}` : ''}</p>`
      : '';
    body = `${errorBox(st)}<form method="post" action="/checkout/pay/${escapeHtml(s.id)}" id="pay-form">${amountField}${paymentFields(st, s.payment_method_types.includes('us_bank_account'))}<button type="submit" id="submit">${setup ? 'Save' : custom ? 'Pay' : `Pay ${money(s.amount_total, s.currency)}`}</button></form>
${s.cancel_url ? `<p style="text-align:center"><a href="${escapeHtml(s.cancel_url)}" id="cancel" class="muted">← Cancel and return</a></p>` : ''}`;
  }
  return page(
    'Checkout',
    `<div class="card"><p class="muted">${escapeHtml(acct.platform ? `Connected test account ${acct.id.slice(-4)}` : 'Settle test account')}</p><h1>${setup ? 'Save a payment method' : 'Checkout'}</h1>
${setup ? '<p class="muted">It will be charged later for your invoices, without you being here.</p>' : custom ? '' : `<div class="amount">${money(s.amount_total, s.currency)}</div>`}${setup ? '' : `<table>${rows}</table>`}${body}</div>`,
  );
}

export function receiptPage(ch: WCharge): string {
  return page(
    'Receipt',
    `<div class="card"><h1>Receipt</h1><div class="amount">${money(ch.amount, ch.currency)}</div><table><tr><td>Status</td><td class="r">${escapeHtml(ch.status)}</td></tr><tr><td>Refunded</td><td class="r">${money(ch.amount_refunded, ch.currency)}</td></tr><tr><td>Date</td><td class="r">${date(ch.created)}</td></tr></table></div>`,
  );
}

/** Stripe's 3-D Secure test page: the person completes or fails the authentication. */
export function authenticationPage(intent: WPaymentIntent | WSetupIntent, error?: string): string {
  const what =
    intent.object === 'payment_intent' ? `a payment of ${money(intent.amount, intent.currency)}` : 'saving your card';
  const form =
    intent.status === 'requires_action'
      ? `<form method="post" action="/hosted/authenticate/${escapeHtml(intent.id)}" id="auth-form"><button type="submit" name="action" value="complete" id="complete">Complete authentication</button><button type="submit" name="action" value="fail" id="fail" class="secondary">Fail authentication</button></form>`
      : `<div class="ok">Nothing to authenticate (status ${escapeHtml(intent.status)}).</div>`;
  return page(
    '3D Secure test page',
    `<div class="card"><h1>3D Secure test page</h1><p class="muted">Your bank asks you to confirm ${what}.</p>${errorBox({ error })}${form}</div>`,
  );
}
