import { describe, expect, it } from 'vitest';
import {
  billingDate,
  cycleProblem,
  periodOf,
  proratedAmount,
  servicePeriods,
  type CycleSpec,
} from './contract-cycle.js';
import { cycleSpec as spec } from './contract-test-kit.js';

const spans = (s: CycleSpec, until: string) =>
  servicePeriods(s, until).map((p) => `${p.start}..${p.end} ${p.days}/${p.fullDays}`);

describe('contract cycles', () => {
  it('monthly on the 1st: calendar months, a partial first month prorated by days', () => {
    expect(spans(spec({ startDate: '2026-01-20' }), '2026-04-01')).toEqual([
      '2026-01-20..2026-01-31 12/31',
      '2026-02-01..2026-02-28 28/28',
      '2026-03-01..2026-03-31 31/31',
    ]);
  });

  it('an anchor on the 31st falls on the last day of short months, leap years included', () => {
    expect(spans(spec({ startDate: '2028-01-31', anchorDay: 31 }), '2028-05-01')).toEqual([
      '2028-01-31..2028-02-28 29/29',
      '2028-02-29..2028-03-30 31/31',
      '2028-03-31..2028-04-29 30/30',
      '2028-04-30..2028-05-30 31/31',
    ]);
  });

  it('quarterly and yearly step from the start month; the end date cuts the last period', () => {
    expect(spans(spec({ cycle: 'QUARTERLY', startDate: '2026-02-15', anchorDay: 15 }), '2026-12-31')).toEqual([
      '2026-02-15..2026-05-14 89/89',
      '2026-05-15..2026-08-14 92/92',
      '2026-08-15..2026-11-14 92/92',
      '2026-11-15..2027-02-14 92/92',
    ]);
    expect(spans(spec({ cycle: 'YEARLY', startDate: '2027-03-01', endDate: '2029-06-30' }), '2031-01-01')).toEqual([
      '2027-03-01..2028-02-29 366/366',
      '2028-03-01..2029-02-28 365/365',
      '2029-03-01..2029-06-30 122/365',
    ]);
  });

  it('every two weeks from the first anchor weekday on or after the start', () => {
    // 2026-12-02 is a Wednesday; anchor Monday (1): a partial first stretch to Sunday 2026-12-06.
    expect(
      spans(spec({ cycle: 'WEEKLY', intervalWeeks: 2, anchorDay: 1, startDate: '2026-12-02' }), '2027-01-01'),
    ).toEqual(['2026-12-02..2026-12-06 5/14', '2026-12-07..2026-12-20 14/14', '2026-12-21..2027-01-03 14/14']);
  });

  it('bills a period when it starts (advance) or the day after it ends (arrears)', () => {
    const p = { start: '2026-02-01', end: '2026-02-28' };
    expect(billingDate(p, 'ADVANCE')).toBe('2026-02-01');
    expect(billingDate(p, 'ARREARS')).toBe('2026-03-01');
    expect(periodOf(spec({}), '2026-02-14')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf(spec({ endDate: '2026-03-31' }), '2026-04-01')).toBeNull();
  });

  it('prorates in integer minor units, half up', () => {
    expect(proratedAmount(5, 4000, 12, 31)).toBe(7742); // 5 × 40.00 × 12/31 = 77.419…
    expect(proratedAmount(1, 100, 1, 2)).toBe(50);
    expect(proratedAmount(3, 1, 1, 2)).toBe(2); // 1.5 rounds up
    expect(proratedAmount(7, 9999, 28, 28)).toBe(69993);
  });

  it('names the field that is wrong', () => {
    expect(cycleProblem(spec({ anchorDay: 32 }))?.[0]).toBe('anchorDay');
    expect(cycleProblem(spec({ cycle: 'WEEKLY', anchorDay: 8 }))?.[0]).toBe('anchorDay');
    expect(cycleProblem(spec({ cycle: 'WEEKLY', intervalWeeks: 0, anchorDay: 1 }))?.[0]).toBe('intervalWeeks');
    expect(cycleProblem(spec({ endDate: '2025-12-31' }))?.[0]).toBe('endDate');
    expect(cycleProblem(spec({}))).toBeNull();
  });
});
