import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, portalSession, signedInUser } from '../../../test/fixtures.js';
import { countStatements } from '../../../test/sql-count.js';
import { payByCheck } from '../../../test/fixtures.js';
import { REMINDERS_OF_INVOICE } from './reminders.test-support.js';

const s = settleForFile({ worker: false });

const POLICY = `query($c: ID) { reminderPolicy(clientId: $c) { clientId enabled offsets source inherited } }`;
const SET = `mutation($i: ReminderPolicyInput!) { setReminderPolicy(input: $i) { clientId enabled offsets source inherited } }`;
const CLEAR = `mutation($c: ID!) { clearClientReminderPolicy(clientId: $c) { clientId enabled offsets source inherited } }`;

const count = async (sql: string, params: unknown[]) =>
  ((await s.container.db.query(sql, params)) as Array<{ n: number }>)[0]!.n;
const policyRows = (orgId: string) =>
  count(`SELECT count(*)::int AS n FROM reminder_policies WHERE org_id = $1`, [orgId]);
const auditRows = (orgId: string) =>
  count(`SELECT count(*)::int AS n FROM audit_events WHERE org_id = $1 AND entity_type = 'ReminderPolicy'`, [orgId]);

describe('reminder policy API', () => {
  it('starts off with the suggested schedule, then the org default and a client override apply', async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    const ask = async (c: string | null) => {
      const r = await s.gql(POLICY, { c }, o.token);
      expect(r.errors).toBeUndefined();
      return r.data.reminderPolicy;
    };
    expect(await ask(null)).toEqual({
      clientId: null,
      enabled: false,
      offsets: [-3, 0, 7, 14],
      source: 'DEFAULT',
      inherited: false,
    });
    expect(await ask(f.client.id)).toMatchObject({ enabled: false, source: 'DEFAULT', inherited: true });

    const set = await s.gql(SET, { i: { enabled: true, offsets: [14, 0, -3] } }, o.token);
    expect(set.errors).toBeUndefined();
    expect(set.data.setReminderPolicy).toEqual({
      clientId: null,
      enabled: true,
      offsets: [-3, 0, 14],
      source: 'ORGANIZATION',
      inherited: false,
    });
    expect(await ask(f.client.id)).toEqual({
      clientId: f.client.id,
      enabled: true,
      offsets: [-3, 0, 14],
      source: 'ORGANIZATION',
      inherited: true,
    });

    const own = await s.gql(SET, { i: { clientId: f.client.id, enabled: true, offsets: [30] } }, o.token);
    expect(own.data.setReminderPolicy).toEqual({
      clientId: f.client.id,
      enabled: true,
      offsets: [30],
      source: 'CLIENT',
      inherited: false,
    });
    // Setting it again updates the one row (the partial unique index), never a second.
    await s.gql(SET, { i: { clientId: f.client.id, enabled: false, offsets: [30, 60] } }, o.token);
    expect(await policyRows(o.org.id)).toBe(2);
    expect(await ask(f.client.id)).toMatchObject({ enabled: false, offsets: [30, 60], source: 'CLIENT' });
    expect(await ask(null)).toMatchObject({ enabled: true, offsets: [-3, 0, 14] });

    const cleared = await s.gql(CLEAR, { c: f.client.id }, o.token);
    expect(cleared.data.clearClientReminderPolicy).toMatchObject({
      enabled: true,
      offsets: [-3, 0, 14],
      source: 'ORGANIZATION',
      inherited: true,
    });
    expect(await policyRows(o.org.id)).toBe(1);

    const audit = (await s.container.db.query(
      `SELECT action, before, after FROM audit_events WHERE org_id = $1 AND entity_type = 'ReminderPolicy' ORDER BY created_at`,
      [o.org.id],
    )) as Array<{ action: string; before: unknown; after: { offsets: number[] } | null }>;
    expect(audit.map((a) => a.action)).toEqual([
      'reminder_policy.set',
      'reminder_policy.set',
      'reminder_policy.set',
      'reminder_policy.cleared',
    ]);
    expect(audit[0]!.before).toBeNull();
    expect(audit[2]!.before).toMatchObject({ offsets: [30] });
    expect(audit[2]!.after).toMatchObject({ enabled: false, offsets: [30, 60] });
  });

  it('refuses bad offsets with a field error and writes nothing', async () => {
    const o = await createOrgWithOwner(s);
    const cases: Array<[number[], boolean, string]> = [
      [[-61], true, 'offsets.0'],
      [[0, 366], true, 'offsets.1'],
      [[7, 7], true, 'offsets'],
      [[...Array(11).keys()], true, 'offsets'],
      [[], true, 'offsets'],
    ];
    for (const [offsets, enabled, field] of cases) {
      const r = await s.gql(SET, { i: { enabled, offsets } }, o.token);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknownClient = await s.gql(
      SET,
      { i: { clientId: crypto.randomUUID(), enabled: true, offsets: [1] } },
      o.token,
    );
    expect(unknownClient.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
    expect(await policyRows(o.org.id)).toBe(0);
    expect(await auditRows(o.org.id)).toBe(0);
  });

  it("never lets one org read or change another org's policies or reminders", async () => {
    const a = await createOrgWithOwner(s);
    const b = await createOrgWithOwner(s);
    const fa = await billingFixture(s.container, a.org.id);
    const invoice = await fa.sentInvoice(60);
    await s.gql(SET, { i: { clientId: fa.client.id, enabled: true, offsets: [3] } }, a.token);
    await s.gql(SET, { i: { enabled: true, offsets: [5] } }, a.token);

    const read = await s.gql(POLICY, { c: fa.client.id }, b.token);
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
    expect((await s.gql(POLICY, {}, b.token)).data.reminderPolicy).toMatchObject({ source: 'DEFAULT', enabled: false });

    const write = await s.gql(SET, { i: { clientId: fa.client.id, enabled: false, offsets: [] } }, b.token);
    expect(write.errors?.[0]?.extensions).toMatchObject({ field: 'clientId' });
    const clear = await s.gql(CLEAR, { c: fa.client.id }, b.token);
    expect(clear.errors?.[0]?.extensions).toMatchObject({ field: 'clientId' });
    expect(await policyRows(b.org.id)).toBe(0);
    expect(await auditRows(b.org.id)).toBe(0);
    expect((await s.gql(POLICY, { c: fa.client.id }, a.token)).data.reminderPolicy).toMatchObject({
      source: 'CLIENT',
      enabled: true,
      offsets: [3],
    });

    const theirs = await s.gql(REMINDERS_OF_INVOICE, { id: invoice.id }, b.token);
    expect(theirs.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const ours = await s.gql(REMINDERS_OF_INVOICE, { id: invoice.id }, a.token);
    expect(ours.errors).toBeUndefined();
    expect(ours.data.invoice.reminders).toEqual([expect.objectContaining({ offsetDays: 3, status: 'PLANNED' })]);
  });

  it('keeps reminders to billing staff: technicians and portal users cannot read or set them', async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    const invoice = await f.sentInvoice(60);
    const tech = await signedInUser(s, o.org.id, { email: `t-${Date.now()}@x.test`, name: 'T', role: 'TECHNICIAN' });
    expect((await s.gql(POLICY, {}, tech)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await s.gql(SET, { i: { enabled: true, offsets: [1] } }, tech)).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    const portal = await portalSession(s, o.org.id, f.client.id);
    expect((await s.gql(POLICY, {}, portal)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const viaPortal = await s.gql(REMINDERS_OF_INVOICE, { id: invoice.id }, portal);
    expect(viaPortal.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await policyRows(o.org.id)).toBe(0);
  });

  it('lists reminders of many invoices in one batch, each with its own', async () => {
    const o = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, o.org.id);
    await s.gql(SET, { i: { enabled: true, offsets: [5, 10] } }, o.token);
    const open = [await f.sentInvoice(60), await f.sentInvoice(30), await f.sentInvoice(45)];
    const paid = await f.sentInvoice(15);
    await payByCheck(s.container, o.org.id, paid.id, paid.total);
    const LIST = `{ invoices(first: 20) { edges { node { id reminders { offsetDays status } } } } }`;
    const few = await countStatements(s.container.db, () => s.gql(LIST, {}, o.token));
    const more = [await f.sentInvoice(20), await f.sentInvoice(25)];
    const r = await s.gql(LIST, {}, o.token);
    const many = await countStatements(s.container.db, () => s.gql(LIST, {}, o.token));
    // Two more invoices on the page, no more statements: one batch whatever the page size.
    expect(many.n).toBe(few.n);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const byId = new Map(
      r.data.invoices.edges.map((e: { node: { id: string; reminders: unknown } }) => [e.node.id, e.node.reminders]),
    );
    for (const inv of [...open, ...more])
      expect(byId.get(inv.id)).toEqual([
        { offsetDays: 5, status: 'PLANNED' },
        { offsetDays: 10, status: 'PLANNED' },
      ]);
    expect(byId.get(paid.id)).toEqual([]);
  });
});
