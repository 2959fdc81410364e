import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck, portalSession, signedInUser } from '../../../test/fixtures.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Credit Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Acme' }));

const CREDIT = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){creditMemo{id amount} invoice{status balanceDue}}}`;
const APPLY = `mutation($id:ID!,$amount:Money){applyClientCredit(invoiceId:$id,amount:$amount){
  entry{amount source creditMemoId invoiceId} creditMemo{amount reason} invoice{id status balanceDue amountCredited creditApplied}}}`;
const BALANCE = `query($id:ID!){client(id:$id){creditBalance{currency amount}}}`;
const LEDGER = `query($id:ID!){client(id:$id){creditLedger{amount source creditMemoId paymentExceptionId invoice{number}}}}`;
const KEEP = `mutation($id:ID!){keepPaymentExceptionAsCredit(id:$id){id status resolutionNote}}`;
const SETTINGS = `mutation($i:ClientCreditSettingsInput!){updateClientCreditSettings(input:$i){clientId applyCreditAutomatically overridden}}`;

const apply = (invoiceId: string, amount?: number, token = a.token) => s.gql(APPLY, { id: invoiceId, amount }, token);
const balanceOf = async (clientId: string, token = a.token) =>
  ok(await s.gql(BALANCE, { id: clientId }, token)).client.creditBalance as Array<{ currency: string; amount: number }>;
const ledgerSum = async (clientId: string) =>
  Number(
    (
      await s.container.db.query(
        `SELECT COALESCE(SUM(amount),0)::bigint AS b FROM client_credits WHERE client_id = $1`,
        [clientId],
      )
    )[0].b,
  );

/** A paid invoice of 100.00 with `amount` of it credited to the client's account. */
async function creditFromPaidInvoice(fx = f, amount = 3000, token = a.token, orgId = a.org.id) {
  const inv = await fx.sentInvoice(60);
  await payByCheck(s.container, orgId, inv.id, inv.total);
  return ok(await s.gql(CREDIT, { i: { invoiceId: inv.id, amount, reason: 'Goodwill', toClientCredit: true } }, token))
    .issueCreditMemo;
}

describe('client credit', () => {
  it('a credit memo on a PAID invoice with toClientCredit becomes client credit; on an open invoice it is refused', async () => {
    const before = await ledgerSum(f.client.id);
    const memo = await creditFromPaidInvoice(f, 3000);
    expect(memo.invoice.status).toBe('PAID');
    expect(await ledgerSum(f.client.id)).toBe(before + 3000);
    const ledger = ok(await s.gql(LEDGER, { id: f.client.id }, a.token)).client.creditLedger;
    expect(ledger[0]).toMatchObject({ amount: 3000, source: 'CREDIT_MEMO', creditMemoId: memo.creditMemo.id });

    const open = await f.sentInvoice(60);
    const err = failure(
      await expectNoChange(s, () =>
        s.gql(CREDIT, { i: { invoiceId: open.id, amount: 1000, reason: 'x', toClientCredit: true } }, a.token),
      ),
    );
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toClientCredit' });
    // Replaying the grant of the same memo writes nothing more (unique on the memo).
    await s.container.db.transaction(async (tx) => {
      const { clientCreditsOf } = await import('./client-credits.services.js');
      const row = await tx.query(`SELECT * FROM credit_memos WHERE id = $1`, [memo.creditMemo.id]);
      const replay = await clientCreditsOf(s.container).credits.grantFromCreditMemoIn(tx, SYSTEM_ACTOR, {
        id: row[0].id,
        orgId: row[0].org_id,
        clientId: row[0].client_id,
        invoiceId: row[0].invoice_id,
        amount: Number(row[0].amount),
        currency: row[0].currency,
      } as never);
      expect(replay).toBeNull();
    });
    expect(await ledgerSum(f.client.id)).toBe(before + 3000);
  });

  it('an overpayment exception is kept as client credit, once', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Over' });
    const inv = await fx.sentInvoice(60);
    const paid = await payByCheck(s.container, a.org.id, inv.id, 12500, { allowOverpayment: true });
    expect(paid.exception).toMatchObject({ kind: 'OVERPAID', excess: 2500 });
    const [exc] = await s.container.db.query(`SELECT id FROM payment_exceptions WHERE invoice_id = $1`, [inv.id]);
    const kept = ok(await s.gql(KEEP, { id: exc.id }, a.token)).keepPaymentExceptionAsCredit;
    expect(kept).toMatchObject({ status: 'KEPT_AS_CREDIT', resolutionNote: 'Kept as client credit' });
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 2500 }]);
    const again = failure(await expectNoChange(s, () => s.gql(KEEP, { id: exc.id }, a.token)));
    expect(again).toMatchObject({ code: 'CONFLICT', message: 'This payment exception is already kept as credit' });
    const ledger = ok(await s.gql(LEDGER, { id: fx.client.id }, a.token)).client.creditLedger;
    expect(ledger).toEqual([
      {
        amount: 2500,
        source: 'OVERPAYMENT',
        creditMemoId: null,
        paymentExceptionId: exc.id,
        invoice: { number: inv.number },
      },
    ]);
  });

  it('applied by hand: PARTIALLY_PAID while short of the balance, PAID once it covers it', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Hand' });
    await creditFromPaidInvoice(fx, 3000);
    const inv = await fx.sentInvoice(60);
    const first = ok(await apply(inv.id)).applyClientCredit;
    expect(first.entry).toMatchObject({ amount: -3000, source: 'APPLIED', invoiceId: inv.id });
    expect(first.creditMemo).toEqual({ amount: 3000, reason: 'Client credit applied' });
    expect(first.invoice).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 7000, creditApplied: 3000 });
    expect(await balanceOf(fx.client.id)).toEqual([]);

    await creditFromPaidInvoice(fx, 9000);
    const rest = ok(await apply(inv.id, 7000)).applyClientCredit;
    expect(rest.invoice).toMatchObject({ status: 'PAID', balanceDue: 0, amountCredited: 10000, creditApplied: 10000 });
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 2000 }]);
  });

  it('never more than the balance due or the credit: field errors naming the field, nothing written', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Limits' });
    const inv = await fx.sentInvoice(60);
    expect(failure(await expectNoChange(s, () => apply(inv.id)))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amount',
    });
    await creditFromPaidInvoice(fx, 10000);
    await creditFromPaidInvoice(fx, 5000); // 150.00 of credit, 100.00 due
    const overBalance = failure(await expectNoChange(s, () => apply(inv.id, 10001)));
    expect(overBalance).toMatchObject({ field: 'amount' });
    expect(overBalance.message).toContain('balance due');
    const small = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Small' });
    await creditFromPaidInvoice(small, 1000);
    const smallInv = await small.sentInvoice(60);
    const overCredit = failure(await expectNoChange(s, () => apply(smallInv.id, 2000)));
    expect(overCredit).toMatchObject({ field: 'amount' });
    expect(overCredit.message).toContain('credit');
    expect(failure(await expectNoChange(s, () => apply(inv.id, -5)))).toMatchObject({ field: 'amount' });
    const draft = await fx.draftInvoice(30);
    expect(failure(await expectNoChange(s, () => apply(draft.id)))).toMatchObject({ field: 'invoiceId' });
    // Applying the whole balance leaves the rest of the credit, and a paid invoice takes no more.
    ok(await apply(inv.id));
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 5000 }]);
    expect(failure(await expectNoChange(s, () => apply(inv.id, 100)))).toMatchObject({ field: 'invoiceId' });
  });

  it('voiding an invoice with credit applied gives the credit back, once', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Voided' });
    await creditFromPaidInvoice(fx, 3000);
    const inv = await fx.sentInvoice(60);
    ok(await apply(inv.id));
    expect(await balanceOf(fx.client.id)).toEqual([]);
    await s.container.invoices.void(a.org.id, SYSTEM_ACTOR, inv.id);
    await s.container.invoices.void(a.org.id, SYSTEM_ACTOR, inv.id); // a second void changes nothing
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 3000 }]);
    const ledger = ok(await s.gql(LEDGER, { id: fx.client.id }, a.token)).client.creditLedger;
    expect(ledger.map((r: { source: string; amount: number }) => [r.source, r.amount])).toEqual([
      ['REVERSED', 3000],
      ['APPLIED', -3000],
      ['CREDIT_MEMO', 3000],
    ]);
    // The credit given back can be spent again.
    const next = await fx.sentInvoice(60);
    expect(ok(await apply(next.id)).applyClientCredit.invoice).toMatchObject({ balanceDue: 7000 });
  });

  it('voiding an invoice paid in part after credit was applied asks about the paid part; the credit goes back by itself', async () => {
    const VOID = `mutation($id:ID!,$p:VoidPaymentsInput){voidInvoice(id:$id,payments:$p){status payments{amount}}}`;
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Part Paid' });
    await creditFromPaidInvoice(fx, 4000);
    const inv = await fx.sentInvoice(60);
    ok(await apply(inv.id));
    await payByCheck(s.container, a.org.id, inv.id, 3000);
    const silent = failure(await expectNoChange(s, () => s.gql(VOID, { id: inv.id }, a.token)));
    expect(silent).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payments' });
    expect(silent.message).toContain('USD 30.00 is paid on invoice');
    const voided = ok(await s.gql(VOID, { id: inv.id, p: { handling: 'REFUND', note: 'Check 9 returned' } }, a.token));
    expect(voided.voidInvoice.payments.map((p: { amount: number }) => p.amount).sort()).toEqual([-3000, 3000]);
    expect(await balanceOf(fx.client.id)).toEqual([{ currency: 'USD', amount: 4000 }]);
  });

  it('two concurrent applications never overdraw the credit', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Race' });
    await creditFromPaidInvoice(fx, 5000);
    const one = await fx.sentInvoice(60);
    const two = await fx.sentInvoice(60);
    const [r1, r2] = await Promise.all([apply(one.id, 4000), apply(two.id, 4000)]);
    const oks = [r1, r2].filter((r) => !r.errors);
    expect(oks).toHaveLength(1);
    expect(failure([r1, r2].find((r) => r.errors)!)).toMatchObject({ field: 'amount' });
    expect(await ledgerSum(fx.client.id)).toBe(1000);
    // Both taking "all there is" at once: together they spend exactly the credit, never more.
    const three = await fx.sentInvoice(60);
    await creditFromPaidInvoice(fx, 4000); // 50.00 available
    const [r3, r4] = await Promise.all([apply(two.id), apply(three.id)]);
    expect([r3, r4].filter((r) => !r.errors).length).toBeGreaterThanOrEqual(1);
    expect(await ledgerSum(fx.client.id)).toBe(0);
    const applied = await s.container.db.query(
      `SELECT -SUM(amount)::int AS n FROM client_credits WHERE client_id = $1 AND source = 'APPLIED'`,
      [fx.client.id],
    );
    expect(applied[0].n).toBe(4000 + 5000);
  });

  it('is applied automatically on finalize when the setting is on (org default, client override)', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Auto' });
    await creditFromPaidInvoice(fx, 3000);
    const off = await fx.sentInvoice(60); // default off: nothing applied
    expect(off).toMatchObject({ status: 'SENT', balanceDue: 10000 });

    expect(
      ok(await s.gql(SETTINGS, { i: { applyCreditAutomatically: true } }, a.token)).updateClientCreditSettings,
    ).toEqual({
      clientId: null,
      applyCreditAutomatically: true,
      overridden: false,
    });
    const on = await fx.sentInvoice(60);
    expect(on).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 7000 });
    const row = await s.container.db.query(`SELECT status, balance_due::int AS b FROM invoices WHERE id = $1`, [on.id]);
    expect(row[0]).toEqual({ status: 'PARTIALLY_PAID', b: 7000 });
    expect(await balanceOf(fx.client.id)).toEqual([]);

    // The client opts out: its next invoice keeps its whole balance though it has credit again.
    ok(await s.gql(SETTINGS, { i: { clientId: fx.client.id, applyCreditAutomatically: false } }, a.token));
    await creditFromPaidInvoice(fx, 2000);
    const optedOut = await fx.sentInvoice(60);
    expect(optedOut).toMatchObject({ status: 'SENT', balanceDue: 10000 });
    ok(await s.gql(SETTINGS, { i: { clientId: fx.client.id, applyCreditAutomatically: null } }, a.token));
    const covered = await fx.sentInvoice(10); // 16.67 ≤ 20.00 of credit: paid in full by it
    expect(covered).toMatchObject({ status: 'PAID', balanceDue: 0 });
    ok(await s.gql(SETTINGS, { i: { applyCreditAutomatically: false } }, a.token));
  });

  it('another org or client can neither see nor use the credit; a portal user sees only their own', async () => {
    const fx = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Mine' });
    await creditFromPaidInvoice(fx, 3000);
    const other = await billingFixture(s.container, a.org.id, { catalogPrice: 10000, clientName: 'Neighbour' });
    const otherInv = await other.sentInvoice(60);
    // The credit of one client is not another's.
    expect(failure(await expectNoChange(s, () => apply(otherInv.id)))).toMatchObject({ field: 'amount' });

    const b = await createOrgWithOwner(s, 'Other Org');
    expect(failure(await s.gql(BALANCE, { id: fx.client.id }, b.token)).code).toBe('NOT_FOUND');
    const mine = await fx.sentInvoice(60);
    expect(failure(await expectNoChange(s, () => apply(mine.id, 1000, b.token))).code).toBe('NOT_FOUND');
    const overpaid = await payByCheck(s.container, a.org.id, (await fx.sentInvoice(60)).id, 10500, {
      allowOverpayment: true,
    });
    const [exc] = await s.container.db.query(`SELECT id FROM payment_exceptions WHERE payment_id = $1`, [
      overpaid.payment.id,
    ]);
    expect(failure(await expectNoChange(s, () => s.gql(KEEP, { id: exc.id }, b.token))).code).toBe('NOT_FOUND');
    const otherSettings = { i: { clientId: fx.client.id, applyCreditAutomatically: true } };
    expect(failure(await expectNoChange(s, () => s.gql(SETTINGS, otherSettings, b.token))).code).toBe('NOT_FOUND');
    const billing = await signedInUser(s, a.org.id, { email: 'billing-credit@t.test', name: 'B', role: 'BILLING' });
    expect(failure(await expectNoChange(s, () => s.gql(SETTINGS, otherSettings, billing))).code).toBe('FORBIDDEN');
    expect(ok(await s.gql(BALANCE, { id: fx.client.id }, billing)).client.creditBalance).toEqual([
      { currency: 'USD', amount: 3000 },
    ]);

    const portal = await portalSession(s, a.org.id, fx.client.id);
    expect(await balanceOf(fx.client.id, portal)).toEqual([{ currency: 'USD', amount: 3000 }]);
    expect(failure(await s.gql(BALANCE, { id: other.client.id }, portal)).code).toBe('NOT_FOUND');
    expect(failure(await s.gql(LEDGER, { id: fx.client.id }, portal)).code).toBe('FORBIDDEN');
    expect(failure(await expectNoChange(s, () => apply(mine.id, 1000, portal))).code).toBe('FORBIDDEN');
    const tech = await signedInUser(s, a.org.id, { email: `tech-credit@t.test`, name: 'T', role: 'TECHNICIAN' });
    expect(failure(await s.gql(BALANCE, { id: fx.client.id }, tech)).code).toBe('FORBIDDEN');

    ok(await apply(mine.id, 1000));
    const seen = ok(await s.gql(`query($id:ID!){invoice(id:$id){creditApplied balanceDue}}`, { id: mine.id }, portal));
    expect(seen.invoice).toEqual({ creditApplied: 1000, balanceDue: 9000 });
  });
});
