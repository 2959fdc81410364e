import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../app/container.js';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { billingFixture, manualLine, type OrgWithOwner } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { bothWays } from '../../../test/sql-answers.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { InvoiceOverdueSweep } from '../invoices/invoice-overdue-sweep.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';

/**
 * An org's business dates are decided in its own time zone: at 23:30 on March 31 in New York (03:30 UTC
 * on April 1) a New York org records payments and issues invoices on March 31, and an invoice due on
 * March 31 is not overdue yet; a Sydney org is already on April 1 at 00:30 there (13:30 UTC on March 31);
 * an org left on UTC behaves as before zones existed.
 */
let s: TestSettle;
let clock: ManualClock;
const SETTINGS = `mutation($i: OrganizationSettingsInput!) { updateOrganizationSettings(input: $i) { timeZone } }`;
const INVOICE = `query($id: ID!) { invoice(id: $id) { displayStatus isOverdue } }`;
const LIST = `query { invoices(first: 50) { nodes { id displayStatus isOverdue } } }`;
const OVERDUE_LIST = `query { invoices(first: 50, filter: { status: [OVERDUE] }) { nodes { id } } }`;
const DASHBOARD = `query { dashboard { currencies { currency outstanding aging { current days1to30 } } overdue { id displayStatus } } }`;

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  clock = new ManualClock('2026-04-01T03:30:00Z');
  (s.container as { clock: Container['clock'] }).clock = clock;
});
afterAll(() => s?.close());

const zoneOf = async (orgId: string) =>
  (
    (await s.container.db.query(`SELECT time_zone FROM organizations WHERE id = $1`, [orgId])) as Array<{
      time_zone: string;
    }>
  )[0]!.time_zone;

/** An org in `timeZone` (set by its owner through the API) with a client, and an invoice sent that is due on 2026-03-31. */
async function orgIn(timeZone: string | null) {
  const o = await createOrgWithOwner(s);
  if (timeZone)
    expect(ok(await s.gql(SETTINGS, { i: { timeZone } }, o.token)).updateOrganizationSettings.timeZone).toBe(timeZone);
  const f = await billingFixture(s.container, o.org.id);
  const draft = await s.container.invoices.createDraft(o.org.id, SYSTEM_ACTOR, {
    clientId: f.client.id,
    issueDate: '2026-03-01',
    dueDate: '2026-03-31',
    lines: [manualLine()],
  });
  const dueMarch31 = await s.container.invoices.send(o.org.id, SYSTEM_ACTOR, draft.id, { email: false });
  return { ...o, f, dueMarch31 };
}

/** What the org's own dates are at the clock's instant: a new invoice's issue date, a payment's received-on. */
async function datesOf(
  o: OrgWithOwner & { f: Awaited<ReturnType<typeof billingFixture>>; dueMarch31: { id: string } },
) {
  const c = s.container;
  const draft = await c.invoices.createDraft(o.org.id, SYSTEM_ACTOR, {
    clientId: o.f.client.id,
    lines: [manualLine()],
  });
  await o.f.approvedEntry(60, '2026-03-02');
  const generated = await c.generation.generate(o.org.id, SYSTEM_ACTOR, {
    clientIds: [o.f.client.id],
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
  });
  const sent = await c.invoices.send(o.org.id, SYSTEM_ACTOR, draft.id, { email: false });
  const { payment } = await c.settlement.recordManual(o.org.id, SYSTEM_ACTOR, {
    invoiceId: sent.id,
    amount: 1_000,
    source: PaymentSource.MANUAL,
    method: PaymentMethod.CHECK,
  });
  return { issued: draft.issueDate, generated: generated.invoices[0]!.issueDate, received: payment.receivedOn };
}

/** Is the invoice due 2026-03-31 overdue, by every reader: the invoice, the SQL-answered list, the filter, the dashboard, the sweep. */
async function overdueEverywhere(o: Awaited<ReturnType<typeof orgIn>>) {
  const id = o.dueMarch31.id;
  const one = ok(await s.gql(INVOICE, { id }, o.token)).invoice;
  const listed = await bothWays(s, 'invoices', LIST, {}, o.token);
  expect(listed.sql).toBe(true);
  const inList = (
    listed.answer.data.invoices.nodes as Array<{ id: string; isOverdue: boolean; displayStatus: string }>
  ).find((n) => n.id === id)!;
  const filtered = ok(await s.gql(OVERDUE_LIST, {}, o.token)).invoices.nodes.map((n: { id: string }) => n.id);
  const board = await bothWays(s, 'dashboard', DASHBOARD, {}, o.token);
  expect(board.sql).toBe(true);
  const usd = board.answer.data.dashboard.currencies.find((c: { currency: string }) => c.currency === 'USD');
  await new InvoiceOverdueSweep(s.container.db, s.container.events).announce(clock.now());
  const [row] = (await s.container.db.query(`SELECT overdue_reported_for::text AS d FROM invoices WHERE id = $1`, [
    id,
  ])) as Array<{ d: string | null }>;
  return {
    invoice: [one.displayStatus, one.isOverdue],
    list: [inList.displayStatus, inList.isOverdue],
    filtered: filtered.includes(id),
    dashboardOverdue: board.answer.data.dashboard.overdue.map((i: { id: string }) => i.id).includes(id),
    pastDue1to30: usd.aging.days1to30,
    announced: row!.d === '2026-03-31',
  };
}

