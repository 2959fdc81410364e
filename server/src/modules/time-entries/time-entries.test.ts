import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSettle, type TestSettle } from '../../../test/harness.js';
import { twoBilledOrgs, type BillingFixture, type OrgWithOwner } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

let s: TestSettle;
let a: OrgWithOwner, b: OrgWithOwner, fa: BillingFixture, fb: BillingFixture;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  ({ a, b, fa, fb } = await twoBilledOrgs(s, ['Time A', 'Time B']));
});
afterAll(async () => s?.close());

const LOG = `mutation($i:LogTimeInput!){logTime(input:$i){id status minutes note billable rateOverride clientId technician{id} ticket{id} service{id}}}`;
/** LOG as a technician asks it: an entry's rate is billing staff's to read. */
const TECH_LOG = LOG.replace(' rateOverride', '');
const SUBMIT = `mutation($ids:[ID!]!){submitTimeEntries(ids:$ids){id status}}`;
const APPROVE = `mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id status approvedAt}}`;
const REJECT = `mutation($id:ID!,$r:String!){rejectTimeEntry(id:$id,reason:$r){id status rejectionReason}}`;

function input(over: Record<string, unknown> = {}) {
  return {
    ticketId: fa.ticket.id,
    serviceId: fa.service.id,
    technicianId: fa.tech.id,
    workDate: '2026-11-03',
    minutes: 45,
    note: 'fixed printer',
    ...over,
  };
}

