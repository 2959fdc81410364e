import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { settleForFile } from '../../../test/for-file.js';
import { dayOf, manualClock, orgWithSentInvoice, sweep } from './reminders.test-support.js';
import { PAY, sweepHelpers } from './reminders-sweep.test-support.js';

const s = settleForFile({ worker: false });
const { reminderEmailIds, recordedOf, holdPayments, remindersVia } = sweepHelpers(s);

const OUTBOX = `{ emails(first: 500) { nodes { id status error } } }`;

describe('payment reminder cancelled at delivery', () => {
  it('cancels at delivery a reminder whose invoice was paid, voided or disputed after it was queued', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0, 7] });
    const voided = await o.f.sentInvoice(30);
    const disputed = await o.f.sentInvoice(45);
    const untouched = await o.f.sentInvoice(15);
    clock.set(dayOf(o.invoice.dueDate, 0));
    expect((await sweep(s)).sent).toBeGreaterThanOrEqual(4);
    const ids = [o.invoice.id, voided.id, disputed.id, untouched.id];
    const queued = await reminderEmailIds(ids);
    expect(queued.map((m) => m.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);

    const paid = await s.gql(PAY, { i: { invoiceId: o.invoice.id, amount: 10000, method: 'CHECK' } }, o.token);
    expect(paid.errors).toBeUndefined();
    await s.container.invoices.void(o.org.id, SYSTEM_ACTOR, voided.id);
    await s.container.db.query(`UPDATE invoices SET disputed = true WHERE id = $1`, [disputed.id]);
    for (const m of queued) await s.container.email.deliver(m.id);

    // What the admin's outbox shows.
    const outbox = new Map(
      (
        (await s.gql(OUTBOX, {}, o.token)).data.emails.nodes as Array<{ id: string; status: string; error: string }>
      ).map((m) => [m.id, m]),
    );
    const [p, v, d, u] = queued.map((m) => outbox.get(m.id)!);
    expect(p).toMatchObject({ status: 'CANCELLED', error: `Invoice ${o.invoice.number} is paid` });
    expect(v).toMatchObject({ status: 'CANCELLED', error: `Invoice ${voided.number} was voided` });
    expect(d).toMatchObject({ status: 'CANCELLED', error: `Invoice ${disputed.number} is disputed` });
    expect(u).toMatchObject({ status: 'OUTBOX', error: null });
    // The reminder is not shown as sent.
    const view = await remindersVia(o.token, o.invoice.id);
    expect(view.map((r) => [r.offsetDays, r.status, r.reason])).toEqual([
      [0, 'SKIPPED', `Not sent: Invoice ${o.invoice.number} is paid (since the reminder was queued)`],
    ]);
    // A retried delivery job leaves it cancelled.
    await s.container.email.deliver(queued[0]!.id);
    expect((await reminderEmailIds([o.invoice.id]))[0]!.status).toBe('CANCELLED');
  });

  it('cancels at delivery a reminder whose invoice got a payment under way, and sends it again if that fails', async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0] });
    clock.set(dayOf(o.invoice.dueDate, 0));
    await sweep(s);
    const [queued] = await reminderEmailIds([o.invoice.id]);
    const held = holdPayments(o.invoice.id);
    try {
      await s.container.email.deliver(queued!.id);
      expect((await reminderEmailIds([o.invoice.id]))[0]).toMatchObject({
        status: 'CANCELLED',
        error: 'A payment of the invoice is under way through Test Pay',
      });
      // Due again, and postponed while the payment is under way.
      expect(await recordedOf(o.invoice.id)).toEqual([]);
      clock.advance(3_600_000);
      expect(await sweep(s)).toMatchObject({ postponed: 1, sent: 0 });
      held.lift();
      expect(await sweep(s)).toMatchObject({ postponed: 0, sent: 1 });
    } finally {
      held.restore();
    }
    const mails = await reminderEmailIds([o.invoice.id]);
    expect(mails.map((m) => m.status)).toEqual(['CANCELLED', 'QUEUED']);
    await s.container.email.deliver(mails[1]!.id);
    expect((await reminderEmailIds([o.invoice.id]))[1]!.status).toBe('OUTBOX');
    expect(await recordedOf(o.invoice.id)).toEqual([{ offset_days: 0, status: 'SENT' }]);
  });
});
