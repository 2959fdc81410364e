import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';

const s = settleForFile();

describe('invoicing through the GraphQL API', () => {
  it('generates, edits, sends and lists an invoice with lines and client', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id, { catalogPrice: 12000 });
    await f.approvedEntry(90);
    await f.approvedEntry(30, '2026-11-03', { rateOverride: 20000 });
    const gen = await s.gql(
      `mutation($c:[ID!]){generateInvoices(input:{clientIds:$c,periodStart:"2026-11-01",periodEnd:"2026-11-30"}){
        invoices{id number status total lines{quantity unitPrice amount}} skipped{clientId reason}}}`,
      { c: [f.client.id] },
      token,
    );
    expect(gen.errors).toBeUndefined();
    const inv = gen.data.generateInvoices.invoices[0];
    expect(inv.status).toBe('DRAFT');
    expect(inv.number).toMatch(/^INV-\d{5}$/);
    expect(inv.lines).toEqual(
      [
        { quantity: '0.5', unitPrice: 20000, amount: 10000 },
        { quantity: '1.5', unitPrice: 12000, amount: 18000 },
      ].sort((a, b) => b.unitPrice - a.unitPrice),
    );
    expect(inv.total).toBe(28000);

    const sent = await s.gql(`mutation($id:ID!){sendInvoice(id:$id){status finalizedAt}}`, { id: inv.id }, token);
    expect(sent.data.sendInvoice.status).toBe('SENT');
    const edit = await s.gql(
      `mutation($id:ID!){updateDraftInvoice(id:$id,input:{notes:"x"}){id}}`,
      { id: inv.id },
      token,
    );
    expect(edit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    const list = await s.gql(
      `{invoices(first:10){totalCount edges{node{number displayStatus client{name}}} pageInfo{hasNextPage}}}`,
      {},
      token,
    );
    expect(list.data.invoices.totalCount).toBe(1);
    expect(list.data.invoices.edges[0].node.client.name).toBe('Client');
  });
});
