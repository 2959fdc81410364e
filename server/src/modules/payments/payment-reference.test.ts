import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentSource } from './payment.entity.js';

// Why staff voided or corrected a payment ("Voided: <reason>") is internal: the client's portal reads what
// happened, while the check number they wrote stays theirs to read.

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Payment Reference Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000 }));

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const VOID = `mutation($i:VoidPaymentInput!){voidPayment(input:$i){adjustment{id}}}`;
const REFUND = `mutation($i:RefundPaymentInput!){refundPayment(input:$i){payment{id}}}`;
const ON_INVOICE = `query($id:ID!){invoice(id:$id){payments{id kind reference}}}`;
const LISTED = `query($id:ID!){payments(invoiceId:$id,first:50){edges{node{id kind reference}}}}`;
const NODE = `query($id:ID!){node(id:$id){... on Payment{reference}}}`;

type Row = { id: string; kind: string; reference: string };
const byKind = (rows: Row[]) => rows.map((r) => [r.kind, r.reference]).sort();

describe('Payment.reference for portal users', () => {
  it("a staff void's reason reads 'Payment voided' in the portal; the check number and a refund's reason stay", async () => {
    const inv = await f.sentInvoice(60);
    const pay = (amount: number, reference: string) =>
      s.gql(PAY, { i: { invoiceId: inv.id, amount, method: 'CHECK', reference } }, a.token);
    const kept = ok(await pay(6000, '1042')).recordPayment.payment.id as string;
    const typo = ok(await pay(4000, '1043')).recordPayment.payment.id as string;
    const voided = ok(await s.gql(VOID, { i: { paymentId: typo, reason: 'Typed 40.00, the check was 4.00' } }, a.token))
      .voidPayment.adjustment.id as string;
    ok(await s.gql(REFUND, { i: { paymentId: kept, amount: 1000, reason: 'Overcharged hour' } }, a.token));
    const portal = await portalSession(s, a.org.id, f.client.id);

    const staffSees = ok(await s.gql(ON_INVOICE, { id: inv.id }, a.token)).invoice.payments as Row[];
    expect(byKind(staffSees)).toEqual([
      ['ADJUSTMENT', 'Voided: Typed 40.00, the check was 4.00'],
      ['PAYMENT', '1042'],
      ['PAYMENT', '1043'],
      ['REFUND', 'Refund: Overcharged hour'],
    ]);
    const portalSees = [
      ok(await s.gql(ON_INVOICE, { id: inv.id }, portal)).invoice.payments as Row[],
      (ok(await s.gql(LISTED, { id: inv.id }, portal)).payments.edges as Array<{ node: Row }>).map((e) => e.node),
    ];
    for (const rows of portalSees)
      expect(byKind(rows)).toEqual([
        ['ADJUSTMENT', 'Payment voided'],
        ['PAYMENT', '1042'],
        ['PAYMENT', '1043'],
        ['REFUND', 'Refund: Overcharged hour'],
      ]);
    expect(ok(await s.gql(NODE, { id: voided }, portal)).node).toEqual({ reference: 'Payment voided' });
  });

  it("a payment deleted or changed in QuickBooks reads 'Payment voided' or 'Payment corrected' in the portal", async () => {
    const c = s.container;
    const [deleted, changed] = [await f.sentInvoice(60), await f.sentInvoice(60)];
    const qb = (invoiceId: string) => ({ source: PaymentSource.QUICKBOOKS, externalId: `77:${invoiceId}` });
    for (const [inv, amount, change] of [
      [deleted, 0, 'deleted'],
      [changed, 5000, 'v3'],
    ] as const) {
      const { payment } = await payByCheck(c, a.org.id, inv.id, 10000, qb(inv.id));
      await c.settlement.adjust(a.org.id, SYSTEM_ACTOR, {
        paymentId: payment.id,
        amount,
        source: PaymentSource.QUICKBOOKS,
        externalId: `77:${change}:${payment.id}`,
        reference: `QuickBooks payment 77 ${change === 'v3' ? 'changed' : change}`,
      });
    }
    const portal = await portalSession(s, a.org.id, f.client.id);
    const read = async (id: string) =>
      (ok(await s.gql(ON_INVOICE, { id }, portal)).invoice.payments as Row[]).find((r) => r.kind === 'ADJUSTMENT')!;
    expect((await read(deleted.id)).reference).toBe('Payment voided');
    expect((await read(changed.id)).reference).toBe('Payment corrected');
    const staff = ok(await s.gql(ON_INVOICE, { id: changed.id }, a.token)).invoice.payments as Row[];
    expect(staff.find((r) => r.kind === 'ADJUSTMENT')!.reference).toBe('QuickBooks payment 77 changed');
  });
});