describe('logTime', () => {
  it('logs a draft entry on the ticket’s client, with an optional rate override', async () => {
    const e = ok(await s.gql(LOG, { i: input({ rateOverride: 15000, billable: false }) }, a.token)).logTime;
    expect(e).toMatchObject({
      status: 'DRAFT',
      minutes: 45,
      note: 'fixed printer',
      billable: false,
      rateOverride: 15000,
      clientId: fa.client.id,
      technician: { id: fa.tech.id },
      ticket: { id: fa.ticket.id },
      service: { id: fa.service.id },
    });
    const submitted = ok(await s.gql(LOG, { i: input({ submit: true }) }, a.token)).logTime;
    expect(submitted.status).toBe('SUBMITTED');
  });

  it('refuses minutes out of bounds and other orgs’ tickets, services and technicians, naming the field', async () => {
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(LOG, { i: input({ minutes: 0 }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'minutes',
      });
      expect(failure(await s.gql(LOG, { i: input({ minutes: -30 }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'minutes',
      });
      expect(failure(await s.gql(LOG, { i: input({ minutes: 1441 }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'minutes',
      });
      expect(failure(await s.gql(LOG, { i: input({ ticketId: fb.ticket.id }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ticketId',
      });
      expect(failure(await s.gql(LOG, { i: input({ serviceId: fb.service.id }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'serviceId',
      });
      expect(failure(await s.gql(LOG, { i: input({ technicianId: fb.tech.id }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'technicianId',
      });
      expect(failure(await s.gql(LOG, { i: input({ rateOverride: -1 }) }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'rateOverride',
      });
      expect(failure(await s.gql(LOG, { i: input({ ticketId: 'not-a-uuid' }) }, a.token)).code).toBe('BAD_USER_INPUT');
      expect(failure(await s.gql(LOG, { i: input({ workDate: '2026-02-30' }) }, a.token)).code).toBe('BAD_USER_INPUT');
    });
  });

  it('refuses time on an archived service', async () => {
    const svc = await s.container.catalog.create(a.org.id, fa.actor, {
      code: 'OLD',
      name: 'Old',
      prices: [{ currency: 'USD', unitAmount: 100 }],
    });
    ok(await s.gql(`mutation($id:ID!){updateService(id:$id,input:{active:false}){active}}`, { id: svc.id }, a.token));
    expect(failure(await s.gql(LOG, { i: input({ serviceId: svc.id }) }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'serviceId',
    });
  });
});

describe('approval workflow', () => {
  it('submits, approves, rejects with a reason and resubmits', async () => {
    const e1 = ok(await s.gql(LOG, { i: input() }, a.token)).logTime;
    const e2 = ok(await s.gql(LOG, { i: input() }, a.token)).logTime;
    // Approving a draft is refused: it has to be submitted first.
    expect(failure(await s.gql(APPROVE, { ids: [e1.id] }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
    });

    expect(
      ok(await s.gql(SUBMIT, { ids: [e1.id, e2.id] }, a.token)).submitTimeEntries.map(
        (e: { status: string }) => e.status,
      ),
    ).toEqual(['SUBMITTED', 'SUBMITTED']);
    const approved = ok(await s.gql(APPROVE, { ids: [e1.id] }, a.token)).approveTimeEntries[0];
    expect(approved.status).toBe('APPROVED');
    expect(approved.approvedAt).not.toBeNull();

    expect(failure(await s.gql(REJECT, { id: e2.id, r: '   ' }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    const rejected = ok(await s.gql(REJECT, { id: e2.id, r: 'wrong ticket' }, a.token)).rejectTimeEntry;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'wrong ticket' });
    const again = ok(await s.gql(SUBMIT, { ids: [e2.id] }, a.token)).submitTimeEntries[0];
    expect(again.status).toBe('SUBMITTED');
    const [{ rejection_reason }] = await s.container.db.query(
      `SELECT rejection_reason FROM time_entries WHERE id = $1`,
      [e2.id],
    );
    expect(rejection_reason).toBeNull();
    expect(ok(await s.gql(APPROVE, { ids: [e2.id] }, a.token)).approveTimeEntries[0].status).toBe('APPROVED');

    const audit = ok(
      await s.gql(
        `query($id:ID!){auditEvents(entityType:"TimeEntry",entityId:$id){nodes{action actorType before after}}}`,
        { id: e2.id },
        a.token,
      ),
    ).auditEvents.nodes;
    expect(audit.map((x: { action: string }) => x.action)).toEqual([
      'time_entry.approved',
      'time_entry.submitted',
      'time_entry.rejected',
      'time_entry.submitted',
      'time_entry.logged',
    ]);
    expect(audit[2]).toMatchObject({
      actorType: 'USER',
      before: { status: 'SUBMITTED' },
      after: { status: 'REJECTED', rejectionReason: 'wrong ticket' },
    });
  });

  it('takes a rejection reason of up to 500 characters (an emoji is one), one or many entries, and moves nothing past it', async () => {
    const EMOJI = '🧾';
    const BULK = `mutation($ids:[ID!]!,$r:String!){rejectTimeEntries(ids:$ids,reason:$r){id status rejectionReason}}`;
    const e1 = ok(await s.gql(LOG, { i: input({ submit: true }) }, a.token)).logTime;
    const e2 = ok(await s.gql(LOG, { i: input({ submit: true }) }, a.token)).logTime;
    const one = await expectNoChange(s, () => s.gql(REJECT, { id: e1.id, r: EMOJI.repeat(501) }, a.token));
    expect(failure(one)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const many = await expectNoChange(s, () => s.gql(BULK, { ids: [e2.id], r: 'x'.repeat(501) }, a.token));
    expect(failure(many)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(failure(many).message).toContain('500 characters');
    const rejected = ok(await s.gql(REJECT, { id: e1.id, r: EMOJI.repeat(500) }, a.token)).rejectTimeEntry;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: EMOJI.repeat(500) });
    const bulk = ok(await s.gql(BULK, { ids: [e2.id], r: ` ${'x'.repeat(500)} ` }, a.token)).rejectTimeEntries;
    expect(bulk).toEqual([{ id: e2.id, status: 'REJECTED', rejectionReason: 'x'.repeat(500) }]);
  });

  it('refuses approving another org’s entry (field ids) and moves nothing, not even the own entries in the same call', async () => {
    const mine = ok(await s.gql(LOG, { i: input({ submit: true }) }, a.token)).logTime;
    const theirs = await s.container.timeEntries.log(b.org.id, fb.actor, {
      ticketId: fb.ticket.id,
      serviceId: fb.service.id,
      technicianId: fb.tech.id,
      workDate: '2026-11-03',
      minutes: 60,
      submit: true,
    });
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(APPROVE, { ids: [theirs.id] }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ids',
      });
      expect(failure(await s.gql(APPROVE, { ids: [mine.id, theirs.id] }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ids',
      });
      expect(failure(await s.gql(REJECT, { id: theirs.id, r: 'nope' }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
      });
      expect(failure(await s.gql(SUBMIT, { ids: [theirs.id] }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ids',
      });
    });
    expect((await s.container.timeEntries.get(b.org.id, theirs.id)).status).toBe('SUBMITTED');
    expect((await s.container.timeEntries.get(a.org.id, mine.id)).status).toBe('SUBMITTED');
  });

  it('does not reopen time that is already on an invoice', async () => {
    const e = await fa.approvedEntry(30, '2026-12-01');
    await s.container.generation.generate(a.org.id, fa.actor, {
      clientIds: [fa.client.id],
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    });
    expect(failure(await s.gql(REJECT, { id: e.id, r: 'late' }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      message: 'The time entry of 2026-12-01 (30 min) is on an invoice already',
    });
  });

  it('refuses time approved already (a second click, a stale list) in words: its day and minutes, not its id', async () => {
    const e = ok(
      await s.gql(LOG, { i: input({ submit: true, workDate: '2026-11-04', minutes: 30 }) }, a.token),
    ).logTime;
    ok(await s.gql(APPROVE, { ids: [e.id] }, a.token));
    const again = failure(await expectNoChange(s, () => s.gql(APPROVE, { ids: [e.id] }, a.token)));
    expect(again).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
      message:
        'The time entry of 2026-11-04 (30 min) is approved: only submitted time can be approved. Refresh the list',
    });
    expect(again.message).not.toContain(e.id);
  });

  it('lists entries by status and client, and technicians see only their own', async () => {
    const list = ok(
      await s.gql(
        `query($c:ID!){timeEntries(status:APPROVED,clientId:$c){nodes{id status clientId}}}`,
        { c: fa.client.id },
        a.token,
      ),
    ).timeEntries.nodes;
    expect(list.length).toBeGreaterThan(0);
    expect(
      list.every((e: { status: string; clientId: string }) => e.status === 'APPROVED' && e.clientId === fa.client.id),
    ).toBe(true);
    const other = ok(await s.gql(`{timeEntries{nodes{id}}}`, {}, b.token)).timeEntries.nodes.map(
      (e: { id: string }) => e.id,
    );
    expect(other.some((id: string) => list.some((e: { id: string }) => e.id === id))).toBe(false);

    const techEmail = `own-${Date.now()}@t.test`;
    const tech = await s.container.auth.createUser(a.org.id, {
      email: techEmail,
      name: 'T2',
      role: 'TECHNICIAN',
      password: 'correct horse battery',
    });
    const { token } = await s.container.auth.login(techEmail, 'correct horse battery');
    ok(await s.gql(TECH_LOG, { i: input({ technicianId: undefined }) }, token));
    expect(failure(await s.gql(TECH_LOG, { i: input({ technicianId: fa.tech.id }) }, token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'technicianId',
    });
    // The rate bills the time: a technician cannot set their own (billing staff can, as above).
    await expectNoChange(s, async () => {
      expect(
        failure(await s.gql(TECH_LOG, { i: input({ technicianId: undefined, rateOverride: 99_900 }) }, token)),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'rateOverride',
      });
    });
    const own = ok(await s.gql(`{timeEntries{nodes{technician{id}}}}`, {}, token)).timeEntries.nodes;
    expect(own).toEqual([{ technician: { id: tech.id } }]);
  });
});

describe('updateTimeEntry', () => {
  const UPDATE = `mutation($id:ID!,$i:UpdateTimeEntryInput!){updateTimeEntry(id:$id,input:$i){id status minutes note workDate rejectionReason}}`;

  it('edits a rejected entry and resubmits it in one step; approved time is no longer editable', async () => {
    const e = ok(await s.gql(LOG, { i: input({ submit: true }) }, a.token)).logTime;
    ok(await s.gql(REJECT, { id: e.id, r: 'too long' }, a.token));
    const edited = ok(await s.gql(UPDATE, { id: e.id, i: { minutes: 30 } }, a.token)).updateTimeEntry;
    expect(edited).toMatchObject({
      status: 'REJECTED',
      minutes: 30,
      note: 'fixed printer',
      rejectionReason: 'too long',
    });
    const resubmitted = ok(await s.gql(UPDATE, { id: e.id, i: { note: 'printer, 30 min', submit: true } }, a.token));
    expect(resubmitted.updateTimeEntry).toMatchObject({
      status: 'SUBMITTED',
      note: 'printer, 30 min',
      rejectionReason: null,
    });
    ok(await s.gql(APPROVE, { ids: [e.id] }, a.token));
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(UPDATE, { id: e.id, i: { minutes: 10 } }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'id',
      });
    });
  });

  it('does not carry a rate written in one currency onto the ticket of a client billed in another', async () => {
    const jpy = await s.container.clients.create(a.org.id, SYSTEM_ACTOR, {
      name: 'Tokyo',
      billingEmail: 'ap@tokyo.test',
      currency: 'JPY',
    });
    const tokyoTicket = await s.container.tickets.create(a.org.id, SYSTEM_ACTOR, { clientId: jpy.id, title: 'Kiosk' });
    const usd = await s.container.clients.create(a.org.id, SYSTEM_ACTOR, {
      name: 'Boston',
      billingEmail: 'ap@boston.test',
      currency: 'USD',
    });
    const bostonTicket = await s.container.tickets.create(a.org.id, SYSTEM_ACTOR, { clientId: usd.id, title: 'Desk' });
    // USD 150.00 an hour for this entry: on the JPY client's ticket it would bill JPY 15,000.
    const e = ok(await s.gql(LOG, { i: input({ rateOverride: 15000 }) }, a.token)).logTime;
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(UPDATE, { id: e.id, i: { ticketId: tokyoTicket.id } }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ticketId',
      });
    });
    // Another client in the same currency, or an entry without a rate of its own, moves.
    expect(ok(await s.gql(UPDATE, { id: e.id, i: { ticketId: bostonTicket.id } }, a.token)).updateTimeEntry.id).toBe(
      e.id,
    );
    const plain = ok(await s.gql(LOG, { i: input() }, a.token)).logTime;
    ok(await s.gql(UPDATE, { id: plain.id, i: { ticketId: tokyoTicket.id } }, a.token));
  });

  it('names the field it refuses, and keeps technicians to their own time', async () => {
    const e = ok(await s.gql(LOG, { i: input() }, a.token)).logTime;
    const techEmail = `edit-${Date.now()}@t.test`;
    await s.container.auth.createUser(a.org.id, {
      email: techEmail,
      name: 'T3',
      role: 'TECHNICIAN',
      password: 'correct horse battery',
    });
    const { token } = await s.container.auth.login(techEmail, 'correct horse battery');
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(UPDATE, { id: e.id, i: { minutes: 0 } }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'minutes',
      });
      expect(failure(await s.gql(UPDATE, { id: e.id, i: { ticketId: fb.ticket.id } }, a.token))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ticketId',
      });
      expect(failure(await s.gql(UPDATE, { id: e.id, i: { minutes: 5 } }, token)).code).toBe('FORBIDDEN');
    });
  });
});
