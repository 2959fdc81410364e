import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

/**
 * Archiving a client takes it out of billing: no new invoice, generation or contract for it (each refused
 * naming it, writing nothing), while what was already issued to it keeps working (paid, refunded, voided).
 */
const s = settleForFile({ worker: false });

async function world() {
  const A = await createOrgWithOwner(s, `Archive ${Math.random().toString(36).slice(2, 8)}`);
  const old = await billingFixture(s.container, A.org.id, { clientName: 'Old Client' });
  const active = await billingFixture(s.container, A.org.id, { clientName: 'Active Client' });
  const sent = await old.sentInvoice(60);
  const another = await old.sentInvoice(30);
  // Approved before it was archived, never invoiced.
  await old.approvedEntry(45, '2026-11-05');
  await active.approvedEntry(60, '2026-11-05');
  ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:true}){id}}`, { c: old.client.id }, A.token));
  return { A, old, active, sent, another };
}

const ARCHIVED = 'Client Old Client is archived: restore it before';
const line = { description: 'Work', quantity: '1', unitPrice: 1000 };
const CREATE_INVOICE = `mutation($i:CreateInvoiceInput!){createInvoice(input:$i){id}}`;
const GENERATE = `mutation($i:GenerateInvoicesInput!){generateInvoices(input:$i){invoices{id client{id}} skipped{clientId reason}}}`;
const CONTRACT = `mutation($i:CreateContractInput!){createContract(input:$i){id}}`;
const contractInput = (clientId: string, serviceId: string) => ({
  clientId,
  name: 'Managed',
  cycle: 'MONTHLY',
  startDate: '2026-12-01',
  lines: [{ serviceId, quantity: 2, priceSource: 'CATALOG' }],
});

describe('an archived client gets no new billing work', () => {
  it('a new invoice for it is refused on clientId, naming it', async () => {
    const { A, old } = await world();
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(CREATE_INVOICE, { i: { clientId: old.client.id, lines: [line] } }, A.token))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'clientId',
        message: `${ARCHIVED} invoicing it`,
      });
    });
  });

  it('generating its invoices by name is refused; generating for everyone skips it, saying why', async () => {
    const { A, old, active } = await world();
    const period = { periodStart: '2026-11-01', periodEnd: '2026-11-30' };
    await expectNoChange(s, async () => {
      const err = failure(
        await s.gql(GENERATE, { i: { ...period, clientIds: [active.client.id, old.client.id] } }, A.token),
      );
      expect(err).toEqual({ code: 'BAD_USER_INPUT', field: 'clientIds', message: `${ARCHIVED} invoicing it` });
    });
    const r = ok(await s.gql(GENERATE, { i: period }, A.token)).generateInvoices;
    expect(r.invoices.map((i: { client: { id: string } }) => i.client.id)).toEqual([active.client.id]);
    expect(r.skipped).toEqual([{ clientId: old.client.id, reason: `${ARCHIVED} invoicing it` }]);
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM time_entries WHERE client_id = $1 AND invoice_id IS NULL`,
      [old.client.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(1);
  });

  it('a contract for it, or a line on its contract, is refused naming it', async () => {
    const { A, old } = await world();
    // Made while it was active: a contract stays (the scheduled billing skips an archived client's contracts).
    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:false}){id}}`, { c: old.client.id }, A.token));
    const made = ok(await s.gql(CONTRACT, { i: contractInput(old.client.id, old.service.id) }, A.token)).createContract;
    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:true}){id}}`, { c: old.client.id }, A.token));
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(CONTRACT, { i: contractInput(old.client.id, old.service.id) }, A.token))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'clientId',
        message: `${ARCHIVED} giving it a contract`,
      });
      const addLine = await s.gql(
        `mutation($c:ID!,$l:ContractLineInput!){addContractLine(contractId:$c,line:$l){id}}`,
        { c: made.id, l: { serviceId: old.service.id, quantity: 1, priceSource: 'CATALOG' } },
        A.token,
      );
      expect(failure(addLine)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'contractId',
        message: `${ARCHIVED} adding lines to its contracts`,
      });
    });
  });

  it('what was issued to it keeps working: paid, refunded, voided', async () => {
    const { A, sent, another } = await world();
    const paid = ok(
      await s.gql(
        `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id} invoice{status balanceDue}}}`,
        { i: { invoiceId: sent.id, amount: sent.total, method: 'CHECK' } },
        A.token,
      ),
    ).recordPayment;
    expect(paid.invoice).toEqual({ status: 'PAID', balanceDue: 0 });
    const refunded = ok(
      await s.gql(
        `mutation($i:RefundPaymentInput!){refundPayment(input:$i){invoice{status balanceDue}}}`,
        { i: { paymentId: paid.payment.id, amount: 1000, reason: 'Check bounced in part' } },
        A.token,
      ),
    ).refundPayment;
    expect(refunded.invoice).toEqual({ status: 'PARTIALLY_PAID', balanceDue: 1000 });
    const voided = ok(await s.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: another.id }, A.token));
    expect(voided.voidInvoice.status).toBe('VOID');
  });
});
