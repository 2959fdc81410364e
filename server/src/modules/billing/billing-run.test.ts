import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { billingWorld, seatsChangedMidApril } from './billing-test-kit.js';

const s = settleForFile({ worker: false });

describe('the billing run', () => {
  it('bills each monthly period once, after the grace period, with the approved time of the cycle', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.f.approvedEntry(90, '2026-01-14');
    // The first period (in advance) is billed on its first day, but only once the 24 h grace has passed.
    expect((await w.runAt('2026-01-01T23:00:00Z')).billed).toBe(0);
    expect((await w.runAt('2026-01-02T01:00:00Z')).billed).toBe(1);
    let inv = await w.invoices();
    expect(inv).toHaveLength(1);
    expect(inv[0]!.lines.map((l) => [l.description, l.quantity, l.amount])).toEqual([
      ['Managed seat · 2026-01-01 – 2026-01-31', '5.0000', 20000],
    ]);
    expect(inv[0]!.status).toBe('DRAFT');
    // February's invoice carries February's seats and January's approved time.
    await w.runAt('2026-02-02');
    await w.runAt('2026-02-03');
    inv = await w.invoices();
    expect(inv).toHaveLength(2);
    expect(inv[1]!.lines.map((l) => [l.description, l.amount])).toEqual([
      ['Managed seat · 2026-02-01 – 2026-02-28', 20000],
      ['Support', 15000],
    ]);
    expect((await w.runs()).map((r) => [r.bill_date, r.status])).toEqual([
      ['2026-01-01', 'DRAFTED'],
      ['2026-02-01', 'DRAFTED'],
    ]);
  });

  it("the forecast's next date is after the last date billed: today's, once run, is not the next invoice", async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { invoiceGraceHours: 0 } });
    const preview = () => w.billing.forecast.preview(w.org.id, w.f.client.id);
    const upcoming = () => w.billing.forecast.upcoming(w.org.id, 31);
    w.clock.set('2026-01-01T12:00:00Z');
    expect((await preview()).billDate).toBe('2026-01-01');
    expect((await upcoming()).map((u) => [u.billDate, u.recurringAmount])).toEqual([['2026-01-01', 20000]]);
    expect((await w.runAt('2026-01-01T12:00:00Z')).billed).toBe(1);
    const next = await preview();
    expect([next.billDate, next.subtotal]).toEqual(['2026-02-01', 20000]);
    expect((await upcoming()).map((u) => [u.billDate, u.recurringAmount])).toEqual([['2026-02-01', 20000]]);
  });

  it('a clock that jumps a year ahead bills every cycle once, and jumping back bills nothing again', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2027-01-02');
    const runs = await w.runs();
    expect(runs.map((r) => r.bill_date)).toEqual(
      Array.from({ length: 13 }, (_, i) => `${i < 12 ? 2026 : 2027}-${String((i % 12) + 1).padStart(2, '0')}-01`),
    );
    expect(await w.invoices()).toHaveLength(13);
    expect((await w.runAt('2026-06-15')).billed).toBe(0);
    expect((await w.runAt('2027-01-02')).billed).toBe(0);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM contract_charges c JOIN contract_lines l ON l.id = c.contract_line_id WHERE l.contract_id = $1`,
      [w.contract!.id],
    );
    expect(n).toBe(13);
  });

  it('an admin\'s "run now" bills at most its limit; the next run picks up where it stopped', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    w.clock.set('2026-06-02T12:00:00Z');
    expect((await w.billing.runner.runDue({ orgId: w.org.id, maxDates: 2 })).billed).toBe(2);
    expect((await w.billing.runner.runDue({ orgId: w.org.id })).billed).toBe(4);
    expect((await w.runs()).map((r) => r.bill_date.slice(5, 7))).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it('two runners at once bill each client and date exactly once', async () => {
    const w = await billingWorld(s, { since: '2026-03-01' });
    await w.f.approvedEntry(60, '2026-03-05');
    w.clock.set('2026-06-02T12:00:00Z');
    const [a, b] = await Promise.all([
      w.billing.runner.runDue({ orgId: w.org.id }),
      w.billing.runner.runDue({ orgId: w.org.id }),
    ]);
    expect(a.billed + b.billed).toBe(4);
    expect((await w.invoices()).map((i) => i.period_start)).toEqual([
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
    const [{ n }] = await s.container.db.query(
      `SELECT count(DISTINCT invoice_id)::int AS n FROM time_entries WHERE client_id = $1`,
      [w.f.client.id],
    );
    expect(n).toBe(1);
  });

  it('a crash halfway through a client leaves nothing behind; the retry bills it once', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    let crash = true;
    s.container.events.on('invoice.generated', async ({ orgId }) => {
      if (orgId === w.org.id && crash) throw new Error('worker died');
    });
    await w.runAt('2026-01-02');
    expect(await w.invoices()).toHaveLength(0);
    expect((await w.runs()).map((r) => [r.status, r.message])).toEqual([
      ['FAILED', 'Unexpected error; Settle retries it'],
    ]);
    crash = false;
    expect((await w.runAt('2026-01-02T12:03:00Z')).billed).toBe(0); // not yet: retried after 5 minutes
    await w.runAt('2026-01-02T12:06:00Z');
    expect((await w.runs()).map((r) => r.status)).toEqual(['DRAFTED']);
    expect(await w.invoices()).toHaveLength(1);
  });

  it('bills quarterly in arrears the day after each quarter ends, and prorates a partial first quarter', async () => {
    const w = await billingWorld(s, {
      since: '2026-02-15',
      contract: { cycle: 'QUARTERLY', billingTiming: 'ARREARS', anchorDay: 1, startDate: '2026-02-15' },
    });
    // Quarters step from the start month on the anchor day: Feb 1 – Apr 30 (89 days), May 1 – Jul 31, …
    await w.runAt('2026-05-02');
    await w.runAt('2026-08-02');
    const inv = await w.invoices();
    expect(
      inv.map((i) => i.lines.filter((l) => l.description.startsWith('Managed')).map((l) => [l.description, l.amount])),
    ).toEqual([
      [['Managed seat · 2026-02-15 – 2026-04-30 (75 of 89 days, 5 × 40.00)', 16854]],
      [['Managed seat · 2026-05-01 – 2026-07-31', 20000]],
    ]);
    expect((await w.runs()).map((r) => r.bill_date)).toEqual([
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
    ]);
  });

  it('prorates a mid-cycle seat change on the next invoice: a credit at the old quantity and a charge at the new', async () => {
    const { w, may } = await seatsChangedMidApril(s);
    // 15 of April's 30 days remain: 5 seats credited (100.00), 8 charged (160.00); May at 8 seats.
    expect(may.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([
      ['ITEM', 'Managed seat · 2026-05-01 – 2026-05-31', 32000],
      ['DISCOUNT', 'Unused time on 5 × Managed seat · 2026-04-16 – 2026-04-30 (15 of 30 days)', -10000],
      ['ITEM', 'Remaining time on 8 × Managed seat · 2026-04-16 – 2026-04-30 (15 of 30 days)', 16000],
    ]);
    expect(Number(may.subtotal)).toBe(38000);
    const [audit] = await s.container.db.query(
      `SELECT action, after FROM audit_events WHERE org_id = $1 AND action = 'contract.quantity-changed'`,
      [w.org.id],
    );
    expect(audit.after).toMatchObject({ quantity: 8, effectiveDate: '2026-04-16' });
  });
});
