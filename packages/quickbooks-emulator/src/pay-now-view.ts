// HTML for the Pay Now page (kept apart from the payment logic). Field names are the
// documented form contract: amount, method, cardName, cardNumber, cardExpiry, cardCvc,
// accountHolder, routingNumber, accountNumber. Ids match names for Playwright selectors.
import { escapeHtml as h } from './http-utils.js';
import type { Json } from './types.js';

interface View {
  company?: string;
  inv?: Json;
  error?: string;
  form?: Record<string, string>;
  receipt?: { paymentId: string; amount: number; label: string };
}

const CSS = `body{font-family:system-ui,sans-serif;background:#f4f5f8;margin:0;color:#393a3d}main{max-width:560px;margin:40px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px #0002}
h1{font-size:22px;margin-top:0}table{width:100%;border-collapse:collapse;margin:16px 0}td{padding:6px 0;border-bottom:1px solid #eee}td.num{text-align:right}
label{display:block;font-size:14px;margin-top:12px}input[type=text],input[type=number]{width:100%;padding:8px;box-sizing:border-box;border:1px solid #8d9096;border-radius:4px}
button{margin-top:20px;background:#2ca01c;color:#fff;border:0;border-radius:4px;padding:12px 28px;font-size:16px;cursor:pointer}
.error{background:#fdecea;color:#a01c1c;padding:10px;border-radius:4px}.ok{background:#e8f6e6;padding:10px;border-radius:4px}.muted{color:#6b6c72;font-size:13px}fieldset{border:1px solid #ddd;border-radius:4px;margin-top:16px}`;

function money(n: unknown): string {
  return `$${Number(n ?? 0).toFixed(2)}`;
}

export function payNowHtml(v: View): string {
  const inv = v.inv;
  const f = v.form ?? {};
  let body = '';
  if (v.error) body += `<p class="error" role="alert" id="error">${h(v.error)}</p>`;
  if (inv) {
    const lines = ((inv.Line ?? []) as Json[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
    body += `<h1>${h(v.company)}</h1><p>Invoice <strong id="doc-number">${h(inv.DocNumber)}</strong> for ${h(inv.CustomerRef?.name)} · due ${h(inv.DueDate)}</p>
<table>${lines.map((l) => `<tr><td>${h(l.SalesItemLineDetail?.ItemRef?.name)} ${h(l.Description ?? '')}</td><td class="num">${money(l.Amount)}</td></tr>`).join('')}
<tr><td><strong>Total</strong></td><td class="num">${money(inv.TotalAmt)}</td></tr>
<tr><td><strong>Balance due</strong></td><td class="num" id="balance">${money(inv.Balance)}</td></tr></table>`;
    if (v.receipt) {
      body += `<p class="ok" id="receipt">Payment received: ${money(v.receipt.amount)} (${h(v.receipt.label)}). Confirmation <span id="payment-id">${h(v.receipt.paymentId)}</span>.</p>`;
    }
    if (Number(inv.Balance) <= 0) {
      body += `<p class="ok" id="paid">This invoice is paid in full. Thank you!</p>`;
    } else {
      const card = !!inv.AllowOnlineCreditCardPayment;
      const ach = !!inv.AllowOnlineACHPayment;
      const method = f.method ?? (card ? 'card' : 'ach');
      body += `<form method="post" id="pay-form">
<label for="amount">Payment amount (USD)</label><input type="number" step="0.01" min="0.01" max="${Number(inv.Balance)}" id="amount" name="amount" value="${h(f.amount ?? Number(inv.Balance).toFixed(2))}">
${card ? `<label><input type="radio" name="method" id="method-card" value="card" ${method === 'card' ? 'checked' : ''}> Credit or debit card</label>` : ''}
${ach ? `<label><input type="radio" name="method" id="method-ach" value="ach" ${method === 'ach' ? 'checked' : ''}> Bank transfer (ACH)</label>` : ''}
${
  card
    ? `<fieldset id="card-fields"><legend>Card</legend>
<label for="cardName">Name on card</label><input type="text" id="cardName" name="cardName" autocomplete="cc-name" value="${h(f.cardName ?? '')}">
<label for="cardNumber">Card number</label><input type="text" id="cardNumber" name="cardNumber" autocomplete="cc-number" inputmode="numeric" value="${h(f.cardNumber ?? '')}">
<label for="cardExpiry">Expiry (MM/YY)</label><input type="text" id="cardExpiry" name="cardExpiry" autocomplete="cc-exp" value="${h(f.cardExpiry ?? '')}">
<label for="cardCvc">Security code</label><input type="text" id="cardCvc" name="cardCvc" autocomplete="cc-csc" inputmode="numeric" value="">
</fieldset>`
    : ''
}
${
  ach
    ? `<fieldset id="ach-fields"><legend>Bank account</legend>
<label for="accountHolder">Account holder</label><input type="text" id="accountHolder" name="accountHolder" value="${h(f.accountHolder ?? '')}">
<label for="routingNumber">Routing number</label><input type="text" id="routingNumber" name="routingNumber" inputmode="numeric" value="${h(f.routingNumber ?? '')}">
<label for="accountNumber">Account number</label><input type="text" id="accountNumber" name="accountNumber" inputmode="numeric" value="">
</fieldset>`
    : ''
}
<button type="submit" id="pay">Pay now</button>
<p class="muted">Emulator: any Luhn-valid card works (e.g. 4242 4242 4242 4242); 4000 0000 0000 0002 is declined.</p></form>`;
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay invoice${inv ? ` ${h(inv.DocNumber)}` : ''}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}
