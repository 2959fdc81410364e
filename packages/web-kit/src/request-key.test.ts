import { describe, expect, it } from 'vitest';
import { newRequestKey } from './request-key';

describe('newRequestKey', () => {
  it('is 32 hex characters, new each time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newRequestKey()));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
  });
});
