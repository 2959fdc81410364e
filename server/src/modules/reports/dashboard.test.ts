import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { bothWays } from '../../../test/sql-answers.js';
import { daysFromToday, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';

const s = settleForFile({ worker: false });

const DASHBOARD = `{dashboard{
  currencies{currency outstanding writtenOff collectedThisMonth aging{current days1to30 days31to60 days61to90 days90plus}}
  overdue{id number displayStatus balanceDue}}}`;

/** An invoice of one line of `amount`, due `dueIn` days from today, issued 30 days before; sent unless `send` is false. */
async function invoiceOf(
  orgId: string,
  clientId: string,
  amount: number,
  dueIn: number,
  send: boolean,
  sendOpts?: { email: boolean },
) {
  const draft = await s.container.invoices.createDraft(orgId, SYSTEM_ACTOR, {
    clientId,
    issueDate: daysFromToday(Math.min(dueIn, 0) - 30),
    dueDate: daysFromToday(dueIn),
    lines: [
      {
        kind: InvoiceLineKind.MANUAL,
        description: 'Work',
        serviceId: null,
        quantity: '1',
        unitPrice: amount,
        discount: 0,
        taxRateBps: 0,
      },
    ],
  });
  return send ? s.container.invoices.send(orgId, SYSTEM_ACTOR, draft.id, sendOpts) : draft;
}

describe('dashboard', () => {
  it('ages open balances per currency, sums this month’s collections and lists overdue invoices oldest first', async () => {
    const A = await createOrgWithOwner(s, 'Dash Org');
    const usd = await billingFixture(s.container, A.org.id, { clientName: 'Dollar' });
    const eur = await billingFixture(s.container, A.org.id, { clientName: 'Euro', currency: 'EUR' });
    const other = await createOrgWithOwner(s, 'Dash Other');
    const otherF = await billingFixture(s.container, other.org.id);

    const invoice = (f: typeof usd, orgId: string, amount: number, dueIn: number, send = true) =>
      invoiceOf(orgId, f.client.id, amount, dueIn, send);
    const pay = (orgId: string, invoiceId: string, amount: number, receivedOn?: string) =>
      s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId,
        amount,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        receivedOn,
      });

    const current = await invoice(usd, A.org.id, 10000, 5);
    await pay(A.org.id, current.id, 4000); // 60.00 left, not yet due
    const late10 = await invoice(usd, A.org.id, 20000, -10);
    const late45 = await invoice(usd, A.org.id, 30000, -45);
    await pay(A.org.id, late45.id, 1000, daysFromToday(-62)); // received long before this month
    const written = await invoice(usd, A.org.id, 50000, -100);
    await s.container.invoices.markUncollectible(A.org.id, SYSTEM_ACTOR, written.id);
    const euroLate = await invoice(eur, A.org.id, 7000, -70);
    // Not receivables: a draft, a void and a paid invoice, all past due; and another org's invoice.
    await invoice(usd, A.org.id, 99900, -20, false);
    const voided = await invoice(usd, A.org.id, 99900, -20);
    await s.container.invoices.void(A.org.id, SYSTEM_ACTOR, voided.id);
    const paid = await invoice(usd, A.org.id, 8000, -20);
    await pay(A.org.id, paid.id, 8000);
    await invoice(otherF, other.org.id, 123400, -10);

    const d = ok(await s.gql(DASHBOARD, {}, A.token)).dashboard;
    expect(d.currencies).toEqual([
      {
        currency: 'USD',
        // The uncollectible 500.00 is written off: neither outstanding nor aged.
        outstanding: 6000 + 20000 + 29000,
        writtenOff: 50000,
        collectedThisMonth: 4000 + 8000,
        aging: { current: 6000, days1to30: 20000, days31to60: 29000, days61to90: 0, days90plus: 0 },
      },
      {
        currency: 'EUR',
        outstanding: 7000,
        writtenOff: 0,
        collectedThisMonth: 0,
        aging: { current: 0, days1to30: 0, days31to60: 0, days61to90: 7000, days90plus: 0 },
      },
    ]);
    expect(d.overdue.map((i: { id: string }) => i.id)).toEqual([euroLate.id, late45.id, late10.id]);
    expect(d.overdue.every((i: { displayStatus: string }) => i.displayStatus === 'OVERDUE')).toBe(true);

    const tech = `dash-tech-${Date.now()}@t.test`;
    await s.container.auth.createUser(A.org.id, {
      email: tech,
      name: 'T',
      role: 'TECHNICIAN',
      password: 'correct horse battery',
    });
    expect(
      failure(await s.gql(DASHBOARD, {}, (await s.container.auth.login(tech, 'correct horse battery')).token)).code,
    ).toBe('FORBIDDEN');
  });

  it('counts refunds, credits, client credit, money on a void invoice and payment dates by hand, both ways alike', async () => {
    const A = await createOrgWithOwner(s, 'Dash Cases');
    const fx = {
      USD: await billingFixture(s.container, A.org.id, { clientName: 'Cases USD' }),
      EUR: await billingFixture(s.container, A.org.id, { clientName: 'Cases EUR', currency: 'EUR' }),
      JPY: await billingFixture(s.container, A.org.id, { clientName: 'Cases JPY', currency: 'JPY' }),
      KWD: await billingFixture(s.container, A.org.id, { clientName: 'Cases KWD', currency: 'KWD' }),
    };
    const invoice = (currency: keyof typeof fx, amount: number, dueIn: number, send = true) =>
      invoiceOf(A.org.id, fx[currency].client.id, amount, dueIn, send, { email: false });
    const settle = (invoiceId: string, amount: number, receivedOn?: string, allowOverpayment = false) =>
      s.container.settlement.settle(A.org.id, SYSTEM_ACTOR, {
        invoiceId,
        amount,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        receivedOn,
        allowOverpayment,
      });
    const today = daysFromToday(0);
    const monthStart = today.slice(0, 8) + '01';
    const lastMonth = new Date(Date.parse(monthStart + 'T00:00:00Z') - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = daysFromToday(1);

    // USD: 1,000.00 not yet due, 300.00 paid and 100.00 of it refunded this month: 800.00 current.
    const a = await invoice('USD', 100_000, 5);
    await settle(a.id, 30_000);
    await settle(a.id, -10_000);
    // 500.00 ten days late, paid in full last month, 200.00 given back this month: 200.00 at 1-30 days.
    const b = await invoice('USD', 50_000, -10);
    await settle(b.id, 50_000, lastMonth);
    await settle(b.id, -20_000);
    // 400.00 forty days late with a 150.00 credit memo: 250.00 at 31-60 days, nothing collected.
    const c = await invoice('USD', 40_000, -40);
    await s.container.settlement.issueCreditMemo(A.org.id, SYSTEM_ACTOR, {
      invoiceId: c.id,
      amount: 15_000,
      reason: 'Goodwill',
    });
    // Void, then 70.00 arrives on it anyway: money received, nothing owed.
    const v = await invoice('USD', 99_900, -20);
    await s.container.invoices.void(A.org.id, SYSTEM_ACTOR, v.id);
    await settle(v.id, 7_000, undefined, true);
    // A draft past due counts nowhere; a payment dated tomorrow lowers the balance, not this month's collections.
    await invoice('USD', 12_300, -20, false);
    const d = await invoice('USD', 5_000, 10);
    await settle(d.id, 1_000, tomorrow);
    // EUR: 100.00 paid today, 30.00 of it moved to the client's credit, then spent on a 200.00 invoice 5 days late.
    const e1 = await invoice('EUR', 10_000, -3);
    await settle(e1.id, 10_000);
    await s.container.settlement.issueCreditMemo(A.org.id, SYSTEM_ACTOR, {
      invoiceId: e1.id,
      amount: 3_000,
      reason: 'Back to the account',
      purpose: CreditMemoPurpose.TO_CLIENT_CREDIT,
    });
    const e2 = await invoice('EUR', 20_000, -5);
    ok(await s.gql(`mutation($id: ID!) { applyClientCredit(invoiceId: $id) { __typename } }`, { id: e2.id }, A.token));
    // JPY (no decimals) 65 days late, part paid; KWD (3 decimals) 100 days late and one written off.
    const j = await invoice('JPY', 5_000, -65);
    await settle(j.id, 1_234);
    await invoice('KWD', 1_234, -100);
    const w = await invoice('KWD', 9_999, -100);
    await settle(w.id, 1);
    await s.container.invoices.markUncollectible(A.org.id, SYSTEM_ACTOR, w.id);

    const both = await bothWays(s, 'dashboard', DASHBOARD, {}, A.token);
    expect(both.sql).toBe(true);
    const zero = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
    expect(both.answer.data.dashboard.currencies).toEqual([
      {
        currency: 'USD',
        outstanding: 80_000 + 20_000 + 25_000 + 4_000,
        writtenOff: 0,
        collectedThisMonth: 30_000 - 10_000 - 20_000 + 7_000,
        aging: { ...zero, current: 80_000 + 4_000, days1to30: 20_000, days31to60: 25_000 },
      },
      {
        currency: 'EUR',
        outstanding: 17_000,
        writtenOff: 0,
        collectedThisMonth: 10_000,
        aging: { ...zero, days1to30: 17_000 },
      },
      {
        currency: 'JPY',
        outstanding: 3_766,
        writtenOff: 0,
        collectedThisMonth: 1_234,
        aging: { ...zero, days61to90: 3_766 },
      },
      {
        currency: 'KWD',
        outstanding: 1_234,
        writtenOff: 9_998,
        collectedThisMonth: 1,
        aging: { ...zero, days90plus: 1_234 },
      },
    ]);
  });

  it('is answered by PostgreSQL alone exactly as its resolvers answer it, ties and an empty org included', async () => {
    const A = await createOrgWithOwner(s, 'Dash SQL');
    const empty = await createOrgWithOwner(s, 'Dash SQL, none');
    const draft = async (currency: string, amount: number, dueIn: number) => {
      const f = await billingFixture(s.container, A.org.id, { clientName: `Client ${currency}`, currency });
      const d = await s.container.invoices.createDraft(A.org.id, SYSTEM_ACTOR, {
        clientId: f.client.id,
        issueDate: daysFromToday(Math.min(dueIn, 0) - 30),
        dueDate: daysFromToday(dueIn),
        lines: [1, 2].map((n) => ({
          kind: InvoiceLineKind.MANUAL,
          description: `Work ${n}`,
          serviceId: null,
          quantity: n === 1 ? '1.5' : '0.25',
          unitPrice: amount,
          discount: 0,
          taxRateBps: 0,
        })),
      });
      return s.container.invoices.send(A.org.id, SYSTEM_ACTOR, d.id, { email: false });
    };
    // Every aging bucket in USD, a written-off one, and three currencies that tie at nothing outstanding
    // (paid in full this month), which must come in currency order whichever way the rows arrive.
    for (const [i, dueIn] of [3, 0, -1, -30, -31, -60, -61, -90, -91, -400].entries())
      await draft('USD', 1_000 + i, dueIn);
    await s.container.invoices.markUncollectible(A.org.id, SYSTEM_ACTOR, (await draft('USD', 777, -5)).id);
    for (const currency of ['GBP', 'CAD', 'EUR']) {
      const paid = await draft(currency, 500, -3);
      await payByCheck(s.container, A.org.id, paid.id, paid.total);
    }
    const full = `fragment Row on Invoice { __typename id number currency status displayStatus isOverdue dueDate total balanceDue
        client { __typename name } lines { quantity amount } }
      query($n: Int) { d: dashboard(overdueLimit: $n) { __typename
        currencies { __typename currency outstanding writtenOff collectedThisMonth
          aging { __typename current days1to30 days31to60 days61to90 days90plus } }
        overdue { ...Row } } }`;
    for (const n of [20, 3, 0, 500]) {
      const r = await bothWays(s, 'dashboard', full, { n }, A.token);
      expect(r.sql).toBe(true);
      expect(r.answer.data.d.overdue.length).toBe(Math.min(Math.max(n, 1), 8)); // USD past due and open
    }
    const both = await bothWays(s, 'dashboard', DASHBOARD, {}, A.token);
    expect(both.sql).toBe(true);
    expect(both.answer.data.dashboard.currencies.map((c: { currency: string }) => c.currency)).toEqual([
      'USD',
      'CAD',
      'EUR',
      'GBP',
    ]);
    expect((await bothWays(s, 'dashboard', DASHBOARD, {}, empty.token)).answer.data.dashboard).toEqual({
      currencies: [],
      overdue: [],
    });
    // A portal user is refused by the resolver, which the SQL answer leaves to it.
    const f = await billingFixture(s.container, A.org.id);
    const portal = await bothWays(s, 'dashboard', DASHBOARD, {}, await portalSession(s, A.org.id, f.client.id));
    expect(portal.sql).toBe(false);
    expect(portal.answer.errors).toBeDefined();
  });
});
