import { describe, expect, it } from 'vitest';
import { ok } from '../../../test/api.js';
import { payByCheck } from '../../../test/fixtures.js';
import { connectedOrg, START_PAYMENT, sentToStripe, stripeWorldForFile, type ConnectedOrg } from './stripe-test-kit.js';

/**
 * What a payer is told to do when an invoice cannot be paid online (portal Pay, the /pay page): contact the
 * org at its billing email when it has one, "us" when it has none. An archived client's people, who cannot
 * sign in, are never sent to the portal: an expired /pay link tells them whom to write to for a new one.
 */
const w = stripeWorldForFile({ worker: false });

const SETTINGS = `mutation($i: OrganizationSettingsInput!) { updateOrganizationSettings(input: $i) { id } }`;
const ARCHIVE = `mutation($c: ID!) { updateClient(id: $c, input: { archived: true }) { id } }`;
const LIFETIME = `mutation { updatePaymentSettings(input: { linkLifetimeHours: 24 }) { linkLifetimeHours } }`;
const BILLING = 'billing@acme.test';
const UNCOLLECTIBLE = `mutation($id: ID!) { markInvoiceUncollectible(id: $id) { id } }`;

/** A connected org, with the billing email given (or none), and an invoice of its client sent through Stripe. */
async function orgWith(billingEmail: string | null) {
  const o = await connectedOrg(w);
  if (billingEmail) ok(await w.settle.gql(SETTINGS, { i: { billingEmail } }, o.token));
  const inv = await sentToStripe(o, 60);
  const contact = billingEmail ? `${o.org.name} at ${billingEmail}` : 'us';
  return { ...o, inv, contact };
}

const startRefusal = async (o: ConnectedOrg, id: string) =>
  (await w.settle.gql(START_PAYMENT, { id }, o.token)).errors?.[0]?.message;

/** The /pay page of `token` once its link's lifetime (24 hours from sending) has passed. */
async function expiredPayPage(o: ConnectedOrg, invoiceId: string, token: string) {
  ok(await w.settle.gql(LIFETIME, {}, o.token));
  await w.settle.container.db.query(`UPDATE invoices SET sent_at = now() - interval '25 hours' WHERE id = $1`, [
    invoiceId,
  ]);
  const r = await fetch(`${w.settle.url}/pay/${token}`, { redirect: 'manual' });
  return { status: r.status, html: await r.text() };
}

describe('whom a payer is told to contact', () => {
  for (const billingEmail of [BILLING, null]) {
    const who = billingEmail ? 'the billing email' : 'us';
    it(`an uncollectible invoice and a balance under Stripe's minimum name ${who}`, async () => {
      const o = await orgWith(billingEmail);
      await payByCheck(w.settle.container, o.org.id, o.inv.id, o.inv.total - 30); // 0.30 left
      expect(await startRefusal(o, o.inv.id)).toContain(
        `Please pay it another way, such as by check or bank transfer, or contact ${o.contact}.`,
      );
      ok(await w.settle.gql(UNCOLLECTIBLE, { id: o.inv.id }, o.token));
      expect(await startRefusal(o, o.inv.id)).toBe(
        `Invoice ${o.inv.number} can no longer be paid online; please contact ${o.contact} to pay it`,
      );
    });

    it(`an expired /pay link of an active client offers the portal, or ${who}`, async () => {
      const o = await orgWith(billingEmail);
      const page = await expiredPayPage(o, o.inv.id, o.inv.publicToken);
      expect(page.status).toBe(410);
      expect(page.html).toContain(`Sign in to the client portal to pay, or contact ${o.contact} for a new link.`);
      expect(page.html).toContain(`/portal/invoices/${o.inv.id}`);
    });
  }

  for (const billingEmail of [BILLING, null]) {
    it(`the /pay page of an uncollectible invoice of an active client links the portal and names ${billingEmail ? 'the billing email' : 'us'}`, async () => {
      const o = await orgWith(billingEmail);
      ok(await w.settle.gql(UNCOLLECTIBLE, { id: o.inv.id }, o.token));
      const r = await fetch(`${w.settle.url}/pay/${o.inv.publicToken}`, { redirect: 'manual' });
      const html = await r.text();
      expect(r.status).toBe(410);
      expect(html).toContain(`Invoice ${o.inv.number} cannot be paid online`);
      expect(html).toContain(`Please contact ${o.contact} about it.`);
      expect(html).toContain(`/portal/invoices/${o.inv.id}`);
    });
  }

  for (const billingEmail of [BILLING, null]) {
    it(`an expired /pay link of an archived client offers no portal sign-in and names the org${billingEmail ? ' at its billing email' : ''}`, async () => {
      const o = await orgWith(billingEmail);
      ok(await w.settle.gql(ARCHIVE, { c: o.fx.client.id }, o.token));
      const page = await expiredPayPage(o, o.inv.id, o.inv.publicToken);
      expect(page.status).toBe(410);
      const named = billingEmail ? `${o.org.name} at ${billingEmail}` : o.org.name;
      expect(page.html).toContain(`is still due. Please contact ${named} for a new link.`);
      expect(page.html).not.toContain('/portal/');
      expect(page.html).not.toMatch(/sign in/i);
    });
  }
});
