import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { createOrgWithOwner } from '../../../test/harness.js';

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Open Balance Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Owes' }));

const BALANCE = `query($id:ID!){client(id:$id){openBalance{currency balanceDue overdue openInvoices}}}`;
const balanceOf = async (clientId: string, token: string) =>
  ok(await s.gql(BALANCE, { id: clientId }, token)).client.openBalance;

/** `count` more open copies of a sent invoice, straight in SQL (the API would take minutes to make 205). */
async function copies(invoiceId: string, count: number) {
  await s.container.db.query(
    `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     SELECT org_id, client_id, number || '-' || g, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at
       FROM invoices, generate_series(1, $2) g WHERE id = $1`,
    [invoiceId, count],
  );
}

describe('Client.openBalance', () => {
  it('sums every open invoice (not a page of them), splits out the overdue part, and leaves drafts, paid and void invoices out', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Many' });
    const open = await fx.sentInvoice(60); // 100.00
    const part = await fx.sentInvoice(60);
    await payByCheck(s.container, a.org.id, part.id, 4000); // 60.00 left, PARTIALLY_PAID
    const late = await fx.sentInvoice(30); // 50.00, due long ago
    await s.container.db.query(`UPDATE invoices SET due_date = '2026-01-15' WHERE id = $1`, [late.id]);
    const paid = await fx.sentInvoice(60);
    await payByCheck(s.container, a.org.id, paid.id, paid.total);
    await fx.draftInvoice(60);
    const voided = await fx.sentInvoice(60);
    await s.container.invoices.void(a.org.id, fx.actor, voided.id);
    await copies(open.id, 205);

    const expected = [{ currency: 'USD', balanceDue: 10000 * 206 + 6000 + 5000, overdue: 5000, openInvoices: 208 }];
    expect(await balanceOf(fx.client.id, a.token)).toEqual(expected);
    // The client's portal user reads the same figures; a client owing nothing reads an empty list.
    expect(await balanceOf(fx.client.id, await portalSession(s, a.org.id, fx.client.id))).toEqual(expected);
    expect(await balanceOf(f.client.id, a.token)).toEqual([]);
  });

  it("a portal user cannot read another client's balance; another org cannot read it at all", async () => {
    await f.sentInvoice(60);
    const other = await billingFixture(s.container, a.org.id, { clientName: 'Neighbour' });
    const portal = await portalSession(s, a.org.id, other.client.id);
    // The other client is invisible to them (not found, as for another org), so its balance is too.
    expect(failure(await s.gql(BALANCE, { id: f.client.id }, portal))).toMatchObject({ code: 'NOT_FOUND' });
    const b = await createOrgWithOwner(s, 'Open Balance Other');
    expect(failure(await s.gql(BALANCE, { id: f.client.id }, b.token))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a portal user does not see invoices never sent to the client in its balance', async () => {
    const fx = await billingFixture(s.container, a.org.id, { clientName: 'Unsent' });
    const sent = await fx.sentInvoice(60);
    // An open invoice not issued to the client (as an invoice pushed elsewhere before any send could be).
    await copies(sent.id, 1);
    await s.container.db.query(`UPDATE invoices SET sent_at = NULL WHERE client_id = $1 AND id <> $2`, [
      fx.client.id,
      sent.id,
    ]);
    const portal = await portalSession(s, a.org.id, fx.client.id);
    expect(await balanceOf(fx.client.id, portal)).toEqual([
      { currency: 'USD', balanceDue: 10000, overdue: 0, openInvoices: 1 },
    ]);
    expect((await balanceOf(fx.client.id, a.token))[0].openInvoices).toBe(2);
  });
});
