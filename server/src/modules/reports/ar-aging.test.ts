import { describe, expect, it } from 'vitest';
import { agingBucket, isOutstanding } from './ar-aging.js';

describe('ar aging', () => {
  it('buckets days past due', () => {
    expect(agingBucket(0)).toBe('current');
    expect(agingBucket(31)).toBe('days31to60');
    expect(agingBucket(91)).toBe('days90plus');
  });

  it('an uncollectible invoice is not outstanding', () => {
    expect(isOutstanding('SENT', 100)).toBe(true);
    expect(isOutstanding('PARTIALLY_PAID', 1)).toBe(true);
    expect(isOutstanding('UNCOLLECTIBLE', 100)).toBe(false);
    expect(isOutstanding('VOID', 100)).toBe(false);
    expect(isOutstanding('SENT', 0)).toBe(false);
  });
});
