import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { Email } from '../email/email.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { StripeWebhookSecret } from './stripe-links.entity.js';
import * as kit from './stripe-test-kit.js';

const w = kit.stripeWorldForFile();

describe('events of a Stripe account the org switched away from', () => {
  it('a payment made in the old account is not booked, and the admins are told of it', async () => {
    const o = await kit.connectedOrg(w);
    const inv = await kit.sentToStripe(o);
    // The client pays in account A; its webhook is lost on the way (Stripe will retry it).
    await kit.control(w.emu, '/faults', { action: 'drop', event_type: 'checkout.session.completed', count: 5 });
    const s = (await w.settle.gql(kit.START_PAYMENT, { id: inv.id }, o.token)).data.startInvoicePayment;
    await kit.payCheckout(s.url);
    // The org connects account B meanwhile.
    const b = await w.settle.gql(kit.CONNECT, { sk: `sk_test_B${o.org.id.replace(/-/g, '')}` }, o.token);
    expect(b.errors).toBeUndefined();
    // Stripe's retry of A's event reaches Settle, signed with A's (retired) secret.
    const [event] = (await o.stripe.events.list({ type: 'checkout.session.completed' })).data;
    const secretA = await w.settle.container.db
      .getRepository(StripeWebhookSecret)
      .findOneByOrFail({ orgId: o.org.id, accountId: o.conn.accountId });
    const body = JSON.stringify(event, null, 2);
    const res = await fetch(b.data.connectStripe.webhookUrl, {
      method: 'POST',
      headers: kit.signedHeaders(body, w.settle.container.secrets.open(secretA.secretSealed)),
      body,
    });
    expect(res.status).toBe(200);
    const row = await eventually(async () => {
      const r = await w.settle.container.db
        .getRepository(StripeEventInbox)
        .findOneBy({ orgId: o.org.id, eventId: event!.id });
      return r?.status === 'DONE' ? r : null;
    }, 'the old account event set aside');
    expect(row.outcome).toMatch(/^not booked: event of Stripe account/);
    expect((await kit.invoiceOf(w, o.org.id, inv.id)).amountPaid).toBe(0);
    const told = await w.settle.container.db
      .getRepository(Email)
      .findBy({ orgId: o.org.id, relatedId: inv.id, kind: 'payment_exception' });
    expect(told.map((e) => e.subject)).toEqual([
      `Stripe reports a payment of USD 100.00 on invoice ${inv.number} in an account Settle no longer uses`,
    ]);
  });
});
