import { describe, expect, it } from 'vitest';
import { isConnectionLoss } from './process-safety.js';

describe('isConnectionLoss', () => {
  it('knows a lost or refused PostgreSQL connection', () => {
    expect(
      isConnectionLoss(
        Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' }),
      ),
    ).toBe(true);
    expect(
      isConnectionLoss(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(
      isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves every other error fatal', () => {
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(new TypeError('x is undefined'))).toBe(false);
    expect(isConnectionLoss('a string')).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});