const NOT_OVERDUE = {
  invoice: ['SENT', false],
  list: ['SENT', false],
  filtered: false,
  dashboardOverdue: false,
  pastDue1to30: 0,
  announced: false,
};
const OVERDUE = {
  invoice: ['OVERDUE', true],
  list: ['OVERDUE', true],
  filtered: true,
  dashboardOverdue: true,
  pastDue1to30: 10_000,
  announced: true,
};

describe('organization time zone', () => {
  it('is UTC for an org that never chose one, and an admin sets it (audited); an unknown zone is refused, writing nothing', async () => {
    const o = await createOrgWithOwner(s);
    expect(ok(await s.gql(`{ organization { timeZone } }`, {}, o.token)).organization.timeZone).toBe('UTC');
    const audits = async () =>
      (await s.container.db.query(
        `SELECT before->>'timeZone' AS before, after->>'timeZone' AS after FROM audit_events
          WHERE org_id = $1 AND action = 'organization.settings_updated' ORDER BY id`,
        [o.org.id],
      )) as Array<{ before: string; after: string }>;

    for (const bad of ['Mars/Olympus_Mons', 'EST', '+05:00', 'america/new_york', '']) {
      const f = failure(await s.gql(SETTINGS, { i: { timeZone: bad, name: 'Renamed' } }, o.token));
      expect(f, bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
      if (bad) expect(f.message).toBe('Time zone must be an IANA time zone such as America/New_York');
    }
    expect(await zoneOf(o.org.id)).toBe('UTC');
    expect((await s.container.organizations.get(o.org.id)).name).not.toBe('Renamed');
    expect(await audits()).toEqual([]);

    ok(await s.gql(SETTINGS, { i: { timeZone: 'America/New_York' } }, o.token));
    expect(ok(await s.gql(`{ organization { timeZone } }`, {}, o.token)).organization.timeZone).toBe(
      'America/New_York',
    );
    expect(await audits()).toEqual([{ before: 'UTC', after: 'America/New_York' }]);
  });

  it('New York at 23:30 on March 31 (03:30 UTC on April 1): dated March 31, and an invoice due March 31 is not overdue yet', async () => {
    clock.set('2026-04-01T03:30:00Z');
    const o = await orgIn('America/New_York');
    expect(await datesOf(o)).toEqual({ issued: '2026-03-31', generated: '2026-03-31', received: '2026-03-31' });
    expect(await overdueEverywhere(o)).toEqual(NOT_OVERDUE);
    // Midnight in New York: now it is.
    clock.set('2026-04-01T04:00:00Z');
    expect(await overdueEverywhere(o)).toEqual(OVERDUE);
  });

  it('Sydney at 00:30 on April 1 (13:30 UTC on March 31) is a day ahead of UTC', async () => {
    clock.set('2026-03-31T13:30:00Z');
    const o = await orgIn('Australia/Sydney');
    expect(await datesOf(o)).toEqual({ issued: '2026-04-01', generated: '2026-04-01', received: '2026-04-01' });
    expect(await overdueEverywhere(o)).toEqual(OVERDUE);
  });

  it('an org on UTC behaves as before: 03:30 UTC on April 1 is April 1', async () => {
    clock.set('2026-04-01T03:30:00Z');
    const o = await orgIn(null);
    expect(await zoneOf(o.org.id)).toBe('UTC');
    expect(await datesOf(o)).toEqual({ issued: '2026-04-01', generated: '2026-04-01', received: '2026-04-01' });
    expect(await overdueEverywhere(o)).toEqual(OVERDUE);
    // 13:30 UTC on March 31 is still March 31.
    clock.set('2026-03-31T13:30:00Z');
    const early = await orgIn(null);
    expect(await datesOf(early)).toEqual({ issued: '2026-03-31', generated: '2026-03-31', received: '2026-03-31' });
  });
});
