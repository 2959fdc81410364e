import { describe, expect, it } from 'vitest';
import { todayIn } from './dates';

describe('todayIn', () => {
  it("is the date on the zone's wall, not the browser's or UTC's", () => {
    const instant = new Date('2026-12-08T03:30:00Z'); // evening of the 7th in New York, morning of the 8th in Tokyo
    expect(todayIn('America/New_York', instant)).toBe('2026-12-07');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-12-08');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-12-31T10:30:00Z'))).toBe('2027-01-01');
  });
});
