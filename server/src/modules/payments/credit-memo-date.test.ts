import { describe, expect, it } from 'vitest';
import { billingFixture, portalSession } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';

const s = settleForFile({ worker: false });

const SETTINGS = `mutation($i: OrganizationSettingsInput!) { updateOrganizationSettings(input: $i) { id } }`;
const ISSUE = `mutation($i: IssueCreditMemoInput!) { issueCreditMemo(input: $i) { creditMemo { id } } }`;
const MEMOS = `query($id: ID!) { invoice(id: $id) { creditMemos { id createdAt issuedOn } } }`;

/**
 * A credit memo is dated as invoices and payments are: the day on the organization's wall when it was
 * issued (its time zone), not the UTC day of the instant it was recorded.
 */
describe('a credit memo is dated in the organization time zone', () => {
  // Instants near midnight UTC: 01:30 UTC is still the day before in New York, 23:30 UTC the day after in Auckland.
  for (const [timeZone, at, day] of [
    ['America/New_York', '2026-11-01T01:30:00Z', '2026-10-31'],
    ['Pacific/Auckland', '2026-11-14T23:30:00Z', '2026-11-15'],
    ['UTC', '2026-11-01T01:30:00Z', '2026-11-01'],
  ] as const)
    it(`in ${timeZone}, issued at ${at}: dated ${day}, for staff and the client alike`, async () => {
      const owner = await createOrgWithOwner(s, `Credit Date Org ${timeZone}`);
      ok(await s.gql(SETTINGS, { i: { timeZone } }, owner.token));
      const f = await billingFixture(s.container, owner.org.id, { catalogPrice: 10000 });
      const inv = await f.sentInvoice(60);
      const memo = ok<{ issueCreditMemo: { creditMemo: { id: string } } }>(
        await s.gql(ISSUE, { i: { invoiceId: inv.id, amount: 500, reason: 'Goodwill' } }, owner.token),
      ).issueCreditMemo.creditMemo;
      await s.container.db.query(`UPDATE credit_memos SET created_at = $2 WHERE id = $1`, [memo.id, at]);
      // What PostgreSQL calls that instant's day in the zone (the SQL the org's sweeps date by).
      const [{ day: sqlDay }] = (await s.container.db.query(
        `SELECT to_char((created_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day FROM credit_memos WHERE id = $1`,
        [memo.id, timeZone],
      )) as Array<{ day: string }>;
      expect(sqlDay).toBe(day);
      const client = await portalSession(s, owner.org.id, f.client.id);
      for (const token of [owner.token, client]) {
        const [read] = ok<{ invoice: { creditMemos: Array<{ createdAt: string; issuedOn: string }> } }>(
          await s.gql(MEMOS, { id: inv.id }, token),
        ).invoice.creditMemos;
        expect(read).toMatchObject({ createdAt: new Date(at).toISOString(), issuedOn: day });
      }
    });
});
