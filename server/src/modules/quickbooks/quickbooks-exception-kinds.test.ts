import { describe, expect, it } from 'vitest';
import { exceptionKindOf, QuickBooksExceptionKind } from './quickbooks-exception-kinds.js';
import { OpKind } from './quickbooks-operation-kinds.js';

describe('QuickBooksExceptionKind', () => {
  it('names every operation kind and what Settle finds in QuickBooks; an unknown stored kind is OTHER', () => {
    for (const k of Object.keys(OpKind)) expect(exceptionKindOf(k)).toBe(k);
    expect(exceptionKindOf('TOTAL_MISMATCH')).toBe('TOTAL_MISMATCH');
    expect(exceptionKindOf('PAYMENT_DELETED_IN_QUICKBOOKS')).toBe('PAYMENT_DELETED_IN_QUICKBOOKS');
    expect(exceptionKindOf('SOMETHING_NEW')).toBe('OTHER');
    expect(Object.keys(QuickBooksExceptionKind)).toContain('OTHER');
  });
});
