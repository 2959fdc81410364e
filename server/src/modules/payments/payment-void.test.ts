import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, paidThenCredited, payByCheck, portalSession, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { webhooksOf } from '../webhook-endpoints/webhook-endpoints.integration.js';
import { PaymentMethod, PaymentSource } from './payment.entity.js';

// A check recorded by hand with a typo (5,000.00 for 500.00) or on the wrong invoice had no way out but
// refundPayment, which books a refund that never happened. voidPayment takes it off, as QuickBooks voids.

const s = settleForFile({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
const a = orgForFile(s, 'Void Payment Org');
const other = orgForFile(s, 'Other Void Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000 }));

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id} invoice{status balanceDue}}}`;
const VOID = `mutation($i:VoidPaymentInput!,$key:String){voidPayment(input:$i,idempotencyKey:$key){
  payment{id amount voided} adjustment{id kind amount source adjustsPaymentId reference}
  invoice{status amountPaid balanceDue heldAmount}}}`;
const REFUND = `mutation($i:RefundPaymentInput!){refundPayment(input:$i){payment{id}}}`;
const PAYMENTS = `query($id:ID!){invoice(id:$id){status balanceDue payments{id kind amount voided voidable refundableAmount}}}`;

async function paidByCheck(amount = 10000) {
  const inv = await f.sentInvoice(60); // 100.00
  const paid = ok(await s.gql(PAY, { i: { invoiceId: inv.id, amount, method: 'CHECK' } }, a.token));
  return { inv, paymentId: paid.recordPayment.payment.id as string };
}
const voidIt = (paymentId: string, opts: { key?: string; token?: string; reason?: string } = {}) =>
  s.gql(
    VOID,
    { i: { paymentId, reason: opts.reason ?? 'Typed 100.00, the check was 10.00' }, key: opts.key },
    opts.token ?? a.token,
  );
const rowsOf = (invoiceId: string) =>
  s.container.db.query(`SELECT kind, amount, source FROM payments WHERE invoice_id = $1 ORDER BY created_at`, [
    invoiceId,
  ]) as Promise<Array<{ kind: string; amount: number; source: string }>>;

describe('voidPayment of a payment recorded by hand', () => {
  it('takes it off with one adjustment: PAID becomes SENT again, audited with the reason, announced as payment.voided', async () => {
    await webhooksOf(s.container).endpoints.create(a.org.id, SYSTEM_ACTOR, {
      url: 'http://127.0.0.1:9/settle',
      events: ['PAYMENT_VOIDED'],
    });
    const { inv, paymentId } = await paidByCheck();
    const r = ok(await voidIt(paymentId)).voidPayment;
    expect(r.payment).toMatchObject({ id: paymentId, amount: 10000, voided: true });
    expect(r.adjustment).toMatchObject({
      kind: 'ADJUSTMENT',
      amount: -10000,
      source: 'MANUAL',
      adjustsPaymentId: paymentId,
      reference: 'Voided: Typed 100.00, the check was 10.00',
    });
    expect(r.invoice).toMatchObject({ status: 'SENT', amountPaid: 0, balanceDue: 10000, heldAmount: 0 });
    expect(await rowsOf(inv.id)).toEqual([
      { kind: 'PAYMENT', amount: 10000, source: 'MANUAL' },
      { kind: 'ADJUSTMENT', amount: -10000, source: 'MANUAL' },
    ]);
    const seen = ok(await s.gql(PAYMENTS, { id: inv.id }, a.token)).invoice;
    expect(seen.payments[0]).toMatchObject({ voided: true, voidable: false, refundableAmount: 0 });
    const [audit] = await s.container.db.query(
      `SELECT actor_id, after->'adjustment'->>'reference' AS reference FROM audit_events
        WHERE entity_id = $1 AND action = 'invoice.payment_voided'`,
      [inv.id],
    );
    expect(audit).toEqual({ actor_id: a.owner.id, reference: 'Voided: Typed 100.00, the check was 10.00' });
    const hooks = await s.container.db.query(`SELECT type FROM webhook_events WHERE object_id = $1 ORDER BY seq`, [
      paymentId,
    ]);
    expect(hooks.map((h: { type: string }) => h.type)).toEqual(['payment.recorded', 'payment.voided']);
  });

  it('of two payments, voiding one leaves the invoice partly paid', async () => {
    const inv = await f.sentInvoice(60);
    const first = ok(await s.gql(PAY, { i: { invoiceId: inv.id, amount: 6000, method: 'CHECK' } }, a.token));
    const second = ok(await s.gql(PAY, { i: { invoiceId: inv.id, amount: 4000, method: 'WIRE' } }, a.token));
    expect(second.recordPayment.invoice.status).toBe('PAID');
    const r = ok(await voidIt(second.recordPayment.payment.id)).voidPayment;
    expect(r.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: 6000, balanceDue: 4000 });
    expect(first.recordPayment.payment.id).toBeTruthy();
  });

  it('voided twice (a double click, a retry with its key) writes once and answers the same', async () => {
    const { inv, paymentId } = await paidByCheck();
    const [x, y] = await Promise.all([voidIt(paymentId), voidIt(paymentId)]);
    expect(ok(x).voidPayment.adjustment.id).toBe(ok(y).voidPayment.adjustment.id);
    const again = await expectNoChange(s, () => voidIt(paymentId, { key: 'dialog-1', reason: 'Other words' }));
    expect(ok(again).voidPayment).toMatchObject({
      adjustment: { id: ok(x).voidPayment.adjustment.id },
      invoice: { status: 'SENT', balanceDue: 10000 },
    });
    expect((await rowsOf(inv.id)).filter((r) => r.kind === 'ADJUSTMENT')).toHaveLength(1);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'invoice.payment_voided'`,
      [inv.id],
    );
    expect(n).toBe(1);
  });

  it('a void and a refund of the same payment at once: one takes effect, never both', async () => {
    for (let round = 0; round < 3; round++) {
      const { inv, paymentId } = await paidByCheck();
      const refund = s.gql(REFUND, { i: { paymentId, amount: 10000, reason: 'Check bounced' } }, a.token);
      const [voided, refunded] = await Promise.all([voidIt(paymentId), refund]);
      expect([!voided.errors, !refunded.errors].filter(Boolean), `round ${round}`).toHaveLength(1);
      expect(
        (await rowsOf(inv.id)).map((r) => r.amount).reduce((x, y) => x + y),
        `round ${round}`,
      ).toBe(0);
      expect(await rowsOf(inv.id), `round ${round}`).toHaveLength(2);
      const loser = voided.errors ? voided : refunded;
      expect(failure(loser).message).toMatch(voided.errors ? /refunded in full/ : /voided/);
    }
  });

  it('refuses, writing nothing: provider money, refunded money, money kept as credit, refunds', async () => {
    const c = s.container;
    const stripeInv = await f.sentInvoice(60);
    const card = { source: PaymentSource.STRIPE, method: PaymentMethod.CARD, externalId: `ch_${Date.now()}` };
    const stripePaid = await payByCheck(c, a.org.id, stripeInv.id, 10000, card);
    const r1 = await expectNoChange(s, () => voidIt(stripePaid.payment.id));
    expect(failure(r1)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
    expect(failure(r1).message).toContain('Stripe');

    const qbInv = await f.sentInvoice(60);
    const qb = { source: PaymentSource.QUICKBOOKS, externalId: `77:${qbInv.id}` };
    const qbPaid = await payByCheck(c, a.org.id, qbInv.id, 10000, qb);
    const r2 = await expectNoChange(s, () => voidIt(qbPaid.payment.id));
    expect(failure(r2)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
    expect(failure(r2).message).toContain('void or delete it there');

    const partly = await paidByCheck();
    const refund = ok(
      await s.gql(REFUND, { i: { paymentId: partly.paymentId, amount: 2500, reason: 'Part went back' } }, a.token),
    ).refundPayment.payment.id as string;
    const r3 = await expectNoChange(s, () => voidIt(partly.paymentId));
    expect(failure(r3)).toMatchObject({ code: 'CONFLICT' });
    expect(failure(r3).message).toContain('USD 25.00 of this payment was refunded already');
    expect(failure(r3).message).toContain('refund of the rest (USD 75.00)');
    const r4 = await expectNoChange(s, () => voidIt(refund));
    expect(failure(r4)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });

    const creditInv = await f.sentInvoice(60);
    await paidThenCredited(c, a.org.id, creditInv, 3000);
    const [kept] = await c.db.query(`SELECT id FROM payments WHERE invoice_id = $1`, [creditInv.id]);
    const r5 = await expectNoChange(s, () => voidIt(kept.id));
    expect(failure(r5)).toMatchObject({ code: 'CONFLICT' });
    expect(failure(r5).message).toContain("kept as the client's credit");
    const seen = ok(await s.gql(PAYMENTS, { id: creditInv.id }, a.token)).invoice;
    expect(seen.payments[0]).toMatchObject({ voidable: false, voided: false });

    const blank = await expectNoChange(s, () => voidIt(partly.paymentId, { reason: '   ' }));
    expect(failure(blank)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it("refuses another org's payment, a portal user, a technician and a read-only token, writing nothing", async () => {
    const { inv, paymentId } = await paidByCheck();
    const theirs = await expectNoChange(s, () => voidIt(paymentId, { token: other.token }));
    expect(failure(theirs)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
    const portal = await portalSession(s, a.org.id, f.client.id);
    const tech = await signedInUser(s, a.org.id, { email: `tech-${Date.now()}@v.test`, name: 'T', role: 'TECHNICIAN' });
    const { token: read } = await s.container.auth.createApiToken(
      a.org.id,
      { ...SYSTEM_ACTOR, id: a.owner.id },
      'read only',
      'read',
    );
    for (const token of [portal, tech, read]) {
      const refused = await expectNoChange(s, () => voidIt(paymentId, { token }));
      expect(failure(refused).code).toBe('FORBIDDEN');
    }
    expect(ok(await s.gql(PAYMENTS, { id: inv.id }, a.token)).invoice).toMatchObject({ status: 'PAID', balanceDue: 0 });
  });

  it('the reason is trimmed before its 200 characters are counted; one too many is refused in words, on reason', async () => {
    const { paymentId } = await paidByCheck();
    const long = await expectNoChange(s, () => voidIt(paymentId, { reason: 'x'.repeat(201) }));
    expect(failure(long)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
      message: 'The reason can be at most 200 characters',
    });
    const padded = ` ${'y'.repeat(200)}\n `;
    const r = ok(await voidIt(paymentId, { reason: padded })).voidPayment;
    expect(r.adjustment.reference).toBe(`Voided: ${'y'.repeat(200)}`);
  });

  it('counts the reason in characters as people do: 200 emoji fit, 201 do not', async () => {
    const { paymentId } = await paidByCheck();
    const long = await expectNoChange(s, () => voidIt(paymentId, { reason: '🧾'.repeat(201) }));
    expect(failure(long)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const r = ok(await voidIt(paymentId, { reason: '🧾'.repeat(200) })).voidPayment;
    expect(r.adjustment.reference).toBe(`Voided: ${'🧾'.repeat(200)}`);
  });

  it('a refund of a voided payment is refused, saying it was voided', async () => {
    const { paymentId } = await paidByCheck();
    ok(await voidIt(paymentId));
    const refused = await expectNoChange(s, () =>
      s.gql(REFUND, { i: { paymentId, amount: 100, reason: 'Check bounced' } }, a.token),
    );
    expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paymentId' });
    expect(failure(refused).message).toContain('voided');
  });
});
