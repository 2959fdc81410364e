import { describe, expect, it } from 'vitest';
import { isTimeZone, startOfDayIn, todayIn } from './time-zone.js';

describe('todayIn', () => {
  it('is the date on the wall of the zone, not in UTC', () => {
    // 23:30 in New York on March 31 (EDT, UTC-4) is 03:30 UTC on April 1.
    expect(todayIn('America/New_York', new Date('2026-04-01T03:30:00Z'))).toBe('2026-03-31');
    expect(todayIn('UTC', new Date('2026-04-01T03:30:00Z'))).toBe('2026-04-01');
    // Sydney (AEDT, UTC+11 until April 5) is already on April 1 at 13:30 UTC on March 31.
    expect(todayIn('Australia/Sydney', new Date('2026-03-31T13:30:00Z'))).toBe('2026-04-01');
    expect(todayIn('Australia/Sydney', new Date('2026-03-31T12:59:59Z'))).toBe('2026-03-31');
  });

  it('follows daylight saving time on both sides of a change', () => {
    // New York springs forward on 2026-03-08 (UTC-5 → UTC-4) and falls back on 2026-11-01 (UTC-4 → UTC-5).
    expect(todayIn('America/New_York', new Date('2026-03-08T04:59:59Z'))).toBe('2026-03-07'); // 23:59:59 EST
    expect(todayIn('America/New_York', new Date('2026-03-09T03:59:59Z'))).toBe('2026-03-08'); // 23:59:59 EDT
    expect(todayIn('America/New_York', new Date('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
    expect(todayIn('America/New_York', new Date('2026-11-02T04:59:59Z'))).toBe('2026-11-01'); // 23:59:59 EST
    expect(todayIn('America/New_York', new Date('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
    // Sydney falls back on 2026-04-05 (UTC+11 → UTC+10).
    expect(todayIn('Australia/Sydney', new Date('2026-04-05T13:59:59Z'))).toBe('2026-04-05');
    expect(todayIn('Australia/Sydney', new Date('2026-04-05T14:00:00Z'))).toBe('2026-04-06');
  });

  it('crosses the date line: Kiribati and Samoa a day ahead of Honolulu at the same instant', () => {
    const at = new Date('2026-06-15T11:00:00Z');
    expect(todayIn('Pacific/Kiritimati', at)).toBe('2026-06-16'); // UTC+14
    expect(todayIn('Pacific/Apia', at)).toBe('2026-06-16'); // UTC+13
    expect(todayIn('Pacific/Honolulu', at)).toBe('2026-06-15'); // UTC-10
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-06-15T10:59:59Z'))).toBe('2026-06-14'); // UTC-11
  });

  it('pads months and days and keeps the year of the zone at New Year', () => {
    expect(todayIn('Asia/Tokyo', new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('America/Los_Angeles', new Date('2027-01-01T07:59:00Z'))).toBe('2026-12-31');
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and UTC, refuses the rest', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Australia/Sydney')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    for (const bad of ['', 'EST', 'america/new_york', '+05:00', 'Mars/Olympus_Mons', 'UTC+1'])
      expect(isTimeZone(bad), bad).toBe(false);
  });
});

describe('startOfDayIn', () => {
  it('is local midnight as an instant, across offsets and daylight saving', () => {
    expect(startOfDayIn('UTC', '2026-03-31').toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(startOfDayIn('America/New_York', '2026-03-31').toISOString()).toBe('2026-03-31T04:00:00.000Z');
    expect(startOfDayIn('America/New_York', '2026-01-15').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2026-04-01').toISOString()).toBe('2026-03-31T13:00:00.000Z');
    expect(startOfDayIn('Australia/Sydney', '2026-04-06').toISOString()).toBe('2026-04-05T14:00:00.000Z');
    expect(startOfDayIn('Pacific/Kiritimati', '2026-06-16').toISOString()).toBe('2026-06-15T10:00:00.000Z');
  });

  it('starts a day whose midnight daylight saving skips at the end of the gap', () => {
    // Santiago springs forward at 24:00 on 2026-09-05: 2026-09-06 begins at 01:00 (UTC-3).
    expect(startOfDayIn('America/Santiago', '2026-09-06').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });
});
