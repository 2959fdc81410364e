import { useState } from 'react';

let nextKey = 0;

/**
 * The rows of a repeatable group of inputs (a service's prices, a client's rates, a draft's lines), each
 * with a `key` for React: change one, remove one, or add one at the end.
 */
export function useRows<R extends { key: string }>(initial: () => R[]) {
  const [rows, setRows] = useState(initial);
  return {
    rows,
    update: (key: string, change: Partial<R>) =>
      setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r))),
    remove: (key: string) => setRows((rs) => rs.filter((r) => r.key !== key)),
    add: (row: Omit<R, 'key'>) => setRows((rs) => [...rs, { ...row, key: `new-${nextKey++}` } as R]),
    /** Changes every row at once (`change` gets each row, returns its new fields). */
    updateAll: (change: (row: R) => Partial<R>) => setRows((rs) => rs.map((r) => ({ ...r, ...change(r) }))),
  };
}
