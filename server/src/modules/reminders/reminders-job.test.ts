import { describe, expect, it } from 'vitest';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { loadConfig } from '../../platform/config.js';
import { eventually } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';
import { dayOf, manualClock, orgWithSentInvoice, reminderEmails } from './reminders.test-support.js';

const s = settleForFile({ env: { SETTLE_REMINDERS_CRON: 'off' } });

describe('the reminders sweep job', () => {
  it("runs on the worker at the container clock's now, not the wall clock's", async () => {
    const clock = manualClock(s);
    const o = await orgWithSentInvoice(s, { enabled: true, offsets: [10] });
    // Wall-clock today is weeks before the invoice's day-10 reminder; only the moved clock makes it due.
    clock.set(dayOf(o.invoice.dueDate, 10));
    await s.container.db.transaction((tx) => enqueue(tx, 'reminders.sweep', {}));
    const mails = await eventually(async () => {
      const m = await reminderEmails(s.container, o.invoice.id);
      return m.length ? m : null;
    }, 'the reminder email');
    expect(mails[0]!.subject).toContain('10 days overdue');
  });

  it('is scheduled every five minutes unless turned off', () => {
    expect(loadConfig({}).reminders.cron).toBe('*/5 * * * *');
    expect(loadConfig({ SETTLE_REMINDERS_CRON: 'off' }).reminders.cron).toBeNull();
  });
});
