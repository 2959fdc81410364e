import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import {
  KEPT_AS_CREDIT_FROM_EXCEPTIONS,
  VOID_CREDIT_TO_CLIENT_CREDIT,
} from './migrations/0034-money-kept-for-client.migration.js';
import { BALANCE_WITHOUT_KEPT_CREDIT } from '../invoices/migrations/0036-kept-credit-pays-nothing.migration.js';

const s = settleForFile({ worker: false });
const { a, f } = billedOrgForFile(s, 'Kept Org', { catalogPrice: 10000 });
/** A 100.00 invoice sent to a client of its own (so one test's client credit never meets another's). */
const sentToNewClient = async () =>
  (await billingFixture(s.container, a.org.id, { catalogPrice: 10000 })).sentInvoice(60);

const MONEY = `query($id:ID!){invoice(id:$id){status amountPaid amountKeptAsCredit balanceDue heldAmount creditableAmount
  client{creditBalance{currency amount}} payments{amount keptAsCredit} creditMemos{amount toClientCredit}}}`;
const money = async (id: string) => ok(await s.gql(MONEY, { id }, a.token)).invoice;
const MEMO = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){creditMemo{amount toClientCredit}}}`;
const memo = (invoiceId: string, amount: number, extra: object = {}) =>
  s.gql(MEMO, { i: { invoiceId, amount, reason: 'Credit', ...extra } }, a.token);
const VOID_KEEPING_CREDIT = `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:CREDIT}){status amountCredited}}`;

/** A 100.00 invoice of its own client paid 40.00 by check, then voided keeping the 40.00 as the client's credit. */
async function voidedKeepingCredit() {
  const inv = await sentToNewClient();
  await payByCheck(s.container, a.org.id, inv.id, 4000);
  ok(await s.gql(VOID_KEEPING_CREDIT, { id: inv.id }, a.token));
  return inv;
}

/** Closes the payment's exception (its excess past the balance) keeping the money as client credit. */
async function keepExcessAsCredit(paymentId: string) {
  const [exc] = (await s.container.db.query(`SELECT id FROM payment_exceptions WHERE payment_id = $1`, [
    paymentId,
  ])) as Array<{ id: string }>;
  ok(await s.gql(`mutation($id:ID!){keepPaymentExceptionAsCredit(id:$id){status}}`, { id: exc!.id }, a.token));
}

describe('money kept for the client', () => {
  it('a void keeping the money as credit gives the client credit to spend, and holds nothing more', async () => {
    const inv = await voidedKeepingCredit();
    expect(await money(inv.id)).toMatchObject({
      status: 'VOID',
      amountPaid: 4000,
      heldAmount: 0,
      creditableAmount: 0,
      client: { creditBalance: [{ currency: 'USD', amount: 4000 }] },
      creditMemos: [{ amount: 4000, toClientCredit: true }],
    });
    // Nothing left to credit again: the money is the client's already.
    const again = await expectNoChange(s, () => memo(inv.id, 1, { toClientCredit: true }));
    expect(failure(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
  });

  it('a void keeping the money as credit leaves what an earlier memo owes back to be refunded', async () => {
    const inv = await sentToNewClient();
    const { payment } = await payByCheck(s.container, a.org.id, inv.id, 10000);
    ok(await memo(inv.id, 3000)); // 30.00 owed back to the client, not refunded yet
    // The check was 50.00, the books say: the invoice is open again (20.00 due), 50.00 held, 30.00 of it owed back.
    const actor = { type: 'SYSTEM', id: null, label: 'QuickBooks', source: 'quickbooks' } as const;
    const input = { paymentId: payment.id, amount: 5000, externalId: `edit-${payment.id}`, reference: 'Check edited' };
    await s.container.settlement.adjust(a.org.id, actor, { ...input, source: 'QUICKBOOKS' });
    expect(ok(await s.gql(VOID_KEEPING_CREDIT, { id: inv.id }, a.token)).voidInvoice.status).toBe('VOID');
    expect(await money(inv.id)).toMatchObject({
      heldAmount: 3000,
      creditableAmount: 0,
      client: { creditBalance: [{ currency: 'USD', amount: 2000 }] },
      creditMemos: [
        { amount: 3000, toClientCredit: false },
        { amount: 2000, toClientCredit: true },
      ],
    });
    await payByCheck(s.container, a.org.id, inv.id, -3000, { externalId: `returned-${inv.id}` });
    expect(await money(inv.id)).toMatchObject({ heldAmount: 0, creditableAmount: 0 });
  });

  it('money kept on a void invoice can go to the client’s credit later, once', async () => {
    const inv = await f.sentInvoice(60);
    await payByCheck(s.container, a.org.id, inv.id, 4000);
    ok(
      await s.gql(
        `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:KEEP,note:"Deciding with the client"}){status}}`,
        { id: inv.id },
        a.token,
      ),
    );
    expect(await money(inv.id)).toMatchObject({ heldAmount: 4000, creditableAmount: 4000 });
    expect(ok(await memo(inv.id, 4000, { toClientCredit: true })).issueCreditMemo.creditMemo.toClientCredit).toBe(true);
    expect(await money(inv.id)).toMatchObject({ heldAmount: 0, creditableAmount: 0 });
    expect(failure(await memo(inv.id, 1, { toClientCredit: true }))).toMatchObject({ field: 'amount' });
  });

  it('an overpayment kept as credit is not credited back a second time', async () => {
    const inv = await f.sentInvoice(60);
    const { payment } = await payByCheck(s.container, a.org.id, inv.id, 11000, { allowOverpayment: true });
    await keepExcessAsCredit(payment.id);
    expect(await money(inv.id)).toMatchObject({
      amountPaid: 11000,
      heldAmount: 10000,
      creditableAmount: 10000,
      payments: [{ amount: 11000, keptAsCredit: 1000 }],
    });
    const tooMuch = await expectNoChange(s, () => memo(inv.id, 10001, { toClientCredit: true }));
    expect(failure(tooMuch)).toMatchObject({
      field: 'amount',
      message: `At most USD 100.00 can be credited on ${inv.number}`,
    });
    ok(await memo(inv.id, 10000, { toClientCredit: true }));
  });

  it('an open exception’s excess is not credited by a memo, and is not kept once given back another way', async () => {
    const inv = await sentToNewClient();
    const { payment } = await payByCheck(s.container, a.org.id, inv.id, 11000, { allowOverpayment: true });
    expect(await money(inv.id)).toMatchObject({ heldAmount: 10000, creditableAmount: 10000 });
    expect(failure(await memo(inv.id, 11000, { toClientCredit: true })).field).toBe('amount');
    ok(await memo(inv.id, 10000, { toClientCredit: true }));
    await keepExcessAsCredit(payment.id);
    expect((await money(inv.id)).client.creditBalance).toEqual([{ currency: 'USD', amount: 11000 }]);

    // The whole check handed back outside Settle while its exception was open: nothing is left to keep.
    const back = await sentToNewClient();
    const over = await payByCheck(s.container, a.org.id, back.id, 11000, { allowOverpayment: true });
    await payByCheck(s.container, a.org.id, back.id, -11000, { externalId: 'returned-check' });
    const [exc] = (await s.container.db.query(`SELECT id FROM payment_exceptions WHERE payment_id = $1`, [
      over.payment.id,
    ])) as Array<{ id: string }>;
    const keep = await expectNoChange(s, () =>
      s.gql(`mutation($id:ID!){keepPaymentExceptionAsCredit(id:$id){status}}`, { id: exc!.id }, a.token),
    );
    expect(failure(keep)).toMatchObject({ code: 'CONFLICT' });
    expect(failure(keep).message).toContain('USD 10.00 of this excess went back to the client already');
  });

  it('portal users do not see what staff may still refund or credit', async () => {
    const inv = await f.sentInvoice(60);
    const portal = await portalSession(s, a.org.id, inv.clientId);
    const r = await s.gql(`query($id:ID!){invoice(id:$id){heldAmount}}`, { id: inv.id }, portal);
    expect(failure(r).code).toBe('FORBIDDEN');
  });

  it('the upgrade backfills overpayments kept as credit and voids that kept money as credit', async () => {
    const inv = await voidedKeepingCredit();
    const refunded = await voidedKeepingCredit();
    const over = await f.sentInvoice(60);
    const { payment } = await payByCheck(s.container, a.org.id, over.id, 11000, { allowOverpayment: true });
    await keepExcessAsCredit(payment.id);
    const ids = [inv.id, refunded.id, over.id];
    const facts = async () =>
      s.container.db.query(
        `SELECT i.id,
                (SELECT array_agg(p.kept_as_credit::int ORDER BY p.created_at) FROM payments p WHERE p.invoice_id = i.id) AS kept,
                (SELECT array_agg(m.to_client_credit) FROM credit_memos m WHERE m.invoice_id = i.id) AS to_credit,
                (SELECT COALESCE(SUM(c.amount), 0)::int FROM client_credits c WHERE c.invoice_id = i.id AND c.source = 'CREDIT_MEMO') AS granted
           FROM invoices i WHERE i.id = ANY($1) ORDER BY i.number`,
        [ids],
      );
    const expected = await facts();
    // As a database from before: no kept amounts, void memos plain and never granted; one void invoice
    // refunded since (its money given back already) must not be granted now.
    await s.container.db.query(`UPDATE payments SET kept_as_credit = 0 WHERE invoice_id = ANY($1)`, [ids]);
    await s.container.db.query(`DELETE FROM client_credits WHERE invoice_id = ANY($1) AND source = 'CREDIT_MEMO'`, [
      [inv.id, refunded.id],
    ]);
    await s.container.db.query(`UPDATE credit_memos SET to_client_credit = false WHERE invoice_id = ANY($1)`, [
      [inv.id, refunded.id],
    ]);
    await s.container.db.query(`UPDATE invoices SET amount_paid = 0 WHERE id = $1`, [refunded.id]);
    await s.container.db.query(KEPT_AS_CREDIT_FROM_EXCEPTIONS);
    await s.container.db.query(VOID_CREDIT_TO_CLIENT_CREDIT);
    await s.container.db.query(VOID_CREDIT_TO_CLIENT_CREDIT); // twice: once per memo
    const after = await facts();
    expect(after.find((r: { id: string }) => r.id === inv.id)).toEqual(
      expected.find((r: { id: string }) => r.id === inv.id),
    );
    expect(after.find((r: { id: string }) => r.id === over.id)).toEqual(
      expected.find((r: { id: string }) => r.id === over.id),
    );
    expect(after.find((r: { id: string }) => r.id === refunded.id)).toMatchObject({ to_credit: [false], granted: 0 });
  });

  it('money kept as the client’s credit pays nothing on its invoice: a refund of the rest leaves that much due', async () => {
    const inv = await sentToNewClient();
    await payByCheck(s.container, a.org.id, inv.id, 10000);
    ok(await memo(inv.id, 3000, { toClientCredit: true }));
    expect(await money(inv.id)).toMatchObject({ status: 'PAID', amountKeptAsCredit: 3000, heldAmount: 7000 });
    await payByCheck(s.container, a.org.id, inv.id, -7000, { externalId: `returned-${inv.id}` });
    // 30.00 credited (the client's to spend) and 70.00 given back: the client owes the other 70.00.
    expect(await money(inv.id)).toMatchObject({
      status: 'PARTIALLY_PAID',
      amountPaid: 3000,
      amountKeptAsCredit: 3000,
      balanceDue: 7000,
      heldAmount: 0,
      client: { creditBalance: [{ currency: 'USD', amount: 3000 }] },
    });

    // An overpayment kept as credit, then the rest of the check handed back: all 100.00 is owed again.
    const over = await sentToNewClient();
    const { payment } = await payByCheck(s.container, a.org.id, over.id, 11000, { allowOverpayment: true });
    await keepExcessAsCredit(payment.id);
    expect(await money(over.id)).toMatchObject({ status: 'PAID', balanceDue: 0, heldAmount: 10000 });
    await payByCheck(s.container, a.org.id, over.id, -10000, { externalId: `returned-${over.id}` });
    expect(await money(over.id)).toMatchObject({ status: 'SENT', amountPaid: 1000, balanceDue: 10000 });

    // The other order: the 100.00 handed back first, then the excess kept: the balance moves, audited.
    const later = await sentToNewClient();
    const check = await payByCheck(s.container, a.org.id, later.id, 11000, { allowOverpayment: true });
    await payByCheck(s.container, a.org.id, later.id, -10000, { externalId: `returned-${later.id}` });
    expect(await money(later.id)).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 9000 });
    await keepExcessAsCredit(check.payment.id);
    expect(await money(later.id)).toMatchObject({ status: 'SENT', balanceDue: 10000, amountKeptAsCredit: 1000 });
    const [audit] = await s.container.db.query(
      `SELECT before->>'balanceDue' AS before, after->>'balanceDue' AS after FROM audit_events
        WHERE entity_id = $1 AND action = 'invoice.kept_as_credit'`,
      [later.id],
    );
    expect(audit).toEqual({ before: '9000', after: '10000' });
  });

  it('the upgrade corrects balances that counted money kept as credit as paid, with an audit row', async () => {
    const inv = await sentToNewClient();
    await payByCheck(s.container, a.org.id, inv.id, 10000);
    ok(await memo(inv.id, 3000, { toClientCredit: true }));
    await payByCheck(s.container, a.org.id, inv.id, -7000, { externalId: `returned-${inv.id}` });
    const paid = await sentToNewClient();
    await payByCheck(s.container, a.org.id, paid.id, 10000);
    ok(await memo(paid.id, 3000, { toClientCredit: true }));
    // Left paid by the old rule, owing 20.00 by the new one: the upgrade does not reopen it, it flags it.
    const review = await sentToNewClient();
    await payByCheck(s.container, a.org.id, review.id, 10000);
    ok(await memo(review.id, 3000, { toClientCredit: true }));
    await payByCheck(s.container, a.org.id, review.id, -2000, { externalId: `returned-${review.id}` });
    const ids = [inv.id, paid.id];
    const state = () =>
      s.container.db.query(
        `SELECT id, status, balance_due::int AS balance, amount_kept_as_credit::int AS kept, paid_at IS NOT NULL AS paid
           FROM invoices WHERE id = ANY($1) ORDER BY number`,
        [ids],
      );
    const expected = await state();
    // As the old code left them: nothing kept, the balance counting the kept 30.00 as paid.
    await s.container.db.query(
      `UPDATE invoices SET amount_kept_as_credit = 0, balance_due = GREATEST(0, total - amount_paid - amount_credited),
              status = CASE WHEN total - amount_paid - amount_credited <= 0 THEN 'PAID' ELSE 'PARTIALLY_PAID' END
        WHERE id = ANY($1)`,
      [[...ids, review.id]],
    );
    expect((await state())[0]).toMatchObject({ balance: 4000, kept: 0 });
    await s.container.db.query(BALANCE_WITHOUT_KEPT_CREDIT);
    expect(await state()).toEqual(expected);
    const [flagged] = await s.container.db.query(
      `SELECT i.status, i.balance_due::int AS balance, a.after->>'owed' AS owed
         FROM invoices i JOIN audit_events a ON a.entity_id = i.id AND a.action = 'invoice.balance_review' WHERE i.id = $1`,
      [review.id],
    );
    expect(flagged).toEqual({ status: 'PAID', balance: 0, owed: '2000' });
    const audits = (await s.container.db.query(
      `SELECT entity_id, before, after FROM audit_events WHERE action = 'invoice.balance_corrected' AND entity_id = ANY($1)`,
      [ids],
    )) as Array<{ entity_id: string; before: object; after: object }>;
    expect(audits).toEqual([
      {
        entity_id: inv.id,
        before: { status: 'PARTIALLY_PAID', balanceDue: 4000 },
        after: expect.objectContaining({ status: 'PARTIALLY_PAID', balanceDue: 7000, amountKeptAsCredit: 3000 }),
      },
    ]);
  });
});
