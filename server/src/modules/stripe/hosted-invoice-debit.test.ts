import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { StripeInvoiceLink } from './stripe-links.entity.js';
import {
  connectedOrg,
  control,
  inboxSettled,
  invoiceOf,
  paymentsOf,
  postForm,
  sentToStripe,
  START_PAYMENT,
  stripeWorldForFile,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

/** The client starts a bank debit on the invoice's hosted Stripe invoice (this account fails days later); its Stripe id. */
async function startFailingDebit(invoiceId: string): Promise<string> {
  const stripeId = await eventually(
    async () =>
      (await w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId }))?.stripeInvoiceId ?? null,
    'the hosted invoice',
  );
  const res = await postForm(`${w.emu.url}/hosted/invoices/${stripeId}/pay`, {
    payment_method_type: 'us_bank_account',
    bank_account_number: '000111111113',
  });
  expect(res.status).toBe(303);
  return stripeId;
}

describe('a payment recorded by hand while a bank debit of the hosted invoice is processing', () => {
  it('is refused saying why, and recorded once the debit failed (no refusal kept at Stripe)', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
    const inv = await sentToStripe(o);
    const stripeId = await startFailingDebit(inv.id);
    const byCheck = () =>
      w.settle.container.settlement.recordManual(o.org.id, SYSTEM_ACTOR, {
        invoiceId: inv.id,
        amount: 10000,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
    const refused = await byCheck().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect((refused as Error).message).toMatch(/bank debit of invoice .* is being processed at Stripe/);
    expect(await paymentsOf(w, o.org.id, inv.id)).toEqual([]);
    expect((await o.stripe.invoices.retrieve(stripeId)).status).toBe('open');
    // The debit fails: the check can be recorded now, and the hosted invoice is closed as paid elsewhere.
    await control(w.emu, '/async-payments/advance', { outcome: 'failed' });
    await inboxSettled(w, o.org.id);
    await byCheck();
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
    expect((await o.stripe.invoices.retrieve(stripeId)).status).toBe('paid');
  });

  it('a balance changed meanwhile reissues the hosted invoice once the debit failed', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(`mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE}) { sendVia } }`, {}, o.token);
    const inv = await sentToStripe(o);
    const linkOf = () => w.settle.container.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: inv.id });
    const stripeId = await eventually(async () => (await linkOf())?.stripeInvoiceId ?? null, 'the hosted invoice');
    const res = await postForm(`${w.emu.url}/hosted/invoices/${stripeId}/pay`, {
      payment_method_type: 'us_bank_account',
      bank_account_number: '000111111113',
    });
    expect(res.status).toBe(303);
    // 30.00 credited while the debit processes: the hosted invoice for 100.00 cannot be voided yet.
    await w.settle.container.settlement.issueCreditMemo(o.org.id, SYSTEM_ACTOR, {
      invoiceId: inv.id,
      amount: 3000,
      reason: 'goodwill',
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await o.stripe.invoices.retrieve(stripeId)).status).toBe('open');
    // The debit fails: the hosted invoice is reissued for the 70.00 still owed.
    await control(w.emu, '/async-payments/advance', { outcome: 'failed' });
    const reissued = await eventually(
      async () => {
        const l = await linkOf();
        return l?.stripeInvoiceId && l.stripeInvoiceId !== stripeId && l.hostedUrl ? l : null;
      },
      'the hosted invoice reissued',
      15_000,
    );
    expect((await o.stripe.invoices.retrieve(stripeId)).status).toBe('void');
    expect((await o.stripe.invoices.retrieve(reissued.stripeInvoiceId!)).amount_remaining).toBe(7000);
  });

  it('a part paid online meanwhile is refused as a payment already under way, and can be paid once the debit failed', async () => {
    const o = await connectedOrg(w);
    await w.settle.gql(
      `mutation { updatePaymentSettings(input: {sendVia: HOSTED_INVOICE, allowPartialPayments: true}) { sendVia } }`,
      {},
      o.token,
    );
    const inv = await sentToStripe(o);
    const stripeId = await startFailingDebit(inv.id);
    const part = () => w.settle.gql(START_PAYMENT, { id: inv.id, amount: 4000 }, o.token);
    const refused = await part();
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await o.stripe.invoices.retrieve(stripeId)).status).toBe('open');
    await control(w.emu, '/async-payments/advance', { outcome: 'failed' });
    await inboxSettled(w, o.org.id);
    const started = await part();
    expect(started.errors).toBeUndefined();
    expect(started.data.startInvoicePayment.url).toMatch(/checkout/);
  });
});
