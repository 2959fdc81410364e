import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

/** A client's currency never changes under amounts written in it: USD 150.00 an hour is not JPY 150. */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Currency Org');
const UPDATE = `mutation($c:ID!,$i:UpdateClientInput!){updateClient(id:$c,input:$i){currency rates{unitAmount}}}`;
const toJpy = (clientId: string, rates?: Array<{ serviceId: string; unitAmount: number }>) =>
  s.gql(UPDATE, { c: clientId, i: { currency: 'JPY', ...(rates ? { rates } : {}) } }, A.token);

describe("a client's currency", () => {
  it('changes while nothing is written in it; not under negotiated rates, unless new ones come with the change', async () => {
    const free = await billingFixture(s.container, A.org.id, { clientName: 'Nothing yet' });
    expect(ok(await toJpy(free.client.id)).updateClient.currency).toBe('JPY');

    const f = await billingFixture(s.container, A.org.id, { clientName: 'Negotiated' });
    ok(
      await s.gql(UPDATE, { c: f.client.id, i: { rates: [{ serviceId: f.service.id, unitAmount: 15000 }] } }, A.token),
    );
    const refused = await expectNoChange(s, () => toJpy(f.client.id));
    expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(failure(refused).message).toMatch(/negotiated rates are in USD/);
    const both = ok(await toJpy(f.client.id, [{ serviceId: f.service.id, unitAmount: 20000 }])).updateClient;
    expect(both).toEqual({ currency: 'JPY', rates: [{ unitAmount: 20000 }] });
  });

  it('does not change under a rate override on time not yet billed, nor under invoices', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Override' });
    await f.approvedEntry(60, '2026-11-02', { rateOverride: 20000 });
    const refused = await expectNoChange(s, () => toJpy(f.client.id));
    expect(failure(refused).message).toMatch(/rate overrides in USD/);

    const g = await billingFixture(s.container, A.org.id, { clientName: 'Invoiced' });
    await g.sentInvoice(60, { email: false });
    expect(failure(await toJpy(g.client.id)).message).toMatch(/has invoices in USD/);
  });
});
