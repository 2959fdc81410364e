import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Email } from '../email/email.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { ingestEvent } from './stripe-inbox.js';
import { StripeCheckoutSession } from './stripe-links.entity.js';
import { type ConnectedOrg, invoiceOf, quietOrg, stripeModule, stripeWorldForFile } from './stripe-test-kit.js';

/** Events that arrive after the state they describe is over: they must not undo or alarm. */
const w = stripeWorldForFile();

const sentInvoice = (o: ConnectedOrg) => o.fx.sentInvoice(60, { destinations: ['EMAIL'], email: false });

let seq = 0;
/** Puts one event in the org's inbox, drains it, returns its row. */
async function process(o: ConnectedOrg, type: string, object: object): Promise<StripeEventInbox> {
  const id = `evt_stale_${Date.now()}_${++seq}`;
  const evt = {
    id,
    object: 'event',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
  } as unknown as Stripe.Event;
  await ingestEvent(w.settle.container.db, o.org.id, evt, JSON.stringify(evt), 'WEBHOOK');
  await stripeModule(w).processor.drain(o.org.id);
  return w.settle.container.db.getRepository(StripeEventInbox).findOneByOrFail({ orgId: o.org.id, eventId: id });
}

const failedMails = (orgId: string, invoiceId: string) =>
  w.settle.container.db.getRepository(Email).countBy({ orgId, kind: 'payment_failed', relatedId: invoiceId });

describe('stale Stripe events', () => {
  it('invoice.payment_failed for an invoice already PAID or VOID emails nobody and is recorded as ignored', async () => {
    const o = await quietOrg(w);
    const c = w.settle.container;
    const paid = await sentInvoice(o);
    await c.settlement.settle(o.org.id, SYSTEM_ACTOR, {
      invoiceId: paid.id,
      amount: paid.total,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
    });
    expect((await invoiceOf(w, o.org.id, paid.id)).status).toBe('PAID');
    const voided = await sentInvoice(o);
    await c.invoices.void(o.org.id, SYSTEM_ACTOR, voided.id);
    const open = await sentInvoice(o);
    const stripeInvoice = (invoiceId: string) => ({
      id: `in_stale_${invoiceId.slice(0, 8)}`,
      object: 'invoice',
      status: 'open',
      metadata: { settle_org_id: o.org.id, settle_invoice_id: invoiceId },
    });

    const onPaid = await process(o, 'invoice.payment_failed', stripeInvoice(paid.id));
    expect(onPaid).toMatchObject({ status: 'DONE', outcome: 'ignored: the invoice is already PAID' });
    expect(await failedMails(o.org.id, paid.id)).toBe(0);
    const onVoid = await process(o, 'invoice.payment_failed', stripeInvoice(voided.id));
    expect(onVoid).toMatchObject({ status: 'DONE', outcome: 'ignored: the invoice is already VOID' });
    expect(await failedMails(o.org.id, voided.id)).toBe(0);
    expect(await c.db.getRepository(AuditEvent).countBy({ orgId: o.org.id, action: 'invoice.payment_failed' })).toBe(0);

    // An open invoice still alarms the admins.
    const onOpen = await process(o, 'invoice.payment_failed', stripeInvoice(open.id));
    expect(onOpen.outcome).toMatch(/^payment failed: /);
    expect(await failedMails(o.org.id, open.id)).toBeGreaterThan(0);
  });

  it('checkout.session.expired never turns a complete session back into an expired one', async () => {
    const o = await quietOrg(w);
    const inv = await sentInvoice(o);
    const repo = w.settle.container.db.getRepository(StripeCheckoutSession);
    const row = {
      orgId: o.org.id,
      invoiceId: inv.id,
      amount: inv.total,
      balanceAtCreation: inv.total,
      customAmount: false,
      url: 'http://x.test/pay',
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await repo.insert([
      { ...row, id: 'cs_test_stale_complete', status: 'complete' },
      { ...row, id: 'cs_test_stale_open', status: 'open' },
    ]);

    const expired = (id: string) =>
      process(o, 'checkout.session.expired', { id, object: 'checkout.session', status: 'expired', metadata: {} });
    const late = await expired('cs_test_stale_complete');
    expect(late).toMatchObject({ status: 'DONE', outcome: 'ignored: the session is already complete' });
    expect((await repo.findOneByOrFail({ id: 'cs_test_stale_complete' })).status).toBe('complete');

    const due = await expired('cs_test_stale_open');
    expect(due).toMatchObject({ status: 'DONE', outcome: 'session expired' });
    expect((await repo.findOneByOrFail({ id: 'cs_test_stale_open' })).status).toBe('expired');
  });
});
