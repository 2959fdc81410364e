import type { Container } from '../../app/container.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { createOrgWithOwner, type TestSettle } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { remindersOf } from './reminders.integration.js';
import { plannedFor } from './reminder-schedule.js';

export const REMINDERS_OF_INVOICE = `query($id: ID!) { invoice(id: $id) { reminders { offsetDays plannedFor status sentAt reason } } }`;

/**
 * A ManualClock on the container (the sweep and the Invoice.reminders view read it), starting at the wall
 * clock's now: invoices made before it is moved are issued (container clock) on the day they are sent
 * (wall clock), as in production.
 */
export function manualClock(s: TestSettle): ManualClock {
  const clock = new ManualClock(new Date());
  (s.container as { clock: Container['clock'] }).clock = clock;
  return clock;
}

/** A fresh org with reminders set as given, and one sent invoice of USD 100.00 to a new client. */
export async function orgWithSentInvoice(s: TestSettle, policy: { enabled: boolean; offsets: number[] } | null) {
  const o = await createOrgWithOwner(s);
  if (policy) await remindersOf(s.container).policies.set(o.org.id, SYSTEM_ACTOR, policy);
  const f = await billingFixture(s.container, o.org.id);
  const invoice = await f.sentInvoice(60);
  return { ...o, f, invoice };
}

/** 09:00 UTC on the day `offset` days from the due date. */
export const dayOf = (dueDate: string, offset: number) => `${plannedFor(dueDate, offset)}T09:00:00Z`;

/** The reminder emails of an invoice, oldest first. */
export async function reminderEmails(c: Container, invoiceId: string) {
  return (await c.db.query(
    `SELECT to_address, subject, text_body, html_body FROM emails
      WHERE kind = 'invoice-reminder' AND related_id = $1 ORDER BY created_at, id`,
    [invoiceId],
  )) as Array<{ to_address: string; subject: string; text_body: string; html_body: string }>;
}

export const sweep = (s: TestSettle, now = s.container.clock.now()) =>
  remindersOf(s.container).sweep.runDueReminders(now);
