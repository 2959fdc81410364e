import { describe, expect, it } from 'vitest';
import { failure } from '../../../test/api.js';
import { forFile } from '../../../test/for-file.js';
import {
  mapStripeClearing,
  qbPayNowStatus,
  runStripePayouts,
  sentEverywhere,
} from '../stripe/payment-artifacts.test-support.js';
import { recordedPayout } from '../quickbooks/quickbooks-payouts.test-support.js';
import * as r from './reconciliation.test-support.js';
import { eventually } from '../../../test/harness.js';
import { reconciliationOf, reconciliationScheduleOf } from './reconciliation.integration.js';
import { nightlyPeriod } from './reconciliation-schedule.js';

// Each kind of divergence is made the way a person makes it, directly in QuickBooks or in Stripe's
// dashboard (the real SDKs against the emulators); the reconciliation finds it and Settle's fix clears it.
const w = forFile(r.startBothWorld, 'Settle, Stripe and QuickBooks');

const byInvoice = (run: r.RunResult, invoiceId: string) =>
  run.discrepancies
    .filter((d) => d.invoiceId === invoiceId)
    .map((d) => d.type)
    .sort();

/**
 * An invoice sent to Stripe and QuickBooks and paid in QuickBooks while Stripe refuses what Settle sends
 * to close its Stripe invoice (`outage`, for the caller to stop), and the run that finds it open there.
 */
async function paidInQuickBooksWhileStripeRefuses() {
  const o = await r.reconciledOrg(w);
  const sent = await sentEverywhere(w, o);
  await r.quickBooksCaughtUp(w, o);
  // Stripe refuses what Settle sends once the client has paid in QuickBooks (paid out of band, or a void).
  const closing = [`/v1/invoices/${sent.stripeInvoiceId}/void`, `/v1/invoices/${sent.stripeInvoiceId}/pay`];
  const outage = w.proxy.fail((m, p) => m === 'POST' && closing.some((x) => p.startsWith(x)));
  try {
    const link = (await (await r.inQuickBooks(w)).get('Invoice', sent.qbInvoiceId!)).InvoiceLink as string;
    expect(await qbPayNowStatus(link)).toBe(200);
    await eventually(
      async () => (await w.settle.container.invoices.get({ orgId: o.org.id }, sent.invoice.id)).status === 'PAID',
      'the QuickBooks payment to settle the invoice',
    );
    await r.quickBooksCaughtUp(w, o);
    return { o, sent, outage, run: await r.runReconciliation(w, o, sent.invoice.issueDate) };
  } catch (err) {
    outage.stop();
    throw err;
  }
}

