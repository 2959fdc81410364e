import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { eventually } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';
import { remindersOf } from './reminders.integration.js';
import { dayOf, manualClock, orgWithSentInvoice, reminderEmails, sweep } from './reminders.test-support.js';
import { PAY, sweepHelpers } from './reminders-sweep.test-support.js';

const s = settleForFile({ worker: false });
const { recordedOf, holdPayments, remindersVia } = sweepHelpers(s);
/** The invoice's reminders as [offset, status], as its owner reads them through the API. */
const statusesVia = async (o: { token: string; invoice: { id: string } }) =>
  (await remindersVia(o.token, o.invoice.id)).map((r) => [r.offsetDays, r.status]);

describe('payment reminder sweep', () => {
  it('sends the before-due, on-due and after-due reminders once each as the clock moves', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [-3, 0, 7] });
    const due = o.invoice.dueDate;
    expect(await statusesVia(o)).toEqual([
      [-3, 'PLANNED'],
      [0, 'PLANNED'],
      [7, 'PLANNED'],
    ]);

    clock.set(dayOf(due, -4));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);

    clock.set(dayOf(due, -3));
    await sweep(s);
    clock.advance(3_600_000);
    await sweep(s);
    let mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe('ap@client.test');
    expect(mails[0]!.subject).toContain(`invoice ${o.invoice.number}`);
    expect(mails[0]!.subject).toContain('due in 3 days');
    expect(mails[0]!.text_body).toContain('USD 100.00');
    expect(mails[0]!.text_body).toContain(due);
    expect(mails[0]!.text_body).toContain(`/portal/invoices/${o.invoice.id}`);

    clock.set(dayOf(due, 0));
    await sweep(s);
    await sweep(s);
    mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toContain('due today');

    clock.set(dayOf(due, 6));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(2);
    clock.set(dayOf(due, 7));
    await sweep(s);
    clock.advanceDays(5);
    await sweep(s);
    mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(3);
    expect(mails[2]!.subject).toContain('7 days overdue');

    expect(await statusesVia(o)).toEqual([
      [-3, 'SENT'],
      [0, 'SENT'],
      [7, 'SENT'],
    ]);
  });

  it('after a missed week sends only the latest due reminder and records the earlier ones as skipped', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [-3, 0, 7, 14] });
    clock.set(dayOf(o.invoice.dueDate, 9));
    const r = await sweep(s);
    expect(r.errors).toBe(0);
    const mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('9 days overdue');
    const view = await remindersVia(o.token, o.invoice.id);
    expect(view.map((v) => [v.offsetDays, v.status])).toEqual([
      [-3, 'SKIPPED'],
      [0, 'SKIPPED'],
      [7, 'SENT'],
      [14, 'PLANNED'],
    ]);
    expect(view[0]!.reason).toMatch(/later reminder/);
  });

  it('shows the current balance after a partial payment, and stops once the invoice is paid', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7, 14] });
    const pay = async (amount: number) => {
      const r = await s.gql(PAY, { i: { invoiceId: o.invoice.id, amount, method: 'CHECK' } }, o.token);
      expect(r.errors).toBeUndefined();
      return r.data.recordPayment.invoice;
    };
    expect(await pay(3000)).toEqual({ status: 'PARTIALLY_PAID', balanceDue: 7000 });
    clock.set(dayOf(o.invoice.dueDate, 0));
    await sweep(s);
    const mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain('USD 70.00');

    expect(await pay(7000)).toEqual({ status: 'PAID', balanceDue: 0 });
    clock.set(dayOf(o.invoice.dueDate, 30));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(1);
    expect(await statusesVia(o)).toEqual([[0, 'SENT']]);
  });

  it('sends nothing for a void, uncollectible or disputed invoice, and plans nothing for it', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    const c = s.container;
    await c.invoices.void(o.org.id, SYSTEM_ACTOR, o.invoice.id);
    const written = await o.f.sentInvoice(30);
    await c.invoices.markUncollectible(o.org.id, SYSTEM_ACTOR, written.id);
    const disputed = await o.f.sentInvoice(45);
    await c.db.query(`UPDATE invoices SET disputed = true WHERE id = $1`, [disputed.id]);
    clock.set(dayOf(o.invoice.dueDate, 8));
    await sweep(s);
    for (const id of [o.invoice.id, written.id, disputed.id]) {
      expect(await reminderEmails(c, id)).toHaveLength(0);
      expect(await remindersVia(o.token, id)).toEqual([]);
    }
  });

  it('two sweeps at once send each reminder once', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    const more = [await o.f.sentInvoice(30), await o.f.sentInvoice(45)];
    clock.set(dayOf(o.invoice.dueDate, 0));
    const results = await Promise.all([sweep(s), sweep(s), sweep(s)]);
    expect(results.every((r) => r.errors === 0)).toBe(true);
    for (const inv of [o.invoice, ...more]) expect(await reminderEmails(s.container, inv.id)).toHaveLength(1);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM invoice_reminders WHERE invoice_id = ANY($1::uuid[])`,
      [[o.invoice.id, ...more.map((i) => i.id)]],
    );
    expect(n).toBe(3);
  });

  it('a payment committed while the sweep waits for the invoice lock stops the reminder', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0] });
    clock.set(dayOf(o.invoice.dueDate, 1));
    const runner = s.container.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, [o.invoice.id]);
      const swept = sweep(s);
      // The sweep chose the invoice (it was open) and now waits on its row lock.
      await eventually(async () => {
        const [{ n }] = await s.container.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'SELECT "Invoice"."id"%'`,
        );
        return n > 0;
      }, 'the sweep to wait on the invoice lock');
      // What a payment does to the row, committed before the sweep gets the lock.
      await runner.query(
        `UPDATE invoices SET amount_paid = total, balance_due = 0, status = 'PAID', paid_at = now() WHERE id = $1`,
        [o.invoice.id],
      );
      await runner.commitTransaction();
      expect((await swept).errors).toBe(0);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM invoice_reminders WHERE invoice_id = $1`,
      [o.invoice.id],
    );
    expect(n).toBe(0);
  });

  it("follows a client's own schedule over the org's, and the org's once it is cleared", async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [7] });
    const { policies } = remindersOf(s.container);
    const quiet = await o.f.sentInvoice(30); // same client, made quiet below
    await policies.set(o.org.id, SYSTEM_ACTOR, { clientId: o.f.client.id, enabled: false, offsets: [7] });
    const other = await import('../../../test/fixtures.js').then((m) => m.billingFixture(s.container, o.org.id));
    const early = await other.sentInvoice(60);
    await policies.set(o.org.id, SYSTEM_ACTOR, { clientId: other.client.id, enabled: true, offsets: [-5] });

    clock.set(dayOf(early.dueDate, -5));
    await sweep(s);
    expect(await reminderEmails(s.container, early.id)).toHaveLength(1);
    clock.set(dayOf(o.invoice.dueDate, 7));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);
    expect(await reminderEmails(s.container, quiet.id)).toHaveLength(0);
    expect(await reminderEmails(s.container, early.id)).toHaveLength(1);
    expect(await remindersVia(o.token, o.invoice.id)).toEqual([]);

    await policies.clearClient(o.org.id, SYSTEM_ACTOR, o.f.client.id);
    clock.set(dayOf(o.invoice.dueDate, 8));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(1);
    expect(await reminderEmails(s.container, quiet.id)).toHaveLength(1);
  });

  it('records a reminder to a client without a billing email as FAILED with the reason', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    await s.container.db.query(`UPDATE clients SET billing_email = '' WHERE id = $1`, [o.f.client.id]);
    clock.set(dayOf(o.invoice.dueDate, 0));
    const r = await sweep(s);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);
    const view = await remindersVia(o.token, o.invoice.id);
    expect(view.map((v) => [v.offsetDays, v.status, v.reason])).toEqual([
      [0, 'FAILED', 'The client has no billing email address'],
      [7, 'PLANNED', null],
    ]);
  });

  it('sends nothing while the org has not turned reminders on', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, null);
    clock.set(dayOf(o.invoice.dueDate, 14));
    await sweep(s);
    expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);
    expect(await remindersVia(o.token, o.invoice.id)).toEqual([]);
  });

  it('offers a fresh pay link when the org takes payments online, and omits it when the client opted out', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    const providers = s.container.paymentProviders;
    const original = providers.payUrl.bind(providers);
    // The org's online payment provider, as the invoice email asks it (Stripe is not connected in this file).
    providers.payUrl = async (tx, orgId, invoice) =>
      orgId === o.org.id
        ? `https://pay.test/${invoice.id}?balance=${invoice.balanceDue}`
        : original(tx, orgId, invoice);
    try {
      clock.set(dayOf(o.invoice.dueDate, 0));
      await sweep(s);
      await s.container.db.query(`UPDATE clients SET email_pay_link = false WHERE id = $1`, [o.f.client.id]);
      clock.set(dayOf(o.invoice.dueDate, 7));
      await sweep(s);
    } finally {
      providers.payUrl = original;
    }
    const [first, second] = await reminderEmails(s.container, o.invoice.id);
    expect(first!.text_body).toContain(`Pay USD 100.00 online: https://pay.test/${o.invoice.id}?balance=10000`);
    expect(first!.html_body).toContain(`href="https://pay.test/${o.invoice.id}?balance=10000"`);
    expect(first!.html_body).toContain('View invoice');
    expect(second!.text_body).not.toContain('pay.test');
    expect(second!.text_body).toContain(`/portal/invoices/${o.invoice.id}`);
  });

  it('postpones a due reminder while a payment is under way, and sends it once the payment failed', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    const held = holdPayments(o.invoice.id);
    try {
      clock.set(dayOf(o.invoice.dueDate, 7));
      const r = await sweep(s);
      expect(r).toMatchObject({ postponed: 1, sent: 0, skipped: 0, errors: 0 });
      await sweep(s);
      expect(await reminderEmails(s.container, o.invoice.id)).toHaveLength(0);
      expect(await recordedOf(o.invoice.id)).toEqual([]);
      const view = await remindersVia(o.token, o.invoice.id);
      expect(view.map((v) => [v.offsetDays, v.status])).toEqual([
        [0, 'PLANNED'],
        [7, 'PLANNED'],
      ]);
      for (const v of view)
        expect(v.reason).toMatch(/^Postponed: A payment of the invoice is under way through Test Pay/);
      // The payment failed: the next sweep sends the latest reminder due, as after a missed sweep.
      held.lift();
      clock.advanceDays(2);
      expect(await sweep(s)).toMatchObject({ postponed: 0, sent: 1, skipped: 1 });
    } finally {
      held.restore();
    }
    const mails = await reminderEmails(s.container, o.invoice.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('9 days overdue');
    expect(await statusesVia(o)).toEqual([
      [0, 'SKIPPED'],
      [7, 'SENT'],
    ]);
  });

  it('works through more invoices than one batch', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [1] });
    const more = [await o.f.sentInvoice(30), await o.f.sentInvoice(45)];
    clock.set(dayOf(o.invoice.dueDate, 1));
    const r = await remindersOf(s.container).sweep.runDueReminders(clock.now(), 1);
    expect(r.errors).toBe(0);
    for (const inv of [o.invoice, ...more]) expect(await reminderEmails(s.container, inv.id)).toHaveLength(1);
  });
});
