import { describe, expect, it } from 'vitest';
import { byOrgLanes } from './stripe-event-processor.js';

const item = (org: string, n: number) => ({ row: { org_id: org, n } });

describe('commit lanes of a claim', () => {
  it('keeps every org whole and in order in one lane, and balances the lanes', () => {
    const items = [item('a', 1), item('b', 1), item('a', 2), item('c', 1), item('a', 3), item('b', 2), item('d', 1)];
    const lanes = byOrgLanes(items, 2);
    expect(lanes.flat()).toHaveLength(items.length);
    for (const org of ['a', 'b', 'c', 'd']) {
      const holding = lanes.filter((l) => l.some((i) => i.row.org_id === org));
      expect(holding).toHaveLength(1);
      expect(holding[0]!.filter((i) => i.row.org_id === org).map((i) => i.row.n)).toEqual(
        items.filter((i) => i.row.org_id === org).map((i) => i.row.n),
      );
    }
    expect(lanes.map((l) => l.length).sort()).toEqual([3, 4]);
  });

  it('gives one org one lane, however many events it has', () => {
    expect(byOrgLanes([item('a', 1), item('a', 2)], 2)).toEqual([[item('a', 1), item('a', 2)]]);
  });
});
