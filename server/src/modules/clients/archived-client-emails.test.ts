import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { ok } from '../../../test/api.js';
import { remindersOf } from '../reminders/reminders.integration.js';
import { dayOf, manualClock, sweep } from '../reminders/reminders.test-support.js';
import { connectedOrg, stripeWorldForFile } from '../stripe/stripe-test-kit.js';

/**
 * Archiving a client signs its portal users out and refuses their sign-in, but what it was issued before is
 * still owed: resent, reminded and payable through its /pay link. The emails about it and the /pay page
 * keep the pay link and link no portal page the client would be refused at; an active client's are as before.
 */
const w = stripeWorldForFile({ worker: false });

const SEND = `mutation($id:ID!){sendInvoice(id:$id){status}}`;
const ARCHIVE = `mutation($c:ID!,$a:Boolean!){updateClient(id:$c,input:{archived:$a}){id}}`;
const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const VOID = `mutation($id:ID!){voidInvoice(id:$id){status}}`;

/** The outbox's emails of `kind` about the invoice, oldest first. */
const mailsOf = async (invoiceId: string, kind: string) =>
  (await w.settle.container.db.query(
    `SELECT text_body, html_body FROM emails WHERE related_id = $1 AND kind = $2 ORDER BY created_at, id`,
    [invoiceId, kind],
  )) as Array<{ text_body: string; html_body: string }>;

/** An org with Stripe connected, reminders on the due date, and a client sent an invoice of USD 100.00. */
async function owedInvoice(archived: boolean) {
  const clock = manualClock(w.settle);
  const o = await connectedOrg(w);
  await remindersOf(w.settle.container).policies.set(o.org.id, SYSTEM_ACTOR, { enabled: true, offsets: [0] });
  const invoice = await o.fx.sentInvoice(60);
  if (archived) ok(await w.settle.gql(ARCHIVE, { c: o.fx.client.id, a: true }, o.token));
  return { ...o, clock, invoice };
}

describe('emails about an invoice of an archived client', () => {
  for (const archived of [true, false]) {
    it(`${archived ? 'archived' : 'active'} client: the resent invoice and its reminder carry the pay link${archived ? ' and no portal link' : ' and the portal link'}`, async () => {
      const o = await owedInvoice(archived);
      const portal = `${w.settle.url}/portal/`;
      expect(ok(await w.settle.gql(SEND, { id: o.invoice.id }, o.token)).sendInvoice.status).toBe('SENT');
      o.clock.set(dayOf(o.invoice.dueDate, 0));
      await sweep(w.settle);

      const resent = (await mailsOf(o.invoice.id, 'invoice'))[1]!;
      const [reminder] = await mailsOf(o.invoice.id, 'invoice-reminder');
      expect(reminder).toBeDefined();
      for (const mail of [resent, reminder!]) {
        expect(mail.text_body).toContain(`Pay USD 100.00 online: ${w.settle.url}/pay/${o.invoice.publicToken}`);
        expect(mail.html_body).toContain(`${w.settle.url}/pay/${o.invoice.publicToken}`);
        if (archived) {
          expect(mail.text_body).not.toContain(portal);
          expect(mail.html_body).not.toContain(portal);
          expect(mail.html_body).not.toContain('View invoice');
        } else {
          expect(mail.text_body).toContain(`View invoice: ${portal}invoices/${o.invoice.id}`);
          expect(mail.html_body).toContain(`${portal}invoices/${o.invoice.id}`);
        }
      }

      // The receipt of a payment recorded by staff links the portal only for a client who can sign in.
      ok(await w.settle.gql(PAY, { i: { invoiceId: o.invoice.id, amount: 10000, method: 'CHECK' } }, o.token));
      const [receipt] = await mailsOf(o.invoice.id, 'payment_confirmation');
      expect(receipt!.text_body).toContain('The invoice is now paid in full.');
      expect(receipt!.text_body.includes(portal)).toBe(!archived);
      expect(receipt!.html_body.includes(portal)).toBe(!archived);
    });
  }

  it('without a pay link the email says whom to ask, and the /pay page of a void invoice links no portal', async () => {
    const o = await owedInvoice(true);
    ok(await w.settle.gql(`mutation{updateOrganizationSettings(input:{emailPayLink:false}){id}}`, {}, o.token));
    ok(await w.settle.gql(SEND, { id: o.invoice.id }, o.token));
    const resent = (await mailsOf(o.invoice.id, 'invoice'))[1]!;
    expect(resent.text_body).not.toContain('/pay/');
    expect(resent.text_body).not.toContain('/portal/');
    expect(resent.text_body).toContain(`To pay this invoice, please contact ${o.org.name}.`);

    // Still payable online: /pay goes on to Stripe as for any client.
    const pay = () => fetch(`${w.settle.url}/pay/${o.invoice.publicToken}`, { redirect: 'manual' });
    expect((await pay()).status).toBe(303);
    ok(await w.settle.gql(VOID, { id: o.invoice.id }, o.token));
    const r = await pay();
    const html = await r.text();
    expect(r.status).toBe(410);
    expect(html).not.toContain('/portal/');
    expect(html).toContain(`Please contact ${o.org.name} about it.`);
  });

  it("with a billing email the email and the /pay page name the org's address to contact", async () => {
    const o = await owedInvoice(true);
    const settings = `mutation($i:OrganizationSettingsInput!){updateOrganizationSettings(input:$i){id}}`;
    ok(await w.settle.gql(settings, { i: { emailPayLink: false, billingEmail: 'billing@acme.test' } }, o.token));
    ok(await w.settle.gql(SEND, { id: o.invoice.id }, o.token));
    const resent = (await mailsOf(o.invoice.id, 'invoice'))[1]!;
    expect(resent.text_body).toContain(`To pay this invoice, please contact ${o.org.name} at billing@acme.test.`);
    expect(resent.html_body).toContain(`please contact ${o.org.name} at billing@acme.test.`);

    ok(await w.settle.gql(VOID, { id: o.invoice.id }, o.token));
    const html = await (await fetch(`${w.settle.url}/pay/${o.invoice.publicToken}`, { redirect: 'manual' })).text();
    expect(html).toContain(`Please contact ${o.org.name} at billing@acme.test about it.`);
  });
});
