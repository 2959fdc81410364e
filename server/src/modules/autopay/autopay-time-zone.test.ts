import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { startOfDayIn } from '../../platform/time-zone.js';
import { connectedOrg, stripeWorldForFile } from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayOrg, chargerOf } from './autopay-test-kit.js';

/** Autopay charges an invoice on its due date as the org's calendar has it, not UTC's. */
const w = stripeWorldForFile();
const HOUR = 3_600_000;

describe('autopay in the org time zone (emulator, PostgreSQL)', () => {
  it('a New York invoice is not charged the evening before its due date (already the due date in UTC), and is once it begins there', async () => {
    const o = await connectedOrg(w);
    await w.settle.container.organizations.updateSettings(o.org.id, SYSTEM_ACTOR, { timeZone: 'America/New_York' });
    await autopayOrg(w, { card_number: '4242424242424242' }, o);
    const inv = await o.fx.sentInvoice(60);
    const dueBegins = startOfDayIn('America/New_York', inv.dueDate);
    // 23:00 the day before in New York: 04:00 or 05:00 UTC on the due date.
    const clock = new ManualClock(new Date(dueBegins.getTime() - HOUR));
    w.settle.container.clock = clock;

    // The sweep does not pick it, and charging it by hand is refused as not due.
    expect(await chargerOf(w).runDue(clock.now())).toMatchObject({ charged: 0 });
    expect(await chargerOf(w).chargeInvoiceExplained(o.org.id, inv.id, clock.now())).toMatchObject({
      outcome: 'skipped',
      skip: 'NOT_DUE',
    });
    expect(await attemptsOf(w, inv.id)).toEqual([]);

    clock.set(new Date(dueBegins.getTime() + HOUR));
    expect(await chargerOf(w).runDue(clock.now())).toMatchObject({ charged: 1 });
    expect((await attemptsOf(w, inv.id)).map((a) => a.status)).toEqual(['SUCCEEDED']);
  });
});
