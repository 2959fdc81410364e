import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { daysFromToday, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';

const s = settleForFile({ worker: false });

const DASHBOARD = `{dashboard{
  currencies{currency outstanding writtenOff collectedThisMonth aging{current days1to30 days31to60 days61to90 days90plus}}
  overdue{id number displayStatus balanceDue}}}`;

describe('dashboard', () => {
  it('ages open balances per currency, sums this month’s collections and lists overdue invoices oldest first', async () => {
    const A = await createOrgWithOwner(s, 'Dash Org');
    const usd = await billingFixture(s.container, A.org.id, { clientName: 'Dollar' });
    const eur = await billingFixture(s.container, A.org.id, { clientName: 'Euro', currency: 'EUR' });
    const other = await createOrgWithOwner(s, 'Dash Other');
    const otherF = await billingFixture(s.container, other.org.id);

    /** A sent invoice of `amount` due `dueIn` days from today. */
    const invoice = async (f: typeof usd, orgId: string, amount: number, dueIn: number, send = true) => {
      const draft = await s.container.invoices.createDraft(orgId, SYSTEM_ACTOR, {
        clientId: f.client.id,
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
      return send ? s.container.invoices.send(orgId, SYSTEM_ACTOR, draft.id) : draft;
    };
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
});
