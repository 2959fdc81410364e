import { expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { control as stripeControl, postForm } from '@settle/stripe-emulator/testing';
import { Payment } from '../payments/payment.entity.js';
import { bothWorldForFile, connectedOrg, sentEverywhere, qbSideOf } from '../stripe/payment-artifacts.test-support.js';
import { qbEntities, qbIdOf, settled } from './quickbooks.test-support.js';

// Payment methods are recorded as they were: a bank debit (ACH) on a Stripe hosted invoice is not a card.
const w = bothWorldForFile();
it('an ACH payment on the hosted invoice is a bank debit in Settle and ACH in the QuickBooks Payment; a card stays a card', async () => {
  const o = await connectedOrg(w, { quickbooks: true });
  const c = w.settle.container;
  const byBank = await sentEverywhere(w, o);
  const byCard = await sentEverywhere(w, o);
  const hosted = (id: string) => `${w.stripeEmu.url}/hosted/invoices/${id}/pay`;
  const bank = await postForm(hosted(byBank.stripeInvoiceId), {
    payment_method_type: 'us_bank_account',
    bank_account_number: '000123456789',
  });
  expect(bank.status).toBe(303);
  await stripeControl(w.stripeEmu, '/async-payments/advance', {});
  expect((await postForm(hosted(byCard.stripeInvoiceId), { card_number: '4242424242424242' })).status).toBe(303);
  const paymentOf = (invoiceId: string) =>
    eventually(() => c.db.getRepository(Payment).findOneBy({ orgId: o.org.id, invoiceId }), 'the Stripe payment');
  const [achPayment, cardPayment] = [await paymentOf(byBank.invoice.id), await paymentOf(byCard.invoice.id)];
  expect([achPayment.method, cardPayment.method]).toEqual(['BANK_DEBIT', 'CARD']);

  await settled(qbSideOf(w), o.org.id);
  const qbPayments = await qbEntities(w.qbEmu, 'Payment');
  const qbPayment = async (p: Payment) => {
    const id = await qbIdOf(qbSideOf(w), o.org.id, 'PAYMENT', p.id);
    return qbPayments.find((x) => x.Id === id);
  };
  expect((await qbPayment(achPayment))?.PaymentMethodRef).toMatchObject({ name: 'ACH' });
  expect((await qbPayment(cardPayment))?.PaymentMethodRef).toBeUndefined();
  const achMethods = (await qbEntities(w.qbEmu, 'PaymentMethod')).filter((m) => m.Name === 'ACH');
  expect(achMethods).toHaveLength(1);
});
