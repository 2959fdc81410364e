import { useMemo } from 'react';

/**
 * A fresh Idempotency-Key for one money action (a dialog's submit and its retries share it, so a retry
 * after a lost answer gets the first result back instead of moving money twice). From getRandomValues,
 * which works on plain http too (crypto.randomUUID needs a secure context).
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key of a dialog that stays mounted: a new one each time it opens, the same for its retries. */
export function useRequestKey(opened: boolean): string {
  // `opened` is the point: each opening is another action.
  return useMemo(() => (opened ? newRequestKey() : ''), [opened]);
}
