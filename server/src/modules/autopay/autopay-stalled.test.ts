import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { Email } from '../email/email.entity.js';
import type { EmailKindValue } from '../email/email-kind.js';
import { remindersOf } from '../reminders/reminders.integration.js';
import { reminderEmails } from '../reminders/reminders.test-support.js';
import {
  control,
  type ConnectedOrg,
  invoiceOf,
  paymentsOf,
  START_PAYMENT,
  stripeWorldForFile,
} from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayDueInvoice, chargerOf } from './autopay-test-kit.js';

/**
 * An autopay bank debit whose outcome webhook never reaches Settle must not hold its invoice for ever
 * (reminders postponed, Checkout refused, no retry) in silence: the autopay job asks Stripe about a debit
 * still PROCESSING after 7 days and books, declines or (after 14 days) raises it to admins.
 */
const w = stripeWorldForFile();
const DAY = 86_400_000;
const db = () => w.settle.container.db;

/**
 * Stripe's webhooks to this org are held back and the self-healing sweep does not read its events (it
 * counts as swept until tomorrow): whatever happens at Stripe, Settle does not hear of it.
 */
async function loseWebhooks(o: ConnectedOrg) {
  await db().query(`UPDATE stripe_connections SET swept_at = now() + interval '1 day' WHERE org_id = $1`, [o.org.id]);
  await control(w.emu, '/faults', {
    action: 'delay',
    delay_ms: 120_000,
    count: 100,
    endpoint: o.conn.webhook.endpointId,
  });
}

/** A due invoice whose client's saved bank account `account` is being debited by autopay (PROCESSING). */
async function debiting(account: string) {
  const due = await autopayDueInvoice(w, { payment_method_type: 'us_bank_account', bank_account_number: account });
  expect(await chargerOf(w).chargeInvoice(due.o.org.id, due.inv.id, due.clock.now())).toBe('processing');
  const [attempt] = await attemptsOf(w, due.inv.id);
  expect(attempt!.status).toBe('PROCESSING');
  await loseWebhooks(due.o);
  return { ...due, pi: attempt!.paymentIntentId! };
}

const emailsOf = (invoiceId: string, kind: EmailKindValue) =>
  db().getRepository(Email).findBy({ relatedId: invoiceId, kind });

describe('an autopay bank debit whose webhook never comes', () => {
  it('settled at Stripe: the autopay job books it once through settlement after 7 days (not before)', async () => {
    const { o, inv, clock, pi } = await debiting('000123456789');
    await control(w.emu, '/async-payments/advance', { payment_intent: pi, outcome: 'succeeded' });

    clock.advance(6 * DAY);
    await chargerOf(w).checkStalled();
    expect((await attemptsOf(w, inv.id)).map((a) => a.status)).toEqual(['PROCESSING']);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('SENT');

    clock.advance(2 * DAY);
    await db().transaction((tx) => enqueue(tx, 'autopay.run-due', {}));
    await eventually(
      async () => (await invoiceOf(w, o.org.id, inv.id)).status === 'PAID',
      'the autopay job to book the debit',
    );
    expect((await attemptsOf(w, inv.id)).map((a) => a.status)).toEqual(['SUCCEEDED']);
    const payments = await paymentsOf(w, o.org.id, inv.id);
    expect(payments.map((p) => [p.externalId, p.amount, p.method])).toEqual([[pi, inv.total, 'BANK_DEBIT']]);
  }, 60_000);

  it('failed at Stripe: recorded DECLINED with its retry, client and admins told, and the postponed reminder goes out', async () => {
    const { o, inv, clock, pi, portal } = await debiting('000111111113');
    await remindersOf(w.settle.container).policies.set(o.org.id, SYSTEM_ACTOR, { enabled: true, offsets: [7] });
    await control(w.emu, '/async-payments/advance', { payment_intent: pi, outcome: 'failed' });
    clock.advance(8 * DAY);
    const sweep = () => remindersOf(w.settle.container).sweep.runDueReminders(clock.now());

    await chargerOf(w).checkStalled();
    const [a] = await attemptsOf(w, inv.id);
    expect(a).toMatchObject({ status: 'DECLINED', paymentIntentId: pi });
    expect(a!.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(3 * DAY);
    expect(await emailsOf(inv.id, 'autopay_failed')).toHaveLength(1);
    expect((await emailsOf(inv.id, 'payment_failed')).length).toBeGreaterThan(0);
    // The invoice is free again: the reminder is sent, the portal may pay.
    expect(await sweep()).toMatchObject({ postponed: 0, sent: 1 });
    expect(await reminderEmails(w.settle.container, inv.id)).toHaveLength(1);
    expect((await w.settle.gql(START_PAYMENT, { id: inv.id }, portal)).errors).toBeUndefined();
    // A second look changes nothing.
    await chargerOf(w).checkStalled();
    expect(await emailsOf(inv.id, 'autopay_failed')).toHaveLength(1);
  }, 60_000);

  it('still processing at Stripe after 14 days: it stays PROCESSING, and admins are told once', async () => {
    const { inv, clock, portal } = await debiting('000123456789');
    clock.advance(8 * DAY);
    await chargerOf(w).checkStalled();
    expect(await emailsOf(inv.id, 'payment_stalled')).toHaveLength(0);

    clock.advance(7 * DAY);
    await chargerOf(w).checkStalled();
    const [a] = await attemptsOf(w, inv.id);
    expect(a!.status).toBe('PROCESSING');
    expect(a!.message).toMatch(/^Still not settled 15 days after it was started \(Stripe says it is processing\)/);
    const notices = await emailsOf(inv.id, 'payment_stalled');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]!.subject).toBe(`Bank debit for invoice ${inv.number} is still processing`);
    // Nothing else is charged or offered on top of money that may still come.
    const refused = await w.settle.gql(START_PAYMENT, { id: inv.id }, portal);
    expect(refused.errors?.[0]?.extensions.code).toBe('CONFLICT');

    clock.advance(DAY);
    await chargerOf(w).checkStalled();
    expect(await emailsOf(inv.id, 'payment_stalled')).toHaveLength(notices.length);
  }, 60_000);

  it('debits still processing long after their time do not hide a later one that settled', async () => {
    const stuck = [await debiting('000123456789'), await debiting('000123456789')];
    const { o, inv, clock, pi } = await debiting('000123456789');
    await control(w.emu, '/async-payments/advance', { payment_intent: pi, outcome: 'succeeded' });
    // The two stuck ones are older, so they come first in every sweep, alerted or not.
    for (const [n, d] of stuck.entries())
      await db().query(`UPDATE autopay_attempts SET attempted_at = $2 WHERE invoice_id = $1`, [
        d.inv.id,
        new Date(clock.now().getTime() - (30 - n) * DAY),
      ]);
    clock.advance(8 * DAY);
    const counts = await chargerOf(w).checkStalled(clock.now(), 2);
    expect(counts).toMatchObject({ alerted: 2, succeeded: 1 });
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
  }, 60_000);
});
