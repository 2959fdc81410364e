import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { daysFromToday, expectNoChange, failure, ok } from '../../../test/api.js';
import {
  RETURNS_PAID_FROM_AUDIT,
  TO_CLIENT_CREDIT_FROM_LEDGER,
} from './migrations/0033-credit-memo-what-it-credits.migration.js';
import { invoiceRowReader } from './settlement.test-support.js';

const s = settleForFile({ worker: false });
const { a, f } = billedOrgForFile(s, 'Settle Org', { catalogPrice: 10000 });

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){
  payment{id amount kind source method reference receivedOn currency} invoice{status amountPaid balanceDue paidAt}}}`;
const CREDIT = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){creditMemo{amount reason} invoice{status amountPaid amountCredited balanceDue}}}`;
const pay = (invoiceId: string, amount: number, extra: object = {}) =>
  s.gql(PAY, { i: { invoiceId, amount, method: 'CHECK', ...extra } }, a.token);
/** Issues a credit memo of `amount` on the invoice, as the owner. */
const credit = (invoiceId: string, amount: number, reason: string) =>
  s.gql(CREDIT, { i: { invoiceId, amount, reason } }, a.token);
const invoiceRow = invoiceRowReader(s);

describe('recordPayment', () => {
  it('moves SENT → PARTIALLY_PAID → PAID only through the amounts, with audit rows and confirmation emails', async () => {
    const inv = await f.sentInvoice(60); // 100.00
    const first = ok(
      await pay(inv.id, 4000, { reference: 'chk 1001', receivedOn: '2026-11-20', currency: 'usd' }),
    ).recordPayment;
    expect(first.payment).toMatchObject({
      amount: 4000,
      kind: 'PAYMENT',
      source: 'MANUAL',
      method: 'CHECK',
      reference: 'chk 1001',
      receivedOn: '2026-11-20',
      currency: 'USD',
    });
    expect(first.invoice).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: 4000, balanceDue: 6000, paidAt: null });
    const rest = ok(await pay(inv.id, 6000, { method: 'WIRE' })).recordPayment;
    expect(rest.invoice).toMatchObject({ status: 'PAID', amountPaid: 10000, balanceDue: 0 });
    expect(rest.invoice.paidAt).not.toBeNull();

    const audit = (await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: inv.id }, { first: 10 }))
      .nodes;
    const payments = audit.filter((e) => e.action === 'invoice.payment_recorded');
    expect(payments).toHaveLength(2);
    expect(payments[0]).toMatchObject({
      actorType: 'USER',
      actorId: a.owner.id,
      source: 'api',
      before: { status: 'PARTIALLY_PAID', amountPaid: 4000 },
      after: { status: 'PAID', amountPaid: 10000 },
    });
    expect(payments[1]).toMatchObject({
      before: { status: 'SENT', amountPaid: 0 },
      after: { status: 'PARTIALLY_PAID', amountPaid: 4000 },
    });

    const mails = await s.container.db.query(
      `SELECT subject, text_body FROM emails WHERE related_id = $1 AND kind = 'payment_confirmation' ORDER BY created_at`,
      [inv.id],
    );
    expect(mails).toHaveLength(2);
    expect(mails[0].text_body).toContain('USD 40.00');
    expect(mails[1].text_body).toContain('paid in full');

    const listed = ok(await s.gql(`query($id:ID!){payments(invoiceId:$id){nodes{amount}}}`, { id: inv.id }, a.token))
      .payments.nodes;
    expect(listed.map((p: { amount: number }) => p.amount).sort()).toEqual([4000, 6000]);
  });

  it('refuses more than the balance, non-positive amounts, other currencies, card methods, drafts and void invoices, writing nothing', async () => {
    const inv = await f.sentInvoice(60);
    ok(await pay(inv.id, 2500));
    const gen = await (async () => {
      await f.approvedEntry(30, '2026-11-15');
      return s.container.generation.generate(a.org.id, f.actor, {
        clientIds: [f.client.id],
        periodStart: '2026-11-15',
        periodEnd: '2026-11-15',
      });
    })();
    const draft = gen.invoices[0]!;
    const voided = await f.sentInvoice(30);
    await s.container.invoices.void(a.org.id, f.actor, voided.id);

    await expectNoChange(s, async () => {
      const over = failure(await pay(inv.id, 7501));
      expect(over).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      expect(over.message).toContain('USD 75.00');
      expect(failure(await pay(inv.id, -100))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      expect(failure(await pay(inv.id, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
      expect(failure(await pay(inv.id, 100, { currency: 'EUR' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'currency',
      });
      expect(failure(await pay(inv.id, 100, { method: 'CARD' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'method',
      });
      expect(failure(await pay(draft.id, 100))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invoiceId' });
      expect(failure(await pay(voided.id, 100))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'invoiceId' });
      expect(failure(await pay(inv.id, 1.5)).code).toBe('BAD_USER_INPUT');
      // Money not yet received: it would lower the balance now and count in no month's collections until then.
      expect(failure(await pay(inv.id, 100, { receivedOn: daysFromToday(2) }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'receivedOn',
      });
    });
    // A day ahead of UTC is someone's today (east of Greenwich): taken.
    ok(await pay(inv.id, 100, { receivedOn: daysFromToday(1) }));
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'PARTIALLY_PAID', paid: 2600, balance: 7400 });
  });

  it('never overpays under ten concurrent payments of half the balance', async () => {
    const inv = await f.sentInvoice(120); // 200.00
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(inv.id, 10000)));
    const okCount = results.filter((r) => !r.errors).length;
    expect(okCount).toBe(2);
    for (const r of results.filter((x) => x.errors))
      expect(failure(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'PAID', paid: 20000, balance: 0 });
    const [{ n, sum }] = await s.container.db.query(
      `SELECT count(*)::int AS n, sum(amount)::int AS sum FROM payments WHERE invoice_id = $1`,
      [inv.id],
    );
    expect({ n, sum }).toEqual({ n: 2, sum: 20000 });
  });
});

describe('credit memos', () => {
  it('reduce an open balance (at most all of it) and, on PAID or VOID invoices, never exceed what was paid', async () => {
    const open = await f.sentInvoice(60);
    ok(await pay(open.id, 4000));
    await expectNoChange(s, async () => {
      expect(failure(await credit(open.id, 6001, 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    });
    const less = ok(await credit(open.id, 1000, 'Discount')).issueCreditMemo;
    expect(less.invoice).toMatchObject({
      status: 'PARTIALLY_PAID',
      amountPaid: 4000,
      amountCredited: 1000,
      balanceDue: 5000,
    });
    const zero = ok(await credit(open.id, 5000, 'Written off')).issueCreditMemo;
    expect(zero.invoice).toMatchObject({ status: 'PAID', amountPaid: 4000, amountCredited: 6000, balanceDue: 0 });

    const paid = await f.sentInvoice(60);
    ok(await pay(paid.id, 10000));
    expect(failure(await credit(paid.id, 10001, 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(failure(await credit(paid.id, -5, 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const memo = ok(await credit(paid.id, 2000, 'Goodwill')).issueCreditMemo;
    expect(memo).toMatchObject({
      creditMemo: { amount: 2000, reason: 'Goodwill' },
      invoice: { status: 'PAID', amountPaid: 10000, amountCredited: 2000, balanceDue: 0 },
    });
    expect(failure(await credit(paid.id, 8001, 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    // Racing credit memos never credit more than was paid.
    const racing = await Promise.all(Array.from({ length: 6 }, () => credit(paid.id, 3000, 'race')));
    expect(racing.filter((r) => !r.errors)).toHaveLength(2);
    expect(await invoiceRow(paid.id)).toMatchObject({ status: 'PAID', paid: 10000, credited: 8000 });

    // A partly paid invoice that is voided can credit back what was paid.
    const part = await f.sentInvoice(60);
    ok(await pay(part.id, 3000));
    ok(
      await s.gql(
        `mutation($id:ID!){voidInvoice(id:$id,payments:{handling:KEEP,note:"Credited below"}){status}}`,
        { id: part.id },
        a.token,
      ),
    );
    expect(failure(await credit(part.id, 3001, 'x'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const onVoid = ok(await credit(part.id, 3000, 'Cancelled')).issueCreditMemo;
    expect(onVoid.invoice).toMatchObject({ status: 'VOID', amountCredited: 3000 });
    const audit = (await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: part.id }, { first: 10 }))
      .nodes;
    expect(audit.map((e) => e.action)).toEqual([
      'invoice.credit_memo_issued',
      'invoice.voided',
      'invoice.payment_recorded',
      'invoice.sent',
      'invoice.created',
    ]);
    expect(audit[0]).toMatchObject({
      actorType: 'USER',
      before: { amountCredited: 0 },
      after: { amountCredited: 3000 },
    });
  });

  it('voiding an invoice with money on it asks what becomes of the money: kept with a reason, credit, or refunded by hand', async () => {
    const VOID = `mutation($id:ID!,$p:VoidPaymentsInput){voidInvoice(id:$id,payments:$p){status amountPaid amountCredited balanceDue payments{amount reference} creditMemos{amount reason}}}`;
    const voidIt = (id: string, p?: object) => s.gql(VOID, { id, p }, a.token);
    const inv = await f.sentInvoice(60);
    ok(await pay(inv.id, 3000, { method: 'CHECK' }));
    await expectNoChange(s, async () => {
      const silent = failure(await voidIt(inv.id));
      expect(silent).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payments' });
      expect(silent.message).toContain('USD 30.00 is paid on invoice');
      expect(failure(await voidIt(inv.id, { handling: 'KEEP' }))).toMatchObject({ field: 'note' });
      expect(failure(await voidIt(inv.id, { handling: 'REFUND' }))).toMatchObject({ field: 'note' });
    });

    const refunded = ok(await voidIt(inv.id, { handling: 'REFUND', note: 'Check 1042 mailed back' })).voidInvoice;
    expect(refunded).toMatchObject({ status: 'VOID', amountPaid: 0 });
    expect(refunded.payments.map((p: { amount: number }) => p.amount).sort()).toEqual([-3000, 3000]);

    const credited = await f.sentInvoice(60);
    ok(await pay(credited.id, 2500));
    const asCredit = ok(await voidIt(credited.id, { handling: 'CREDIT' })).voidInvoice;
    expect(asCredit).toMatchObject({ status: 'VOID', amountPaid: 2500, amountCredited: 2500 });
    expect(asCredit.creditMemos[0].reason).toMatch(/^Kept as client credit/);

    const kept = await f.sentInvoice(60);
    ok(await pay(kept.id, 1000));
    ok(await voidIt(kept.id, { handling: 'KEEP', note: 'Deposit for the next project' }));
    const [voided] = (
      await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: kept.id }, { first: 1 })
    ).nodes;
    expect(voided).toMatchObject({
      action: 'invoice.voided',
      after: { payments: { handling: 'KEEP', note: 'Deposit for the next project' } },
    });
  });

  it('a void asks about every paid cent, however much of the balance a discount took off', async () => {
    const VOID = `mutation($id:ID!,$p:VoidPaymentsInput){voidInvoice(id:$id,payments:$p){status payments{amount}}}`;
    const inv = await f.sentInvoice(60);
    ok(await credit(inv.id, 2000, 'Goodwill discount')); // lowers what is due: nothing paid goes back
    ok(await pay(inv.id, 5000));
    const silent = failure(await expectNoChange(s, () => s.gql(VOID, { id: inv.id }, a.token)));
    expect(silent).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payments' });
    expect(silent.message).toContain('USD 50.00 is paid on invoice');
    const voided = ok(
      await s.gql(VOID, { id: inv.id, p: { handling: 'REFUND', note: 'Check 88 mailed back' } }, a.token),
    );
    expect(voided.voidInvoice.payments.map((p: { amount: number }) => p.amount).sort()).toEqual([-5000, 5000]);
  });

  it('a credit memo keeps whether it credited money paid and whether it went to client credit, upgraded databases too', async () => {
    const open = await f.sentInvoice(60);
    ok(await credit(open.id, 1000, 'Discount on an open invoice'));
    const owed = await f.sentInvoice(60);
    ok(await pay(owed.id, owed.total));
    ok(await credit(owed.id, 1500, 'Owed back'));
    const kept = await f.sentInvoice(60);
    ok(await pay(kept.id, kept.total));
    ok(await s.gql(CREDIT, { i: { invoiceId: kept.id, amount: 2000, reason: 'Kept', toClientCredit: true } }, a.token));
    const ids = [open.id, owed.id, kept.id];
    const memos = () =>
      s.container.db
        .query(`SELECT invoice_id, to_client_credit FROM credit_memos WHERE invoice_id = ANY($1) ORDER BY amount`, [
          ids,
        ])
        .then((rows: Array<{ invoice_id: string; to_client_credit: boolean }>) =>
          rows.map((r) => [r.invoice_id, r.to_client_credit]),
        );
    const expected = [
      [open.id, false],
      [owed.id, false],
      [kept.id, true],
    ];
    expect(await memos()).toEqual(expected);
    // As a database from before the columns had them: all false, then the migration's backfills.
    await s.container.db.query(
      `UPDATE credit_memos SET returns_paid = false, to_client_credit = false WHERE invoice_id = ANY($1)`,
      [ids],
    );
    await s.container.db.query(RETURNS_PAID_FROM_AUDIT);
    await s.container.db.query(TO_CLIENT_CREDIT_FROM_LEDGER);
    expect(await memos()).toEqual(expected);
  });

  it('does not email a payment confirmation when the org turned it off', async () => {
    ok(
      await s.gql(
        `mutation{updateOrganizationSettings(input:{emailPaymentConfirmation:false}){emailPaymentConfirmation}}`,
        {},
        a.token,
      ),
    );
    const inv = await f.sentInvoice(60);
    ok(await pay(inv.id, 500));
    const mails = await s.container.db.query(
      `SELECT 1 FROM emails WHERE related_id = $1 AND kind = 'payment_confirmation'`,
      [inv.id],
    );
    expect(mails).toHaveLength(0);
    ok(
      await s.gql(
        `mutation{updateOrganizationSettings(input:{emailPaymentConfirmation:true}){emailPaymentConfirmation}}`,
        {},
        a.token,
      ),
    );
  });
});
