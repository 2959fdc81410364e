import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

/** Time and tickets that must not be written: a rate in another currency than the client's, an archived client. */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Time Guards Org');

const LOG = `mutation($i:LogTimeInput!){logTime(input:$i){id rateOverride}}`;

describe("a time entry's own rate", () => {
  it('is refused in another currency than the client is billed in, naming both', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Dollar Client' });
    const input = { ...f.timeInput(60, '2026-11-02'), rateOverride: 20000 };
    const refused = await expectNoChange(s, () =>
      s.gql(LOG, { i: { ...input, rateOverrideCurrency: 'EUR' } }, A.token),
    );
    expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rateOverrideCurrency' });
    expect(failure(refused).message).toBe(
      'The rate is in EUR, and Dollar Client is billed in USD: give the rate in USD',
    );
    expect(ok(await s.gql(LOG, { i: { ...input, rateOverrideCurrency: 'usd' } }, A.token)).logTime.rateOverride).toBe(
      20000,
    );
  });

  it('logged while the client changes currency is not written in the old currency on a client billed in the new', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Changing Client' });
    let logged: Promise<string> | undefined;
    // Inside the currency change's transaction, once the client row is changed: time with a USD rate is logged.
    const off = s.container.events.on('client.updated', async ({ client }) => {
      if (client.id !== f.client.id || logged) return;
      logged = s.container.timeEntries
        .log(A.org.id, SYSTEM_ACTOR, {
          ...f.timeInput(60, '2026-11-02'),
          rateOverride: 20000,
          rateOverrideCurrency: 'USD',
        })
        .then(
          () => 'logged',
          (err: Error) => err.message,
        );
      let settled = false;
      void logged.finally(() => (settled = true));
      await eventually(async () => {
        const [row] = (await s.container.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )) as Array<{ n: number }>;
        return settled || row!.n > 0;
      }, 'the time to wait on the client or be done');
    });
    try {
      await s.container.clients.update(A.org.id, SYSTEM_ACTOR, f.client.id, { currency: 'JPY' });
    } finally {
      off();
    }
    // It used to be written: USD 200.00 an hour, billed as JPY 20,000.
    expect(await logged).toBe('The rate is in USD, and Changing Client is billed in JPY: give the rate in JPY');
    const rows = (await s.container.db.query(`SELECT rate_override FROM time_entries WHERE client_id = $1`, [
      f.client.id,
    ])) as unknown[];
    expect(rows).toEqual([]);
  });

  it('keeps the currency from changing while unbilled time carries it, naming what blocks it', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Plain Client' });
    await f.approvedEntry(60, '2026-11-02', { rateOverride: 20000 });
    const CURRENCY = `mutation($c:ID!){updateClient(id:$c,input:{currency:"JPY"}){currency}}`;
    const refused = await expectNoChange(s, () => s.gql(CURRENCY, { c: f.client.id }, A.token));
    expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(failure(refused).message).toMatch(/time not yet billed carries rate overrides in USD/);
  });
});

describe('an archived client', () => {
  it('gets no new tickets nor time, with an error naming it as archived', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Old Client' });
    const active = await billingFixture(s.container, A.org.id, { clientName: 'Active Client' });
    const draft = await s.container.timeEntries.log(A.org.id, SYSTEM_ACTOR, active.timeInput(30, '2026-11-02'));
    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:true}){id}}`, { c: f.client.id }, A.token));

    const ticket = await expectNoChange(s, () =>
      s.gql(`mutation($c:ID!){createTicket(input:{clientId:$c,title:"More work"}){id}}`, { c: f.client.id }, A.token),
    );
    expect(failure(ticket)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'clientId',
      message: 'Client Old Client is archived: restore it before opening tickets for it',
    });

    const input = f.timeInput(60, '2026-11-03');
    const time = await expectNoChange(s, () => s.gql(LOG, { i: input }, A.token));
    expect(failure(time)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ticketId',
      message: 'Client Old Client is archived: restore it before logging time on its tickets',
    });

    // Nor is time moved onto its tickets.
    const moved = await expectNoChange(s, () =>
      s.gql(
        `mutation($id:ID!,$t:ID!){updateTimeEntry(id:$id,input:{ticketId:$t}){id}}`,
        { id: draft.id, t: f.ticket.id },
        A.token,
      ),
    );
    expect(failure(moved)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ticketId' });

    // Restored, it is billed again as before.
    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:false}){id}}`, { c: f.client.id }, A.token));
    ok(await s.gql(LOG, { i: input }, A.token));
  });
});
