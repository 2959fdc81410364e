import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';

const s = settleForFile({ worker: false });

const GENERATE = `mutation($c:[ID!]){
  generateInvoices(input:{clientIds:$c,periodStart:"2026-11-01",periodEnd:"2026-11-30",issueDate:"2026-12-01"}){
    invoices{id clientId subtotal taxTotal total lines{description quantity unitPrice amount taxAmount}}}}`;
const SET_ORG = `mutation($m:TimeItemization){updateOrganizationSettings(input:{timeItemization:$m}){timeItemization}}`;

/** An org whose client has 3 × 20 minutes on one ticket, one at a higher rate on another ticket, all taxed. */
async function seed(mode?: string) {
  const { org, token } = await createOrgWithOwner(s);
  if (mode) expect(ok(await s.gql(SET_ORG, { m: mode }, token)).updateOrganizationSettings.timeItemization).toBe(mode);
  const f = await billingFixture(s.container, org.id, { catalogPrice: 10000 });
  await s.container.clients.update(org.id, f.actor, f.client.id, { taxRateBps: 825 });
  const mail = await s.container.tickets.create(org.id, f.actor, { clientId: f.client.id, title: 'Mail down' });
  const entries = [
    await f.approvedEntry(20, '2026-11-03'),
    await f.approvedEntry(20, '2026-11-04'),
    await f.approvedEntry(20, '2026-11-05'),
  ];
  const rush = await s.container.timeEntries.log(org.id, f.actor, {
    ticketId: mail.id,
    serviceId: f.service.id,
    technicianId: f.tech.id,
    workDate: '2026-11-04',
    minutes: 30,
    note: 'Rebuilt the\nmailbox',
    rateOverride: 15000,
    submit: true,
  });
  await s.container.timeEntries.approve(org.id, f.actor, [rush.id]);
  return { org, token, f, entries: [...entries, rush] };
}

type Line = { description: string; quantity: string; unitPrice: number; amount: number; taxAmount: number };
const view = (lines: Line[]) =>
  lines.map(({ description, quantity, unitPrice, amount }) => [description, quantity, unitPrice, amount]);

/** The invoice's totals are its lines' sums, and every entry points at a line of that invoice. */
async function assertConsistent(
  inv: { id: string; subtotal: number; taxTotal: number; total: number; lines: Line[] },
  entryIds: string[],
) {
  expect(inv.subtotal).toBe(inv.lines.reduce((t, l) => t + l.amount, 0));
  expect(inv.taxTotal).toBe(inv.lines.reduce((t, l) => t + l.taxAmount, 0));
  expect(inv.total).toBe(inv.subtotal + inv.taxTotal);
  const rows = await s.container.db.query(
    `SELECT t.id FROM time_entries t JOIN invoice_lines l ON l.id = t.invoice_line_id AND l.invoice_id = t.invoice_id
      WHERE t.invoice_id = $1`,
    [inv.id],
  );
  expect(rows.map((r: { id: string }) => r.id).sort()).toEqual([...entryIds].sort());
}

/** The invoice generated for the seeded client, checked for consistency (see assertConsistent). */
async function generated(mode?: string) {
  const seeded = await seed(mode);
  const [inv] = ok(await s.gql(GENERATE, {}, seeded.token)).generateInvoices.invoices;
  await assertConsistent(
    inv,
    seeded.entries.map((e) => e.id),
  );
  return { ...seeded, inv };
}

describe('time itemization in generated invoices', () => {
  it('defaults to one line per service and rate, as before the setting existed', async () => {
    const { token, inv } = await generated();
    expect(ok(await s.gql(`{organization{timeItemization}}`, {}, token)).organization.timeItemization).toBe(
      'PER_SERVICE',
    );
    expect(view(inv.lines)).toEqual([
      ['Support', '0.5', 15000, 7500],
      ['Support', '1', 10000, 10000],
    ]);
    expect(inv.total).toBe(17500 + 1444); // 8.25% of 75.00 and of 100.00, rounded per line: 6.19 + 8.25
  });

  it('PER_ENTRY: a line per entry with its date, technician, ticket and note; each rounds on its own', async () => {
    const { inv } = await generated('PER_ENTRY');
    expect(view(inv.lines)).toEqual([
      ['2026-11-03 · Tech · Work', '0.3333', 10000, 3333],
      ['2026-11-04 · Tech · Mail down · Rebuilt the mailbox', '0.5', 15000, 7500],
      ['2026-11-04 · Tech · Work', '0.3333', 10000, 3333],
      ['2026-11-05 · Tech · Work', '0.3333', 10000, 3333],
    ]);
    // 3 × 33.33 = 99.99: a cent under the grouped hour, and the total still is the sum of the lines.
    expect(inv.subtotal).toBe(17499);
  });

  it('PER_TICKET: a line per ticket and rate with its entry count, ordered by the ticket’s first date', async () => {
    const { inv } = await generated('PER_TICKET');
    expect(view(inv.lines)).toEqual([
      ['Work (3 entries)', '1', 10000, 10000],
      ['Mail down (1 entry)', '0.5', 15000, 7500],
    ]);
  });

  it('a client’s own choice overrides the org’s, and null goes back to it', async () => {
    const { org, token, f } = await seed('PER_TICKET');
    const setClient = `mutation($c:ID!,$m:TimeItemization){updateClient(id:$c,input:{timeItemization:$m}){timeItemization}}`;
    expect(ok(await s.gql(setClient, { c: f.client.id, m: 'PER_ENTRY' }, token)).updateClient.timeItemization).toBe(
      'PER_ENTRY',
    );
    const [inv] = ok(await s.gql(GENERATE, {}, token)).generateInvoices.invoices;
    expect(inv.lines).toHaveLength(4);
    ok(await s.gql(`mutation($id:ID!){voidInvoice(id:$id,releaseTimeEntries:true){status}}`, { id: inv.id }, token));
    // The released entries are billed again, now the org's way.
    expect(ok(await s.gql(setClient, { c: f.client.id, m: null }, token)).updateClient.timeItemization).toBeNull();
    const [again] = ok(await s.gql(GENERATE, {}, token)).generateInvoices.invoices;
    expect(again.lines.map((l: Line) => l.description)).toEqual(['Work (3 entries)', 'Mail down (1 entry)']);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM time_entries WHERE org_id = $1 AND invoice_id = $2`,
      [org.id, again.id],
    );
    expect(n).toBe(4);
  });

  it('refuses an unknown mode, writing nothing', async () => {
    const { token } = await seed('PER_ENTRY');
    const refused = failure(
      await s.gql(`mutation{updateOrganizationSettings(input:{timeItemization:PER_DAY}){id}}`, {}, token),
    );
    expect(refused.message).toMatch(/PER_DAY/);
    expect(ok(await s.gql(`{organization{timeItemization}}`, {}, token)).organization.timeItemization).toBe(
      'PER_ENTRY',
    );
  });
});
