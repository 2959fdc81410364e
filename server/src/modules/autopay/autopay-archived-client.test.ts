import { describe, expect, it } from 'vitest';
import { ok } from '../../../test/api.js';
import { Email } from '../email/email.entity.js';
import { stripeWorldForFile } from '../stripe/stripe-test-kit.js';
import { autopayDueInvoice, chargerOf } from './autopay-test-kit.js';

/**
 * An archived client's autopay still charges what it already owes (the client agreed to it; archiving only
 * stops new billing), but its people can no longer sign in to the portal: a decline email keeps the pay link
 * and, instead of the portal's payment-methods page, says whom to ask about the card on file.
 */
const w = stripeWorldForFile({ worker: false });
const ARCHIVE = `mutation($c:ID!){updateClient(id:$c,input:{archived:true}){id}}`;

describe('autopay of an archived client', () => {
  it('charges an invoice it owes; a decline email links the pay page and no portal page', async () => {
    const paid = await autopayDueInvoice(w, { card_number: '4242424242424242' });
    ok(await w.settle.gql(ARCHIVE, { c: paid.o.fx.client.id }, paid.o.token));
    expect(await chargerOf(w).chargeInvoice(paid.o.org.id, paid.inv.id)).toBe('charged');

    const { o, inv } = await autopayDueInvoice(w, { card_number: '4000000000000341' });
    ok(await w.settle.gql(ARCHIVE, { c: o.fx.client.id }, o.token));
    expect(await chargerOf(w).chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const mail = await w.settle.container.db
      .getRepository(Email)
      .findOneByOrFail({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mail.text).toContain(`Pay now: ${w.settle.url}/pay/${inv.publicToken}`);
    expect(mail.text).not.toContain('/portal/');
    expect(mail.html).not.toContain('/portal/');
    expect(mail.text).toContain(`To change the payment method on file, please contact ${o.org.name}.`);
  });

  it('with a billing email the decline email names it as whom to ask, and replies go there', async () => {
    const { o, inv } = await autopayDueInvoice(w, { card_number: '4000000000000341' });
    ok(await w.settle.gql(ARCHIVE, { c: o.fx.client.id }, o.token));
    ok(
      await w.settle.gql(
        `mutation{updateOrganizationSettings(input:{billingEmail:"billing@acme.test"}){id}}`,
        {},
        o.token,
      ),
    );
    expect(await chargerOf(w).chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const mail = await w.settle.container.db
      .getRepository(Email)
      .findOneByOrFail({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mail.text).toContain(
      `To change the payment method on file, please contact ${o.org.name} at billing@acme.test.`,
    );
    expect(mail.replyTo).toBe('billing@acme.test');
  });
});
