import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { daysFromToday, expectNoChange, expectRefusedOn, failure, ok } from '../../test/api.js';
import { inputDateProblem } from './scalars.js';

/**
 * Dates typed into a mutation are bounded: not before 2000, planned dates at most 10 years ahead, and what
 * already happened (a payment received, time worked) not in the future. The refusal names the field in words,
 * on `extensions.field` (the admin app shows it beside the input), and writes nothing.
 */
const s = settleForFile({ worker: false });

async function world() {
  const A = await createOrgWithOwner(s, `Dates ${Math.random().toString(36).slice(2, 8)}`);
  const f = await billingFixture(s.container, A.org.id);
  const sent = await f.sentInvoice(60);
  return { A, f, sent };
}

const CREATE_INVOICE = `mutation($i:CreateInvoiceInput!){createInvoice(input:$i){id issueDate dueDate}}`;
const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const LOG = `mutation($i:LogTimeInput!){logTime(input:$i){id workDate}}`;
const CONTRACT = `mutation($i:CreateContractInput!){createContract(input:$i){id}}`;
const line = { description: 'Work', quantity: '1', unitPrice: 1000 };
const TEN_YEARS_AHEAD = (() => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 10);
  return d.toISOString().slice(0, 10);
})();
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('the bound on dates typed into mutations (inputDateProblem)', () => {
  const now = new Date('2026-12-07T23:30:00Z');
  it('refuses what predates 2000 and plans past 10 years ahead, and accepts the days at both ends', () => {
    expect(inputDateProblem('1999-12-31', false, now)).toBe('must be on or after 2000-01-01');
    expect(inputDateProblem('2000-01-01', false, now)).toBeNull();
    expect(inputDateProblem('2036-12-07', false, now)).toBeNull();
    expect(inputDateProblem('2036-12-08', false, now)).toBe('must be at most 10 years ahead (on or before 2036-12-07)');
  });

  it('refuses what already happened past tomorrow (UTC): tomorrow is today east of Greenwich', () => {
    expect(inputDateProblem('2026-12-08', true, now)).toBeNull();
    expect(inputDateProblem('2026-12-09', true, now)).toBe('must not be in the future');
    expect(inputDateProblem('1999-12-31', true, now)).toBe('must be on or after 2000-01-01');
  });
});

describe('absurd dates in mutations', () => {
  it('an invoice issued in 1900 or due in 9999 is refused, naming the field', async () => {
    const { A, f } = await world();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ issueDate: '1900-01-01' }, 'issueDate', 'Issue date must be on or after 2000-01-01'],
      [{ issueDate: '1999-12-31', dueDate: '2026-12-31' }, 'issueDate', 'Issue date must be on or after 2000-01-01'],
      [
        { dueDate: '9999-12-31' },
        'dueDate',
        `Due date must be at most 10 years ahead (on or before ${TEN_YEARS_AHEAD})`,
      ],
      [{ issueDate: dayAfter(TEN_YEARS_AHEAD) }, 'issueDate', 'Issue date must be at most 10 years ahead'],
    ];
    for (const [dates, field, message] of cases) {
      await expectNoChange(s, async () => {
        const err = failure(
          await s.gql(CREATE_INVOICE, { i: { clientId: f.client.id, lines: [line], ...dates } }, A.token),
        );
        expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(err.message).toContain(message);
      });
    }
  });

  it('a due date before the issue date is refused on a new invoice too', async () => {
    const { A, f } = await world();
    await expectNoChange(s, async () => {
      const err = failure(
        await s.gql(
          CREATE_INVOICE,
          { i: { clientId: f.client.id, lines: [line], issueDate: '2026-12-10', dueDate: '2026-12-01' } },
          A.token,
        ),
      );
      expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueDate' });
    });
  });

  it('an invoice at the ends of the bound is accepted', async () => {
    const { A, f } = await world();
    const created = ok(
      await s.gql(
        CREATE_INVOICE,
        { i: { clientId: f.client.id, lines: [line], issueDate: '2000-01-01', dueDate: TEN_YEARS_AHEAD } },
        A.token,
      ),
    ).createInvoice;
    expect(created).toMatchObject({ issueDate: '2000-01-01', dueDate: TEN_YEARS_AHEAD });
  });

  it('a payment received after tomorrow, or in 1900, is refused as "Received on"', async () => {
    const { A, sent } = await world();
    const pay = (receivedOn: string) => ({ i: { invoiceId: sent.id, amount: 100, method: 'CHECK', receivedOn } });
    for (const [date, message] of [
      [daysFromToday(2), 'Received on must not be in the future'],
      ['1900-01-01', 'Received on must be on or after 2000-01-01'],
    ] as const) {
      await expectRefusedOn(s, () => s.gql(PAY, pay(date), A.token), 'receivedOn', message);
    }
    // Tomorrow (UTC) is today in a time zone east of Greenwich: accepted.
    ok(await s.gql(PAY, pay(daysFromToday(1)), A.token));
  });

  it('time worked in the future or in 1999 is refused as "Work date", on logging and on editing', async () => {
    const { A, f } = await world();
    const entry = (workDate: string) => ({
      i: { ticketId: f.ticket.id, serviceId: f.service.id, workDate, minutes: 30 },
    });
    for (const [date, message] of [
      [daysFromToday(2), 'Work date must not be in the future'],
      ['1999-12-31', 'Work date must be on or after 2000-01-01'],
    ] as const) {
      await expectRefusedOn(s, () => s.gql(LOG, entry(date), A.token), 'workDate', message);
    }
    const logged = ok(await s.gql(LOG, entry(daysFromToday(0)), A.token)).logTime;
    await expectRefusedOn(
      s,
      () =>
        s.gql(
          `mutation($id:ID!,$d:LocalDate!){updateTimeEntry(id:$id,input:{workDate:$d}){id}}`,
          { id: logged.id, d: daysFromToday(3) },
          A.token,
        ),
      'workDate',
      'Work date must not be in the future',
    );
  });

  it('a contract starting in 1900 or ending past 10 years ahead is refused, naming the field', async () => {
    const { A, f } = await world();
    for (const [dates, field] of [
      [{ startDate: '1900-01-01' }, 'startDate'],
      [{ endDate: dayAfter(TEN_YEARS_AHEAD) }, 'endDate'],
    ] as const) {
      const message = field === 'startDate' ? /^Start date must be/ : /^End date must be/;
      await expectRefusedOn(s, () => s.gql(CONTRACT, { i: f.contractInput(dates) }, A.token), field, message);
    }
  });

  it('a generation period or reconciliation period in 1900 is refused; list filters are not bounded', async () => {
    const { A } = await world();
    await expectNoChange(s, async () => {
      const err = failure(
        await s.gql(
          `mutation{generateInvoices(input:{periodStart:"1900-01-01",periodEnd:"2026-01-31"}){invoices{id}}}`,
          {},
          A.token,
        ),
      );
      expect(err).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'periodStart',
        message: 'Period start must be on or after 2000-01-01',
      });
      expect(
        failure(
          await s.gql(`mutation{runReconciliation(period:{from:"1900-01-01",to:"1900-12-31"}){id}}`, {}, A.token),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from', message: 'Period from must be on or after 2000-01-01' });
    });
    // A filter changes nothing: "everything up to 9999" is a fair question.
    const page = ok(
      await s.gql(`{invoices(first:5, filter:{issued:{from:"1900-01-01", to:"9999-12-31"}}){totalCount}}`, {}, A.token),
    );
    expect(page.invoices.totalCount).toBe(1);
  });
});
