import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner, eventually } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

// Generation asked carelessly or raced: what it must refuse, or wait for, rather than bill wrongly.
const s = settleForFile({ worker: false });

const GENERATE = `mutation($c:[ID!],$from:LocalDate!,$to:LocalDate!){
  generateInvoices(input:{clientIds:$c,periodStart:$from,periodEnd:$to,issueDate:"2026-12-01"}){
    invoices{id currency} skipped{clientId reason}}}`;

describe('generateInvoices, guarded', () => {
  it('refuses an empty client list, naming the field, instead of billing every client', async () => {
    // Omitted means every client with approved time; [] (a selection emptied by a filter) means none.
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    await f.approvedEntry(60, '2026-11-02');
    await expectNoChange(s, async () => {
      const res = await s.gql(GENERATE, { c: [], from: '2026-11-01', to: '2026-11-30' }, token);
      expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientIds' });
    });
  });

  it('voiding again to release the time says so when the first void kept it, instead of answering VOID', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    const VOID = `mutation($id:ID!,$r:Boolean!){voidInvoice(id:$id,releaseTimeEntries:$r){status}}`;
    const kept = await f.approvedEntry(60);
    const inv = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices.invoices[0];
    ok(await s.gql(VOID, { id: inv.id, r: false }, token));
    // The answer used to be VOID with the time still on the void invoice: billing staff took it as released.
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(VOID, { id: inv.id, r: true }, token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'releaseTimeEntries',
      });
    });
    expect((await s.container.timeEntries.get(org.id, kept.id)).invoiceId).toBe(inv.id);

    // Voided with its time released, the same request again (a second click) still answers VOID.
    const other = await f.approvedEntry(30, '2026-11-05');
    const next = ok(await s.gql(GENERATE, { from: '2026-11-05', to: '2026-11-05' }, token)).generateInvoices
      .invoices[0];
    for (let i = 0; i < 2; i++)
      expect(ok(await s.gql(VOID, { id: next.id, r: true }, token)).voidInvoice.status).toBe('VOID');
    expect((await s.container.timeEntries.get(org.id, other.id)).invoiceId).toBeNull();
  });

  it('a client whose currency changes while generation waits for its time is never invoiced in the old one', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    await s.container.catalog.update(org.id, f.actor, f.service.id, {
      prices: [{ currency: 'JPY', unitAmount: 15000 }],
    });
    const entry = await f.approvedEntry(60);
    const CURRENCY = `mutation($id:ID!){updateClient(id:$id,input:{currency:"JPY"}){currency}}`;
    const runner = s.container.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let generated: Promise<Awaited<ReturnType<typeof s.gql>>>;
    let changed: Promise<Awaited<ReturnType<typeof s.gql>>>;
    try {
      // Generation has read the client (USD) and waits on the entry; the currency changes meanwhile.
      await runner.query(`SELECT id FROM time_entries WHERE id = $1 FOR UPDATE`, [entry.id]);
      generated = s.gql(GENERATE, { c: [f.client.id], from: '2026-11-01', to: '2026-11-30' }, token);
      const waiting = async (n: number) => {
        const [{ w }] = await s.container.db.query(
          `SELECT count(*)::int AS w FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return w >= n;
      };
      await eventually(() => waiting(1), 'generation to wait on the entry');
      changed = s.gql(CURRENCY, { id: f.client.id }, token);
      // Either the change is done, or it waits on generation: both are fair orders, one is not.
      await eventually(
        async () => (await waiting(2)) || (await s.container.clients.get(org.id, f.client.id)).currency === 'JPY',
        'the currency change to land or wait',
      );
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await Promise.all([generated, changed]);
    const client = await s.container.clients.get(org.id, f.client.id);
    const invoices = await s.container.db.query(`SELECT currency FROM invoices WHERE client_id = $1`, [f.client.id]);
    for (const i of invoices) expect(i.currency).toBe(client.currency);
  });
});
