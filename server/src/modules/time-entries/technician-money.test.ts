import fs from 'node:fs';
import path from 'node:path';
import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

/**
 * Technicians log time: they read clients, tickets and services to do it, never what clients are
 * charged. A client's negotiated rates (`Client.rates`) and the catalog's prices (`Service.prices`) are
 * billing staff's, whatever path reaches them; and the admin app's timesheet screens ask for neither.
 */
const s = settleForFile({ worker: false });

const ADMIN_SRC = path.resolve(import.meta.dirname, '../../../../admin/src');

/** An operation of the admin app, as codegen wrote it (admin/src/gql/graphql.ts). */
function adminOperation(name: string): string {
  const generated = fs.readFileSync(path.join(ADMIN_SRC, 'gql/graphql.ts'), 'utf8');
  const m = new RegExp(`^export const ${name}Document = (\\{.*\\}) as unknown as`, 'm').exec(generated);
  if (!m) throw new Error(`${name} is not an operation of the admin app`);
  return print(JSON.parse(m[1]!) as DocumentNode);
}

async function world() {
  const { org, token } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id, { catalogPrice: 10000 });
  ok(
    await s.gql(
      `mutation($c:ID!,$s:ID!){updateClient(id:$c,input:{rates:[{serviceId:$s,unitAmount:7777}]}){id}}`,
      { c: f.client.id, s: f.service.id },
      token,
    ),
  );
  const as = (role: 'TECHNICIAN' | 'BILLING') =>
    signedInUser(s, org.id, { email: `${role}-${Date.now()}-${Math.random()}@money.test`, name: role, role });
  return { org, f, owner: token, tech: await as('TECHNICIAN'), billing: await as('BILLING') };
}

describe('what a technician reads of money', () => {
  it("reads neither clients' negotiated rates nor catalog prices, by any path; billing staff read both", async () => {
    const w = await world();
    ok(
      await s.gql(
        `mutation($t:ID!,$s:ID!){logTime(input:{ticketId:$t,serviceId:$s,workDate:"2026-01-06",minutes:60}){id}}`,
        { t: w.f.ticket.id, s: w.f.service.id },
        w.tech,
      ),
    );
    const reads = [
      `{clients(first:10){nodes{name rates{serviceId unitAmount}}}}`,
      `query($c:ID!){client(id:$c){name rates{unitAmount}}}`,
      `{tickets(first:10){nodes{title client{rates{unitAmount}}}}}`,
      `{services(first:10){nodes{code prices{currency unitAmount}}}}`,
      `{timeEntries(first:10){nodes{service{prices{unitAmount}}}}}`,
    ];
    for (const q of reads) {
      const r = await s.gql(q, { c: w.f.client.id }, w.tech);
      expect(failure(r).code, q).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null), q).not.toMatch(/7777|10000/);
    }
    // What they need to log time stays readable.
    const plain = ok(
      await s.gql(`{clients(first:10){nodes{name}} services(first:10){nodes{id code name}}}`, {}, w.tech),
    );
    expect(plain.clients.nodes.length).toBeGreaterThan(0);
    expect(plain.services.nodes.length).toBeGreaterThan(0);
    for (const who of [w.billing, w.owner]) {
      const money = ok(
        await s.gql(
          `{clients(first:10){nodes{rates{unitAmount}}} services(first:10){nodes{prices{unitAmount}}}}`,
          {},
          who,
        ),
      );
      expect(JSON.stringify(money)).toContain('7777');
      expect(JSON.stringify(money)).toContain('10000');
    }
  });

  it('reads no rate billing staff set on their own time entry, by any path; billing staff read it', async () => {
    const w = await world();
    const techId = ok(await s.gql(`{me{user{id}}}`, {}, w.tech)).me.user.id as string;
    const entry = ok(
      await s.gql(
        `mutation($t:ID!,$s:ID!,$u:ID!){logTime(input:{ticketId:$t,serviceId:$s,technicianId:$u,workDate:"2026-01-06",minutes:60,rateOverride:8888}){id}}`,
        { t: w.f.ticket.id, s: w.f.service.id, u: techId },
        w.billing,
      ),
    ).logTime;
    const reads = [
      `{timeEntries(first:10){nodes{id rateOverride}}}`,
      `query($id:ID!){node(id:$id){... on TimeEntry{rateOverride}}}`,
      `query($id:ID!){nodes(ids:[$id]){... on TimeEntry{rateOverride}}}`,
    ];
    for (const q of reads) {
      const r = await s.gql(q, { id: entry.id }, w.tech);
      expect(failure(r).code, q).toBe('FORBIDDEN');
      expect(JSON.stringify(r.data ?? null), q).not.toMatch(/8888/);
    }
    // The entry itself stays theirs to read.
    const own = ok(await s.gql(`{timeEntries(first:10){nodes{id minutes}}}`, {}, w.tech)).timeEntries.nodes;
    expect(own).toEqual([{ id: entry.id, minutes: 60 }]);
    for (const who of [w.billing, w.owner])
      expect(JSON.stringify(ok(await s.gql(reads[0]!, {}, who)))).toContain('8888');
  });

  it('a mutation asking back for a price the technician may not read is refused before it writes anything', async () => {
    const w = await world();
    const log = (fields: string) =>
      s.gql(
        `mutation($t:ID!,$s:ID!){logTime(input:{ticketId:$t,serviceId:$s,workDate:"2026-01-06",minutes:60}){id ${fields}}}`,
        { t: w.f.ticket.id, s: w.f.service.id },
        w.tech,
      );
    for (const fields of ['rateOverride', 'service{prices{unitAmount}}', 'ticket{client{rates{unitAmount}}}'])
      await expectNoChange(s, async () => expect(failure(await log(fields)).code, fields).toBe('FORBIDDEN'));
    ok(await log('minutes'));
    // A field the operation leaves out never resolves: it is not refused.
    ok(await log('rateOverride @include(if: false) service { prices @skip(if: true) { unitAmount } }'));
  });

  it("the admin app's timesheet screens ask a technician only for what they may read", async () => {
    const w = await world();
    // The operations TimesheetPage, TimeEntryModal and the app shell send for a technician.
    const sources = ['pages/time/TimesheetPage.tsx', 'pages/time/TimeEntryModal.tsx', 'App.tsx'].map((f) =>
      fs.readFileSync(path.join(ADMIN_SRC, f), 'utf8'),
    );
    const variables = { from: '2026-01-05', to: '2026-01-11' };
    for (const name of ['AdminMe', 'AdminTimesheetWeek', 'AdminTimesheetRejected', 'AdminTicketOptions']) {
      expect(
        sources.some((src) => src.includes(`query ${name}`)),
        name,
      ).toBe(true);
      ok(await s.gql(adminOperation(name), variables, w.tech));
    }
    // The service picker of the time entry form: the catalog without its prices.
    expect(sources[1]).toContain('useServicePicker()');
    expect(sources[1]).not.toContain('useServiceOptions()');
    ok(await s.gql(adminOperation('AdminServicePicker'), {}, w.tech));
    // The billing screens' catalog (with prices) is theirs alone.
    expect(failure(await s.gql(adminOperation('AdminServiceOptions'), {}, w.tech)).code).toBe('FORBIDDEN');
    ok(await s.gql(adminOperation('AdminServiceOptions'), {}, w.billing));
  });
});
