import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { billingWorld } from './billing-test-kit.js';
import { billingOf } from './billing.services.js';

const s = settleForFile({ worker: false });

/** A billing world (monthly in advance from 2026-01-01, no grace) whose org is in `timeZone`, its January billed (issued on the 15th). */
async function worldIn(timeZone: string) {
  const w = await billingWorld(s, { since: '2026-01-01', settings: { invoiceGraceHours: 0 } });
  await s.container.organizations.updateSettings(w.org.id, SYSTEM_ACTOR, { timeZone });
  await w.runAt('2026-01-15');
  const issued = async () =>
    (
      (await s.container.db.query(
        `SELECT to_char(issue_date, 'YYYY-MM-DD') AS d FROM invoices WHERE org_id = $1 ORDER BY number`,
        [w.org.id],
      )) as Array<{ d: string }>
    ).map((r) => r.d);
  return { ...w, issued };
}

describe('automatic billing in the org time zone', () => {
  it("bills a New York org's February on February 1 there (05:00 UTC), issued that day", async () => {
    const w = await worldIn('America/New_York');
    // 23:30 on January 31 in New York, already February 1 in UTC: nothing new, and none is upcoming yet today.
    expect((await w.runAt('2026-02-01T04:30:00Z')).billed).toBe(0);
    const [upcoming] = await billingOf(s.container).forecast.upcoming(w.org.id, 3);
    expect(upcoming).toMatchObject({ billDate: '2026-02-01', billAt: new Date('2026-02-01T05:00:00Z') });
    expect((await w.runAt('2026-02-01T05:30:00Z')).billed).toBe(1);
    expect(await w.issued()).toEqual(['2026-01-15', '2026-02-01']);
  });

  it("bills a Sydney org's February on February 1 there, still January 31 in UTC", async () => {
    const w = await worldIn('Australia/Sydney');
    expect((await w.runAt('2026-01-31T12:30:00Z')).billed).toBe(0); // 23:30 on the 31st in Sydney
    expect((await w.runAt('2026-01-31T13:30:00Z')).billed).toBe(1); // 00:30 on February 1
    expect(await w.issued()).toEqual(['2026-01-15', '2026-02-01']);
  });
});
