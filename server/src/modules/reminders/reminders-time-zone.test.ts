import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { startOfDayIn } from '../../platform/time-zone.js';
import { settleForFile } from '../../../test/for-file.js';
import { manualClock, orgWithSentInvoice, reminderEmails, sweep } from './reminders.test-support.js';

const s = settleForFile({ worker: false });
const HOUR = 3_600_000;

/** An org (reminders on the due date) in `timeZone`, with a sent invoice. */
async function orgIn(timeZone: string) {
  const o = await orgWithSentInvoice(s, { enabled: true, offsets: [0] });
  await s.container.organizations.updateSettings(o.org.id, SYSTEM_ACTOR, { timeZone });
  return o;
}
const sent = async (o: { invoice: { id: string } }) => (await reminderEmails(s.container, o.invoice.id)).length;

describe('payment reminders in the org time zone', () => {
  it("sends the due-date reminder when the due date begins on the org's wall, not at UTC midnight", async () => {
    const clock = manualClock(s);
    const ny = await orgIn('America/New_York');
    const sydney = await orgIn('Australia/Sydney');
    const utc = await orgIn('UTC');
    const due = ny.invoice.dueDate;
    expect([sydney.invoice.dueDate, utc.invoice.dueDate]).toEqual([due, due]);

    // An hour before the due date begins in Sydney (still the day before in UTC and New York): nothing.
    clock.set(new Date(startOfDayIn('Australia/Sydney', due).getTime() - HOUR));
    await sweep(s);
    expect([await sent(sydney), await sent(utc), await sent(ny)]).toEqual([0, 0, 0]);
    // An hour after: Sydney's client is reminded, a day ahead of UTC's.
    clock.set(new Date(startOfDayIn('Australia/Sydney', due).getTime() + HOUR));
    await sweep(s);
    expect([await sent(sydney), await sent(utc), await sent(ny)]).toEqual([1, 0, 0]);
    // UTC midnight of the due date: the UTC org's client, as before zones; in New York it is still the day before.
    clock.set(new Date(startOfDayIn('UTC', due).getTime() + HOUR));
    await sweep(s);
    expect([await sent(sydney), await sent(utc), await sent(ny)]).toEqual([1, 1, 0]);
    clock.set(new Date(startOfDayIn('America/New_York', due).getTime() - HOUR));
    await sweep(s);
    expect(await sent(ny)).toBe(0);
    // Once the due date begins in New York.
    clock.set(new Date(startOfDayIn('America/New_York', due).getTime() + HOUR));
    await sweep(s);
    expect([await sent(sydney), await sent(utc), await sent(ny)]).toEqual([1, 1, 1]);
  });
});