describe('three-way reconciliation', () => {
  it('finds what was changed in QuickBooks, fixes what Settle can, and confirms it with a re-check', async () => {
    const o = await r.reconciledOrg(w);
    const qb = await r.inQuickBooks(w);
    const c = w.settle.container;

    const agreeing = await r.paidByCard(w, o);
    const edited = await r.paidByCard(w, o);
    const paymentDeleted = await r.paidByCard(w, o);
    const feeDeleted = await r.paidByCard(w, o);
    const voidedInQb = await sentEverywhere(w, o);
    // Sent by email and Stripe only, while QuickBooks is connected: the books never got it.
    const notInQb = await o.fx.sentInvoice(60, { destinations: ['EMAIL'] });
    await r.quickBooksCaughtUp(w, o);
    const day = agreeing.invoice.issueDate;

    const clean = await r.runReconciliation(w, o, day);
    expect(clean.discrepancies.map((d) => [d.type, d.invoiceId])).toEqual([['MISSING_IN_QUICKBOOKS', notInQb.id]]);

    await qb.editInvoiceAmount(edited.qbInvoiceId!, 120);
    const payment = (await c.payments.byInvoices(o.org.id, [paymentDeleted.invoice.id]))[0]!;
    await qb.deletePayment(await r.qbLink(w, o.org.id, 'PAYMENT', payment.id));
    const feePayment = (await c.payments.byInvoices(o.org.id, [feeDeleted.invoice.id]))[0]!;
    await qb.deletePurchase(await r.qbLink(w, o.org.id, 'STRIPE_FEE', feePayment.externalId!));
    await qb.voidInvoice(voidedInQb.qbInvoiceId!);

    const run = await r.runReconciliation(w, o, day);
    expect(run.systems).toEqual(['SETTLE', 'STRIPE', 'QUICKBOOKS']);
    expect(byInvoice(run, agreeing.invoice.id)).toEqual([]);
    expect(byInvoice(run, edited.invoice.id)).toEqual(['AMOUNT_MISMATCH']);
    expect(byInvoice(run, paymentDeleted.invoice.id)).toEqual(['BALANCE_MISMATCH', 'MISSING_PAYMENT_IN_QUICKBOOKS']);
    expect(byInvoice(run, feeDeleted.invoice.id)).toEqual(['FEE_MISSING']);
    expect(byInvoice(run, voidedInQb.invoice.id)).toEqual(['STATUS_MISMATCH']);
    expect(byInvoice(run, notInQb.id)).toEqual(['MISSING_IN_QUICKBOOKS']);
    expect(run.discrepancyCount).toBe(6);
    const amountMismatch = run.discrepancies.find((d) => d.type === 'AMOUNT_MISMATCH')!;
    expect(amountMismatch).toMatchObject({
      settleAmount: 10000,
      quickBooksAmount: 12000,
      fix: 'UPDATE_QUICKBOOKS_INVOICE',
    });
    // List reads only: a handful of calls for six invoices, not one per invoice.
    expect(run.quickBooksCalls).toBe(5);
    expect(run.stripeCalls).toBe(5);

    // Fixing is for admins; what needs a person is refused.
    const billing = await w.settle.gql(
      `mutation($id: ID!) { fixReconciliationDiscrepancy(id: $id) { id } }`,
      { id: amountMismatch.id },
      o.apiToken,
    );
    expect(failure(billing).code).toBe('FORBIDDEN');
    const human = run.discrepancies.find((d) => d.type === 'STATUS_MISMATCH')!;
    expect(human.fix).toBeNull();
    expect(failure(await r.fixDiscrepancy(w, o.token, human.id)).code).toBe('CONFLICT');

    // Each Fix double-clicked: both requests answer FIXING, and the fix is applied once (one audit entry each, below).
    for (const d of run.discrepancies.filter((x) => x.fix)) {
      for (const fixed of await Promise.all([1, 2].map(() => r.fixDiscrepancy(w, o.token, d.id)))) {
        expect(fixed.errors).toBeUndefined();
        expect(fixed.data.fixReconciliationDiscrepancy.status).toBe('FIXING');
      }
    }
    await r.recheckAfterFixes(w, o, run.id);

    const after = await w.settle.gql(
      `query($id: ID!) { reconciliationRun(id: $id) { discrepancies { type status fixResult } } }`,
      { id: run.id },
      o.token,
    );
    const statuses = Object.fromEntries(
      (after.data.reconciliationRun.discrepancies as Array<{ type: string; status: string }>).map((d) => [
        d.type,
        d.status,
      ]),
    );
    expect(statuses).toEqual({
      AMOUNT_MISMATCH: 'FIXED',
      MISSING_PAYMENT_IN_QUICKBOOKS: 'FIXED',
      BALANCE_MISMATCH: 'FIXED',
      FEE_MISSING: 'FIXED',
      MISSING_IN_QUICKBOOKS: 'FIXED',
      STATUS_MISMATCH: 'OPEN',
    });
    expect((await qb.get('Invoice', edited.qbInvoiceId!)).TotalAmt).toBe(100);
    const audit = await c.db.query(
      `SELECT action FROM audit_events WHERE org_id = $1 AND entity_type = 'reconciliation_discrepancy' ORDER BY created_at`,
      [o.org.id],
    );
    expect(audit.filter((a: { action: string }) => a.action === 'reconciliation.fix')).toHaveLength(4);
    // Five in this run, and the same MISSING_IN_QUICKBOOKS the first run found: fixed there too (else Fix could push it again).
    expect(audit.filter((a: { action: string }) => a.action === 'reconciliation.confirmed-fixed')).toHaveLength(6);
    expect((await r.discrepancyStatuses(w, o, clean.id)).map((d) => d.status)).toEqual(['FIXED']);

    const again = await r.runReconciliation(w, o, day);
    expect(again.discrepancies.map((d) => d.type)).toEqual(['STATUS_MISMATCH']);
  });

  it('finds what was done in the Stripe dashboard while Settle was not listening', async () => {
    const o = await r.reconciledOrg(w);
    const refunded = await r.paidByCard(w, o);
    const paidOutOfBand = await sentEverywhere(w, o);
    const voidedInStripe = await sentEverywhere(w, o);
    await r.quickBooksCaughtUp(w, o);
    // The person removes Settle's webhook endpoint in the dashboard, then works there.
    for (const ep of (await o.stripe.webhookEndpoints.list()).data) await o.stripe.webhookEndpoints.del(ep.id);
    const pi = (await o.stripe.invoices.retrieve(refunded.stripeInvoiceId, { expand: ['payments'] })).payments!.data[0]!
      .payment.payment_intent as string;
    const refund = await o.stripe.refunds.create({ payment_intent: pi, amount: 2500 });
    await o.stripe.invoices.pay(paidOutOfBand.stripeInvoiceId, { paid_out_of_band: true });
    await o.stripe.invoices.voidInvoice(voidedInStripe.stripeInvoiceId);

    const run = await r.runReconciliation(w, o, refunded.invoice.issueDate);
    expect(run.discrepancies.map((d) => [d.type, d.invoiceId, d.stripeAmount, d.fix])).toEqual([
      ['PAID_IN_STRIPE_NOT_IN_SETTLE', paidOutOfBand.invoice.id, 10000, null],
      ['REFUND_MISSING_IN_SETTLE', refunded.invoice.id, 2500, null],
      ['STATUS_MISMATCH', voidedInStripe.invoice.id, 10000, null],
    ]);
    expect(run.discrepancies[1]!.subject).toContain(refund.id);

    // The CSV carries the same rows, for the same callers.
    const csv = await fetch(`${w.settle.url}${run.csvUrl}`, { headers: { authorization: `Bearer ${o.apiToken}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('Refund missing in Settle');
    expect((await fetch(`${w.settle.url}${run.csvUrl}`)).status).toBe(401);
    const other = await r.reconciledOrg(w);
    const foreign = await fetch(`${w.settle.url}${run.csvUrl}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(foreign.status).toBe(404);
  });

  it('the nightly run covers every connected org, emails its admins what it found, and is what the books claim reads', async () => {
    const o = await r.reconciledOrg(w);
    const qb = await r.inQuickBooks(w);
    const sent = await sentEverywhere(w, o);
    await r.quickBooksCaughtUp(w, o);
    const latest = `{ reconciliationRuns(first: 1) {nodes{ trigger periodFrom periodTo openDiscrepancyCount(system: QUICKBOOKS) }} }`;
    expect((await w.settle.gql(latest, {}, o.token)).data.reconciliationRuns.nodes).toEqual([]);
    await qb.voidInvoice(sent.qbInvoiceId!);

    // The night after the invoice was issued: the run covers the days up to yesterday.
    const tomorrow = new Date(Date.parse(`${sent.invoice.issueDate}T12:00:00Z`) + 86_400_000);
    expect(nightlyPeriod(tomorrow, 31)).toEqual({
      from: new Date(tomorrow.getTime() - 31 * 86_400_000).toISOString().slice(0, 10),
      to: sent.invoice.issueDate,
    });
    expect(await reconciliationScheduleOf(w.settle.container).nightly(tomorrow)).toBeGreaterThanOrEqual(1);
    const [run] = await eventually(async () => {
      const rows = (await w.settle.gql(latest, {}, o.token)).data.reconciliationRuns.nodes;
      return rows.length ? rows : null;
    }, 'the scheduled run of the org');
    expect(run).toMatchObject({ trigger: 'SCHEDULED', periodTo: sent.invoice.issueDate, openDiscrepancyCount: 1 });
    const mails = await eventually(async () => {
      const rows = await w.settle.container.db.query(
        `SELECT to_address, subject, text_body AS text FROM emails WHERE org_id = $1 AND kind = 'reconciliation'`,
        [o.org.id],
      );
      return rows.length ? rows : null;
    }, 'the admins email');
    expect(mails).toHaveLength(1);
    expect(mails[0].to_address).toBe(o.owner.email);
    expect(mails[0].subject).toBe('Reconciliation: 1 discrepancy to look at');
    expect(mails[0].text).toContain('voided in QuickBooks');
  });

  it('a payout whose Deposit was deleted in QuickBooks is found and booked again', async () => {
    const o = await r.reconciledOrg(w);
    await mapStripeClearing(w, o);
    const sent = await r.paidByCard(w, o);
    const [payout, ...more] = await runStripePayouts(w, o);
    expect(more).toEqual([]);
    const recorded = await recordedPayout(w, o, payout!.id);
    await r.quickBooksCaughtUp(w, o);
    const depositId = await r.qbLink(w, o.org.id, 'PAYOUT', recorded.id);
    const day = sent.invoice.issueDate;
    expect((await r.runReconciliation(w, o, day)).discrepancies).toEqual([]);

    const qb = await r.inQuickBooks(w);
    await qb.deleteDeposit(depositId);
    const run = await r.runReconciliation(w, o, day);
    expect(run.discrepancies.map((d) => [d.type, d.fix, d.settleAmount, d.quickBooksAmount, d.invoiceId])).toEqual([
      ['PAYOUT_MISSING_IN_QUICKBOOKS', 'PUSH_DEPOSIT_TO_QUICKBOOKS', 10000 - 320, null, null],
    ]);
    const [d] = run.discrepancies;
    expect(d!.label).toBe('Payout deposit missing in QuickBooks');
    expect(d!.detail).toContain(`${payout!.id} of USD 96.80`);
    expect(d!.detail).toContain('was deleted in QuickBooks');

    expect((await r.fixDiscrepancy(w, o.token, d!.id)).errors).toBeUndefined();
    await r.recheckAfterFixes(w, o, run.id);
    expect(await r.discrepancyStatuses(w, o, run.id)).toEqual([{ status: 'FIXED' }]);
    const again = await r.qbLink(w, o.org.id, 'PAYOUT', recorded.id);
    expect(again).not.toBe(depositId);
    expect(await qb.get('Deposit', again)).toMatchObject({ TotalAmt: 96.8, TxnDate: recorded.arrivalDate });
  });

  it('a payout Stripe paid while Settle was not listening is recorded from Stripe by the fix, then booked', async () => {
    const o = await r.reconciledOrg(w);
    await mapStripeClearing(w, o);
    const sent = await r.paidByCard(w, o);
    for (const ep of (await o.stripe.webhookEndpoints.list()).data) await o.stripe.webhookEndpoints.del(ep.id);
    const [payout] = await runStripePayouts(w, o);
    const run = await r.runReconciliation(w, o, sent.invoice.issueDate);
    expect(run.discrepancies.map((d) => [d.type, d.fix, d.stripeAmount, d.settleAmount])).toEqual([
      ['PAYOUT_MISSING_IN_SETTLE', 'RECORD_STRIPE_PAYOUT', 10000 - 320, null],
    ]);
    expect(run.discrepancies[0]!.subject).toContain(payout!.id);

    expect((await r.fixDiscrepancy(w, o.token, run.discrepancies[0]!.id)).errors).toBeUndefined();
    const recorded = await recordedPayout(w, o, payout!.id, 'the payout to be recorded from Stripe');
    expect(recorded).toMatchObject({ amount: 9680, status: 'paid' });
    await r.recheckAfterFixes(w, o, run.id);
    const depositId = await r.qbLink(w, o.org.id, 'PAYOUT', recorded.id);
    expect((await (await r.inQuickBooks(w)).get('Deposit', depositId)).TotalAmt).toBe(96.8);
  });

  it('a Stripe invoice left payable while Stripe was down is closed by the fix (paid out of band)', async () => {
    const { o, sent, outage, run } = await paidInQuickBooksWhileStripeRefuses();
    try {
      expect(run.discrepancies.map((d) => [d.type, d.fix, d.stripeAmount])).toEqual([
        ['OPEN_IN_STRIPE_BUT_SETTLED', 'VOID_STRIPE_INVOICE', 10000],
      ]);
      outage.stop();
      expect((await r.fixDiscrepancy(w, o.token, run.discrepancies[0]!.id)).errors).toBeUndefined();
      // Paid in QuickBooks in full: closed at Stripe as paid out of band, so its page reads paid.
      await eventually(
        async () => (await o.stripe.invoices.retrieve(sent.stripeInvoiceId)).status === 'paid',
        'the Stripe invoice to be marked paid out of band',
      );
      await r.recheckAfterFixes(w, o, run.id);
      expect(await r.discrepancyStatuses(w, o, run.id)).toEqual([{ status: 'FIXED' }]);
    } finally {
      outage.stop();
    }
  });

  it('a fix that never takes is OPEN again after the last re-check, saying so, and can be fixed again', async () => {
    const { o, sent, outage, run } = await paidInQuickBooksWhileStripeRefuses();
    try {
      const id = run.discrepancies[0]!.id;
      expect((await r.fixDiscrepancy(w, o.token, id)).errors).toBeUndefined();
      // Stripe still refuses: the fix waits through the re-checks, while its job retries even the last one.
      const recon = reconciliationOf(w.settle.container);
      expect(await recon.recheck(o.org.id, run.id)).toBe(1);
      expect(await recon.recheck(o.org.id, run.id, true)).toBe(1);
      // Once the job has given up, the last re-check gives the fix back to the admin.
      const key = `stripe-changed:${sent.invoice.id}`;
      await eventually(
        async () => (await w.settle.container.db.query(`SELECT graphile_worker.remove_job($1) AS j`, [key]))[0].j,
        'the job to be removed between its retries',
      );
      expect(await recon.recheck(o.org.id, run.id, true)).toBe(0);
      const QUERY = `query($id: ID!) { reconciliationRun(id: $id) { discrepancies { status fixResult } } }`;
      const [d] = (await w.settle.gql(QUERY, { id: run.id }, o.token)).data.reconciliationRun.discrepancies;
      expect(d.status).toBe('OPEN');
      expect(d.fixResult).toContain('It did not take: the systems still differ after re-checking');
      const audits = await w.settle.container.db.query(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [id],
      );
      expect(audits.map((a: { action: string }) => a.action)).toEqual([
        'reconciliation.fix',
        'reconciliation.fix-not-confirmed',
      ]);

      outage.stop();
      expect((await r.fixDiscrepancy(w, o.token, id)).data.fixReconciliationDiscrepancy.status).toBe('FIXING');
      await r.recheckAfterFixes(w, o, run.id);
      expect(await r.discrepancyStatuses(w, o, run.id)).toEqual([{ status: 'FIXED' }]);
    } finally {
      outage.stop();
    }
  });
});
