import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { Email } from '../email/email.entity.js';

/**
 * An org's billing email: set by admins (checked, audited, empty clears it), and the Reply-To of the emails
 * its clients get, so a client's reply ("we paid by wire last week") reaches the business, not Settle's
 * sender. Staff notices carry none; with no billing email nothing changes.
 */
let s: TestSettle;
const SETTINGS = `mutation($i: OrganizationSettingsInput!) { updateOrganizationSettings(input: $i) { billingEmail } }`;
const READ = `{ organization { billingEmail } }`;

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
});
afterAll(() => s?.close());

const stored = async (orgId: string) =>
  (
    (await s.container.db.query(`SELECT name, billing_email FROM organizations WHERE id = $1`, [orgId])) as Array<{
      name: string;
      billing_email: string | null;
    }>
  )[0]!;

/** The invoice emails queued about the invoice, oldest first, as the outbox row and as it would leave. */
async function invoiceMails(invoiceId: string) {
  const rows = await s.container.db
    .getRepository(Email)
    .find({ where: { relatedId: invoiceId, kind: 'invoice' }, order: { createdAt: 'ASC' } });
  return Promise.all(rows.map(async (m) => ({ replyTo: m.replyTo, sent: await s.container.email.compose(m) })));
}

describe('organization billing email', () => {
  it('an admin sets it (audited) and clears it with empty; a malformed address is refused, writing nothing', async () => {
    const o = await createOrgWithOwner(s);
    expect(ok(await s.gql(READ, {}, o.token)).organization.billingEmail).toBeNull();
    const audits = async () =>
      (await s.container.db.query(
        `SELECT before->>'billingEmail' AS before, after->>'billingEmail' AS after FROM audit_events
          WHERE org_id = $1 AND action = 'organization.settings_updated' ORDER BY id`,
        [o.org.id],
      )) as Array<{ before: string | null; after: string | null }>;

    for (const bad of ['billing', 'billing@', '@acme.test', 'billing@acme', 'a b@acme.test']) {
      const f = failure(await s.gql(SETTINGS, { i: { billingEmail: bad, name: 'Renamed' } }, o.token));
      expect(f, bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'billingEmail' });
      expect(f.message).toBe('Billing email must be an email address such as billing@example.com');
    }
    expect(await stored(o.org.id)).toEqual({ name: o.org.name, billing_email: null });
    expect(await audits()).toEqual([]);

    const set = ok(await s.gql(SETTINGS, { i: { billingEmail: ' billing@acme.test ' } }, o.token));
    expect(set.updateOrganizationSettings.billingEmail).toBe('billing@acme.test');
    expect(ok(await s.gql(READ, {}, o.token)).organization.billingEmail).toBe('billing@acme.test');
    // Left out, it keeps its value.
    ok(await s.gql(SETTINGS, { i: { name: 'Acme MSP' } }, o.token));
    expect((await stored(o.org.id)).billing_email).toBe('billing@acme.test');

    expect(
      ok(await s.gql(SETTINGS, { i: { billingEmail: '' } }, o.token)).updateOrganizationSettings.billingEmail,
    ).toBe(null);
    expect((await stored(o.org.id)).billing_email).toBeNull();
    expect(await audits()).toEqual([
      { before: null, after: 'billing@acme.test' },
      { before: 'billing@acme.test', after: 'billing@acme.test' },
      { before: 'billing@acme.test', after: null },
    ]);
  });

  it('null clears it as empty does (the value it reads when there is none), not an internal error', async () => {
    const o = await createOrgWithOwner(s);
    ok(await s.gql(SETTINGS, { i: { billingEmail: 'billing@acme.test' } }, o.token));
    const cleared = ok(await s.gql(SETTINGS, { i: { billingEmail: null } }, o.token));
    expect(cleared.updateOrganizationSettings.billingEmail).toBeNull();
    expect((await stored(o.org.id)).billing_email).toBeNull();
  });

  it("an invoice email to the client replies to the org's billing email; none without one, nor on staff notices", async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    const unset = await f.sentInvoice(60);
    const [before] = await invoiceMails(unset.id);
    expect(before!.replyTo).toBeNull();
    expect(before!.sent).not.toHaveProperty('replyTo');

    ok(await s.gql(SETTINGS, { i: { billingEmail: 'billing@acme.test' } }, o.token));
    const invoice = await f.sentInvoice(30);
    const [mail] = await invoiceMails(invoice.id);
    expect(mail!.sent.to).toBe('ap@client.test');
    expect(mail!.replyTo).toBe('billing@acme.test');
    expect(mail!.sent.replyTo).toBe('billing@acme.test');

    // A notice to the org's own staff is not a client's email: no Reply-To.
    const noticeId = await s.container.db.transaction((tx) =>
      s.container.email.queue(tx, o.org.id, {
        kind: 'reconciliation',
        to: 'owner@acme.test',
        subject: 'x',
        text: 'x',
        html: 'x',
      }),
    );
    expect((await s.container.db.getRepository(Email).findOneByOrFail({ id: noticeId })).replyTo).toBeNull();
  });
});
