import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { attemptsOf, autopayDueInvoice, chargerOf } from '../autopay/autopay-test-kit.js';
import { control, inboxSettled, stripeWorldForFile, waitForStatus } from '../stripe/stripe-test-kit.js';
import { remindersOf } from './reminders.integration.js';
import { REMINDERS_OF_INVOICE, reminderEmails } from './reminders.test-support.js';

/**
 * Reminders and a payment Stripe is still taking: an autopay US bank debit PROCESSING for days (Checkout
 * is refused meanwhile) postpones the reminder due, which goes out if the debit fails.
 */
const w = stripeWorldForFile();
const DAY = 86_400_000;

async function debitProcessing(account: string) {
  const { o, inv, clock } = await autopayDueInvoice(w, {
    payment_method_type: 'us_bank_account',
    bank_account_number: account,
  });
  await remindersOf(w.settle.container).policies.set(o.org.id, SYSTEM_ACTOR, { enabled: true, offsets: [7] });
  expect(await chargerOf(w).chargeInvoice(o.org.id, inv.id, clock.now())).toBe('processing');
  const [attempt] = await attemptsOf(w, inv.id);
  expect(attempt!.status).toBe('PROCESSING');
  clock.advance(7 * DAY);
  const sweep = () => remindersOf(w.settle.container).sweep.runDueReminders(clock.now());
  return { o, inv, clock, attempt: attempt!, sweep };
}

const recorded = async (invoiceId: string) =>
  (await w.settle.container.db.query(`SELECT offset_days, status FROM invoice_reminders WHERE invoice_id = $1`, [
    invoiceId,
  ])) as Array<{ offset_days: number; status: string }>;

describe('reminders while a payment is in flight', () => {
  it('postpones the overdue reminder while the autopay debit is processing, and sends it once the debit failed', async () => {
    const { o, inv, clock, attempt, sweep } = await debitProcessing('000111111113');
    expect(await sweep()).toMatchObject({ postponed: 1, sent: 0, skipped: 0, errors: 0 });
    expect(await reminderEmails(w.settle.container, inv.id)).toHaveLength(0);
    expect(await recorded(inv.id)).toEqual([]);
    const view = await w.settle.gql(REMINDERS_OF_INVOICE, { id: inv.id }, o.token);
    expect(view.data.invoice.reminders).toMatchObject([
      {
        offsetDays: 7,
        status: 'PLANNED',
        reason: expect.stringMatching(/^Postponed: A payment of the invoice is under way through Stripe/),
      },
    ]);

    await control(w.emu, '/async-payments/advance', { payment_intent: attempt.paymentIntentId, outcome: 'failed' });
    await eventually(
      async () => (await attemptsOf(w, inv.id))[0]!.status === 'DECLINED',
      'the debit to be recorded DECLINED',
    );
    await inboxSettled(w, o.org.id);
    clock.advance(3_600_000);
    expect(await sweep()).toMatchObject({ postponed: 0, sent: 1 });
    const mails = await reminderEmails(w.settle.container, inv.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('7 days overdue');
    expect(await recorded(inv.id)).toEqual([{ offset_days: 7, status: 'SENT' }]);
  }, 60_000);

  it('never sends the reminder postponed for a debit that then pays the invoice', async () => {
    const { o, inv, clock, attempt, sweep } = await debitProcessing('000123456789');
    expect(await sweep()).toMatchObject({ postponed: 1, sent: 0 });
    await control(w.emu, '/async-payments/advance', { payment_intent: attempt.paymentIntentId, outcome: 'succeeded' });
    await waitForStatus(w, o.org.id, inv.id, 'PAID');
    clock.advance(DAY);
    expect(await sweep()).toMatchObject({ postponed: 0, sent: 0 });
    expect(await reminderEmails(w.settle.container, inv.id)).toHaveLength(0);
    expect(await recorded(inv.id)).toEqual([]);
  }, 60_000);
});
