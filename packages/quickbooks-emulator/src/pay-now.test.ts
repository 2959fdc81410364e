import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, control, qboClient, serviceLine, startEmulator, startWebhookReceiver } from './testing.js';
import type { QuickBooksEmulator } from './types.js';
import { verifyWebhookSignature } from './webhook-signature.js';

let emu: QuickBooksEmulator;
let qbo: any;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  hook = await startWebhookReceiver();
  emu = await startEmulator();
  await control(emu, '/webhooks', { url: hook.url, verifierToken: 'pay-now-secret' });
  qbo = qboClient(emu);
});
afterAll(async () => {
  await emu.close();
  await hook.close();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  body: new URLSearchParams(fields).toString(),
});
const card = {
  method: 'card',
  cardName: 'Amy L',
  cardNumber: '4242 4242 4242 4242',
  cardExpiry: '12/29',
  cardCvc: '123',
};

describe('Pay Now page', () => {
  it('only online-payable invoices get an InvoiceLink', async () => {
    const plain = await call((cb) => qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(10)] }, cb));
    expect(plain.InvoiceLink).toBeUndefined();
  });

  it('partial then full card payment → linked Payments, Balance reduced, signed webhooks', async () => {
    const inv = await call((cb) =>
      qbo.createInvoice(
        { CustomerRef: { value: '2' }, AllowOnlineCreditCardPayment: true, Line: [serviceLine(250)] },
        cb,
      ),
    );
    expect(inv.InvoiceLink).toMatch(new RegExp(`^${emu.url}/portal/app/CommerceNetwork/view/`));
    const page = await fetch(inv.InvoiceLink);
    const html = await page.text();
    expect(html).toContain('name="cardNumber"');
    expect(html).toContain('$250.00');
    hook.received.length = 0;

    const partial = await fetch(inv.InvoiceLink, form({ ...card, amount: '100' }));
    expect(partial.status).toBe(200);
    const p1 = await partial.json();
    expect(p1).toMatchObject({ status: 'paid', amountPaid: 100, balance: 150 });
    let current = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(current.Balance).toBe(150);
    const payment = await call((cb) => qbo.getPayment(p1.paymentId, cb));
    expect(payment).toMatchObject({ TotalAmt: 100, CustomerRef: { value: '2' }, PaymentMethodRef: { name: 'Visa' } });
    expect(payment.Line[0].LinkedTxn).toEqual([{ TxnId: inv.Id, TxnType: 'Invoice' }]);

    const declined = await fetch(inv.InvoiceLink, form({ ...card, cardNumber: '4000000000000002' }));
    expect(declined.status).toBe(402);
    const tooMuch = await fetch(inv.InvoiceLink, form({ ...card, amount: '151' }));
    expect(tooMuch.status).toBe(400);

    const full = await fetch(inv.InvoiceLink, form(card)); // amount defaults to the balance
    expect(await full.json()).toMatchObject({ amountPaid: 150, balance: 0 });
    current = await call((cb) => qbo.getInvoice(inv.Id, cb));
    expect(current.Balance).toBe(0);
    expect(current.LinkedTxn.filter((t: any) => t.TxnType === 'Payment')).toHaveLength(2);
    const paidPage = await fetch(inv.InvoiceLink);
    expect(await paidPage.text()).toContain('paid in full');

    await hook.waitFor(() => hook.entities().filter((e: any) => e.name === 'Payment').length >= 2);
    for (const w of hook.received)
      expect(verifyWebhookSignature(w.raw, w.headers['intuit-signature'] as string, 'pay-now-secret')).toBe(true);
    const ops = hook.entities().map((e: any) => `${e.name}:${e.operation}`);
    expect(ops).toContain('Payment:Create');
    expect(ops).toContain('Invoice:Update');
  });

  it('ACH payments via the HTML form (no JSON accept) return a receipt page', async () => {
    const inv = await call((cb) =>
      qbo.createInvoice({ CustomerRef: { value: '3' }, AllowOnlineACHPayment: true, Line: [serviceLine(80)] }, cb),
    );
    const res = await fetch(inv.InvoiceLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        method: 'ach',
        accountHolder: 'Kathy',
        routingNumber: '110000000',
        accountNumber: '000123456789',
        amount: '80',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Payment received: $80.00');
    expect((await call((cb) => qbo.getInvoice(inv.Id, cb))).Balance).toBe(0);
    // card is not allowed on an ACH-only invoice
    const inv2 = await call((cb) =>
      qbo.createInvoice({ CustomerRef: { value: '3' }, AllowOnlineACHPayment: true, Line: [serviceLine(5)] }, cb),
    );
    expect((await fetch(inv2.InvoiceLink, form(card))).status).toBe(400);
  });
});
