import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { billingWorld } from '../billing/billing-test-kit.js';

/** Time kept on a void invoice is not stuck there: an admin of its org releases it, once. */
const s = settleForFile({ worker: false });

const GENERATE = `mutation($from:LocalDate!,$to:LocalDate!){
  generateInvoices(input:{periodStart:$from,periodEnd:$to,issueDate:"2026-12-01"}){invoices{id total} skipped{reason}}}`;
const VOID = `mutation($id:ID!,$r:Boolean!){voidInvoice(id:$id,releaseTimeEntries:$r){status}}`;
const RELEASE = `mutation($id:ID!){releaseVoidedInvoiceTime(invoiceId:$id){id status}}`;

async function voidedWithTimeKept() {
  const { org, token } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id);
  const entry = await f.approvedEntry(60, '2026-11-02');
  const inv = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices.invoices[0];
  ok(await s.gql(VOID, { id: inv.id, r: false }, token));
  const invoiceOf = async () => (await s.container.timeEntries.get(org.id, entry.id)).invoiceId;
  return { org, token, f, entry, inv, invoiceOf };
}

describe('releaseVoidedInvoiceTime', () => {
  it("puts a void invoice's kept time back up for invoicing; a repeat releases nothing and answers the invoice", async () => {
    const { org, token, inv, invoiceOf } = await voidedWithTimeKept();
    expect(await invoiceOf()).toBe(inv.id);
    expect(ok(await s.gql(RELEASE, { id: inv.id }, token)).releaseVoidedInvoiceTime).toEqual({
      id: inv.id,
      status: 'VOID',
    });
    expect(await invoiceOf()).toBeNull();
    const [audit] = (await s.container.db.query(
      `SELECT after FROM audit_events WHERE org_id = $1 AND entity_id = $2 AND action = 'invoice.voided_work_released'`,
      [org.id, inv.id],
    )) as Array<{ after: { releasedTimeEntries: number } }>;
    expect(audit!.after.releasedTimeEntries).toBe(1);

    // Billed again on a new invoice, then the release is repeated (a retry): the new invoice keeps it.
    const again = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices;
    expect(again.invoices).toHaveLength(1);
    await expectNoChange(s, async () =>
      expect(ok(await s.gql(RELEASE, { id: inv.id }, token)).releaseVoidedInvoiceTime.status).toBe('VOID'),
    );
    expect(await invoiceOf()).toBe(again.invoices[0].id);
  });

  it('is refused for an invoice that is not void, or that never held time to release, naming it', async () => {
    const { token, f, inv } = await voidedWithTimeKept();
    await f.approvedEntry(30, '2026-11-20');
    const open = ok(await s.gql(GENERATE, { from: '2026-11-20', to: '2026-11-20' }, token)).generateInvoices
      .invoices[0];
    const draft = await expectNoChange(s, () => s.gql(RELEASE, { id: open.id }, token));
    expect(failure(draft)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invoiceId' });
    expect(failure(draft).message).toMatch(/^Invoice INV-\d+ is not void \(it is draft\)/);

    // Voided with its time released at once: nothing is left to release.
    ok(await s.gql(VOID, { id: open.id, r: true }, token));
    const none = await expectNoChange(s, () => s.gql(RELEASE, { id: open.id }, token));
    expect(failure(none)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invoiceId' });
    expect(failure(none).message).toMatch(/holds no time or contract periods to release/);

    // The kept time is still where it was.
    expect((await s.container.db.query(`SELECT 1 FROM time_entries WHERE invoice_id = $1`, [inv.id])).length).toBe(1);
  });

  it("is for admins of the invoice's org only: billing staff are refused, another org's admin finds no invoice", async () => {
    const { org, inv, invoiceOf } = await voidedWithTimeKept();
    const billing = await signedInUser(s, org.id, {
      email: `billing-${Date.now()}@release.test`,
      name: 'Billing',
      role: 'BILLING',
    });
    const other = await createOrgWithOwner(s);
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(RELEASE, { id: inv.id }, billing)).code).toBe('FORBIDDEN');
      expect(failure(await s.gql(RELEASE, { id: inv.id }, other.token)).code).toBe('NOT_FOUND');
    });
    expect(await invoiceOf()).toBe(inv.id);
  });

  it('releases the contract periods a void invoice kept charged too, so the next run charges them again', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2026-01-02');
    const [jan] = await w.invoices();
    ok(await s.gql(VOID, { id: jan!.id, r: false }, w.token));
    const charged = () =>
      s.container.db.query(`SELECT invoice_id FROM contract_charges WHERE org_id = $1`, [w.org.id]) as Promise<
        Array<{ invoice_id: string }>
      >;
    expect(await charged()).toEqual([{ invoice_id: jan!.id }]);
    ok(await s.gql(RELEASE, { id: jan!.id }, w.token));
    expect(await charged()).toEqual([]);
  });
});
