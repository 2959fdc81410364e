import { describe, expect, it } from 'vitest';
import { ok } from '../../../test/api.js';
import { connectedOrg, stripeWorldForFile } from '../stripe/stripe-test-kit.js';

const w = stripeWorldForFile({ worker: false });

const SEND = `mutation($id:ID!){sendInvoice(id:$id){status}}`;
const UNCOLLECTIBLE = `mutation($id:ID!){markInvoiceUncollectible(id:$id){status}}`;

/** The text of each invoice email of the invoice, oldest first. */
const invoiceMails = async (invoiceId: string) =>
  (
    (await w.settle.container.db.query(
      `SELECT text_body FROM emails WHERE related_id = $1 AND kind = 'invoice' ORDER BY created_at`,
      [invoiceId],
    )) as Array<{ text_body: string }>
  ).map((m) => m.text_body);

describe('resending an invoice', () => {
  it('of an uncollectible invoice emails it without a Pay link: it is no longer payable online', async () => {
    const o = await connectedOrg(w);
    const inv = await o.fx.sentInvoice(60, { destinations: ['EMAIL', 'STRIPE'] });
    expect((await invoiceMails(inv.id))[0]).toContain(`Pay USD 100.00 online: ${w.settle.url}/pay/`);
    ok(await w.settle.gql(UNCOLLECTIBLE, { id: inv.id }, o.token));
    expect(ok(await w.settle.gql(SEND, { id: inv.id }, o.token)).sendInvoice.status).toBe('UNCOLLECTIBLE');
    const resent = (await invoiceMails(inv.id))[1]!;
    expect(resent).toContain(`View invoice: ${w.settle.url}/portal/invoices/${inv.id}`);
    expect(resent).not.toContain('/pay/');
  });
});
