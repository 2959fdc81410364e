import { describe, expect, it } from 'vitest';
import { failure, ok, expectNoChange } from '../../../test/api.js';
import { settleForFile } from '../../../test/for-file.js';
import { twoBilledOrgs, signedInUser } from '../../../test/fixtures.js';

const s = settleForFile({ worker: false });

const CREATE = `mutation($i:CreateContractInput!){createContract(input:$i){id name cycle anchorDay billingTiming startDate endDate
  lines{id quantity priceSource unitPrice description}}}`;
const LIST = `query($c:ID){contracts(clientId:$c){id name}}`;
const PREVIEW = `query($c:ID!){nextInvoicePreview(clientId:$c){billDate currency subtotal total problem lines{description amount}}}`;
const SETTINGS = `mutation($i:BillingSettingsInput!){updateBillingSettings(input:$i){autoBilling invoiceGraceHours review sendMethod overridden}}`;

const input = (clientId: string, serviceId: string, over: Record<string, unknown> = {}) => ({
  clientId,
  name: 'Managed endpoints',
  cycle: 'MONTHLY',
  startDate: '2030-01-01',
  lines: [{ serviceId, quantity: 12, priceSource: 'FIXED', unitPrice: 2500 }],
  ...over,
});

describe('contracts through the API', () => {
  it('creates a contract (anchor from the start date) and previews its first invoice', async () => {
    const w = await twoBilledOrgs(s, ['Alpha', 'Beta']);
    const a = { ...w.a, f: w.fa };
    const c = ok(
      await s.gql(CREATE, { i: input(a.f.client.id, a.f.service.id, { startDate: '2030-01-15' }) }, a.token),
    ).createContract;
    expect(c).toMatchObject({ cycle: 'MONTHLY', anchorDay: 15, billingTiming: 'ADVANCE', endDate: null });
    expect(c.lines[0]).toMatchObject({ quantity: 12, priceSource: 'FIXED', unitPrice: 2500 });
    const p = ok(await s.gql(PREVIEW, { c: a.f.client.id }, a.token)).nextInvoicePreview;
    expect(p).toMatchObject({ billDate: '2030-01-15', currency: 'USD', subtotal: 30000, problem: null });
    expect(p.lines.map((l: { description: string }) => l.description)).toEqual(['Support · 2030-01-15 – 2030-02-14']);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const w = await twoBilledOrgs(s, ['Gamma', 'Delta']);
    const a = { ...w.a, f: w.fa };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ anchorDay: 32 }, 'anchorDay'],
      [{ cycle: 'WEEKLY', anchorDay: 9 }, 'anchorDay'],
      [{ endDate: '2029-12-31' }, 'endDate'],
      [{ lines: [{ serviceId: a.f.service.id, quantity: 1, priceSource: 'FIXED' }] }, 'lines.0.unitPrice'],
      [
        { lines: [{ serviceId: a.f.service.id, quantity: 1, priceSource: 'CATALOG', unitPrice: 5 }] },
        'lines.0.unitPrice',
      ],
      // No invoice could carry one period of these: every billing run of the client would fail.
      [
        { lines: [{ serviceId: a.f.service.id, quantity: 1, priceSource: 'FIXED', unitPrice: 10_000_000_000_001 }] },
        'lines.0.unitPrice',
      ],
      [
        { lines: [{ serviceId: a.f.service.id, quantity: 1000, priceSource: 'FIXED', unitPrice: 100_000_000_000 }] },
        'lines.0.quantity',
      ],
    ];
    for (const [over, field] of cases) {
      const res = await expectNoChange(s, () =>
        s.gql(CREATE, { i: input(a.f.client.id, a.f.service.id, over) }, a.token),
      );
      expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const big = { lines: [{ serviceId: a.f.service.id, quantity: 1, priceSource: 'FIXED', unitPrice: 1e12 }] };
    const c = ok(await s.gql(CREATE, { i: input(a.f.client.id, a.f.service.id, big) }, a.token)).createContract;
    const res = await expectNoChange(s, () =>
      s.gql(
        `mutation($i:ChangeQuantityInput!){changeContractQuantity(input:$i){id}}`,
        { i: { lineId: c.lines[0].id, quantity: 11, effectiveDate: '2030-02-01' } },
        a.token,
      ),
    );
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
  });

  it('updateContract with name null keeps the name (left out, as the schema allows), not an internal error', async () => {
    const w = await twoBilledOrgs(s, ['Epsilon', 'Zeta']);
    const c = ok(await s.gql(CREATE, { i: input(w.fa.client.id, w.fa.service.id) }, w.a.token)).createContract;
    const UPDATE = `mutation($id:ID!,$i:UpdateContractInput!){updateContract(id:$id,input:$i){name endDate}}`;
    const r = ok(await s.gql(UPDATE, { id: c.id, i: { name: null, endDate: '2030-12-31' } }, w.a.token));
    expect(r.updateContract).toEqual({ name: 'Managed endpoints', endDate: '2030-12-31' });
  });

  it("keeps each org's contracts and billing to itself; technicians and billing staff are kept out of what is not theirs", async () => {
    const w = await twoBilledOrgs(s, ['Epsilon', 'Zeta']);
    const a = { ...w.a, f: w.fa };
    const b = { ...w.b, f: w.fb };
    const mine = ok(await s.gql(CREATE, { i: input(a.f.client.id, a.f.service.id) }, a.token)).createContract;
    // Another org's client or service cannot be used, its contracts are invisible, its preview refused.
    expect(failure(await s.gql(CREATE, { i: input(a.f.client.id, b.f.service.id) }, b.token))).toMatchObject({
      field: 'clientId',
    });
    expect(failure(await s.gql(CREATE, { i: input(b.f.client.id, a.f.service.id) }, b.token))).toMatchObject({
      field: 'lines.0.serviceId',
    });
    expect(ok(await s.gql(LIST, {}, b.token)).contracts).toEqual([]);
    expect(failure(await s.gql(`query($id:ID!){contract(id:$id){id}}`, { id: mine.id }, b.token)).code).toBe(
      'NOT_FOUND',
    );
    expect(failure(await s.gql(PREVIEW, { c: a.f.client.id }, b.token)).field).toBe('clientId');
    const tech = await signedInUser(s, a.org.id, { email: `t${Date.now()}@a.test`, name: 'T', role: 'TECHNICIAN' });
    expect(failure(await s.gql(LIST, {}, tech)).code).toBe('FORBIDDEN');
    const billing = await signedInUser(s, a.org.id, { email: `b${Date.now()}@a.test`, name: 'B', role: 'BILLING' });
    expect(ok(await s.gql(LIST, {}, billing)).contracts).toHaveLength(1);
    // Turning automatic billing on is an admin's decision.
    expect(failure(await s.gql(SETTINGS, { i: { autoBilling: true } }, billing)).code).toBe('FORBIDDEN');
    expect(
      ok(await s.gql(SETTINGS, { i: { autoBilling: true, review: 'AUTO_SEND' } }, a.token)).updateBillingSettings,
    ).toMatchObject({
      autoBilling: true,
      review: 'AUTO_SEND',
      invoiceGraceHours: 24,
      overridden: [],
    });
    expect(failure(await s.gql(SETTINGS, { i: { clientId: a.f.client.id, review: 'DRAFT' } }, b.token)).field).toBe(
      'clientId',
    );
    expect(failure(await s.gql(SETTINGS, { i: { invoiceGraceHours: 1000 } }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'invoiceGraceHours',
    });
  });
});
