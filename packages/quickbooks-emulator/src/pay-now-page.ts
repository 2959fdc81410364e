// "Pay Now" page behind Invoice.InvoiceLink (QBO's customer-facing payment portal).
// GET shows the invoice; POST (form fields below) charges it and records a QBO Payment
// linked to the invoice, which reduces Invoice.Balance and fires webhooks.
//   amount        decimal, defaults to the open balance (partial payments allowed)
//   method        "card" | "ach"
//   cardName, cardNumber, cardExpiry (MM/YY), cardCvc      when method=card
//   accountHolder, routingNumber (9 digits), accountNumber  when method=ach
// Card 4000000000000002 is declined (like Stripe's test card). Send `Accept:
// application/json` to get a JSON result instead of the HTML receipt.
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { createEntity } from './entities/operations.js';
import { paymentDef } from './entities/payment.js';
import { QboError } from './faults.js';
import { type Req, escapeHtml, parseForm, sendHtml, sendJson } from './http-utils.js';
import type { EntityRecord, Json, RealmState } from './types.js';
import { opContext } from './v3.routes.js';
import { payNowHtml } from './pay-now-view.js';

export const DECLINED_CARD = '4000000000000002';

export function findByPayToken(
  ec: EmulatorContext,
  token: string,
): { realm: RealmState; rec: EntityRecord } | undefined {
  for (const realm of Object.values(ec.store.state.realms)) {
    const rec = Object.values(realm.records.Invoice ?? {}).find(
      (r) => r.payToken === token && r.deletedAt === undefined,
    );
    if (rec) return { realm, rec };
  }
  return undefined;
}

function luhn(num: string): boolean {
  let sum = 0;
  for (let i = 0; i < num.length; i++) {
    let d = Number(num[num.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function cardBrand(num: string): string {
  if (num.startsWith('4')) return 'Visa';
  if (/^5[1-5]|^2[2-7]/.test(num)) return 'MasterCard';
  if (/^3[47]/.test(num)) return 'American Express';
  if (num.startsWith('6')) return 'Discover';
  return 'Visa';
}

function validate(
  f: Record<string, string>,
  inv: Json,
  balance: number,
): { amount: number; method: 'card' | 'ach'; label: string } | string {
  const amount = f.amount === undefined || f.amount === '' ? balance : Math.round(Number(f.amount) * 100) / 100;
  if (!Number.isFinite(amount) || amount <= 0) return 'Enter an amount greater than zero.';
  if (amount > balance + 1e-9) return `The amount cannot exceed the balance due (${balance.toFixed(2)}).`;
  const method = f.method === 'ach' || f.method === 'bank' ? 'ach' : 'card';
  if (method === 'card') {
    if (!inv.AllowOnlineCreditCardPayment) return 'This invoice does not accept card payments.';
    const num = (f.cardNumber ?? '').replace(/[\s-]/g, '');
    if (!/^\d{13,19}$/.test(num) || !luhn(num)) return 'Enter a valid card number.';
    if (!/^(0[1-9]|1[0-2])\/?\d{2}$/.test((f.cardExpiry ?? '').trim())) return 'Enter the expiry date as MM/YY.';
    if (!/^\d{3,4}$/.test(f.cardCvc ?? '')) return 'Enter the card security code.';
    if (num === DECLINED_CARD) return 'Your card was declined.';
    return { amount, method, label: `${cardBrand(num)} ending ${num.slice(-4)}` };
  }
  if (!inv.AllowOnlineACHPayment) return 'This invoice does not accept bank transfers.';
  if (!/^\d{9}$/.test(f.routingNumber ?? '')) return 'Enter a 9-digit routing number.';
  if (!/^\d{4,17}$/.test(f.accountNumber ?? '')) return 'Enter a valid account number.';
  return { amount, method, label: `Bank account ending ${f.accountNumber!.slice(-4)}` };
}

export async function handlePayNow(ec: EmulatorContext, req: Req, res: ServerResponse): Promise<void> {
  const wantsJson = String(req.headers.accept ?? '').includes('application/json');
  const fail = (status: number, msg: string, html?: string) =>
    wantsJson ? sendJson(res, status, { error: msg }) : sendHtml(res, status, html ?? payNowHtml({ error: msg }));
  const found = findByPayToken(ec, req.params.token);
  const inv = found?.rec.entity;
  if (!found || !inv || found.rec.voided || !(inv.AllowOnlineCreditCardPayment || inv.AllowOnlineACHPayment)) {
    fail(404, 'This invoice link is no longer valid.');
    return;
  }
  const company = found.realm.records.CompanyInfo?.['1']?.entity.CompanyName ?? 'QuickBooks company';
  const balance = Number(inv.Balance ?? 0);
  if (req.method === 'GET') {
    if (wantsJson)
      sendJson(res, 200, {
        invoiceId: inv.Id,
        docNumber: inv.DocNumber,
        balance,
        totalAmt: inv.TotalAmt,
        card: !!inv.AllowOnlineCreditCardPayment,
        ach: !!inv.AllowOnlineACHPayment,
      });
    else sendHtml(res, 200, payNowHtml({ company, inv }));
    return;
  }
  if (balance <= 0) {
    fail(409, 'This invoice has already been paid.', payNowHtml({ company, inv }));
    return;
  }
  const f = parseForm(req.body);
  const v = validate(f, inv, balance);
  if (typeof v === 'string') {
    fail(v.includes('declined') ? 402 : 400, v, payNowHtml({ company, inv, error: v, form: f }));
    return;
  }
  const ctx = opContext(ec, found.realm.realmId, {})!;
  const methodName = v.method === 'ach' ? 'ACH' : v.label.split(' ending')[0];
  const method = ec.store.live(found.realm, 'PaymentMethod').find((m) => m.entity.Name === methodName);
  try {
    const created = createEntity(ctx, paymentDef, {
      CustomerRef: { value: inv.CustomerRef.value },
      TotalAmt: v.amount,
      Line: [{ Amount: v.amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      PaymentRefNum: `QBP-${Date.now().toString(36).toUpperCase()}`.slice(0, 21),
      PrivateNote: `Online payment via QuickBooks Payments (emulator): ${v.label}`,
      ...(method ? { PaymentMethodRef: { value: method.entity.Id } } : {}),
    });
    const payment = created.body.Payment as Json;
    const after = Number(found.rec.entity.Balance ?? 0);
    if (wantsJson)
      sendJson(res, 200, {
        status: 'paid',
        paymentId: payment.Id,
        invoiceId: inv.Id,
        amountPaid: v.amount,
        balance: after,
        method: v.method,
      });
    else
      sendHtml(
        res,
        200,
        payNowHtml({
          company,
          inv: found.rec.entity,
          receipt: { paymentId: payment.Id, amount: v.amount, label: v.label },
        }),
      );
  } catch (e) {
    if (!(e instanceof QboError)) throw e;
    fail(400, `${e.message}: ${escapeHtml(e.detail)}`);
  }
}
