import { describe, expect, it } from 'vitest';
import type { StripeApi } from './stripe-client.js';
import { ClaimReads } from './stripe-claim-reads.js';

const provider = {} as StripeApi;
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('ClaimReads (the Stripe reads of one claim)', () => {
  it('reads each object once per org however many events name it', async () => {
    const reads = new ClaimReads(async () => provider);
    let calls = 0;
    const fetch = async () => {
      calls++;
      await tick();
      return { id: 'cs_1' };
    };
    const a = reads.for('org-a');
    const got = await Promise.all([
      a.read('session:cs_1', fetch),
      a.read('session:cs_1', fetch),
      a.read('session:cs_1', fetch),
      reads.for('org-b').read('session:cs_1', fetch),
    ]);
    expect(got.every((g) => g.id === 'cs_1')).toBe(true);
    // Once for org A (three events), once for org B: never one org's answer for another.
    expect(calls).toBe(2);
  });

  it('keeps at most `perOrg` reads of one org in flight, without holding back other orgs', async () => {
    const reads = new ClaimReads(async () => provider, 3);
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const fetchFor = (org: string) => async () => {
      inFlight.set(org, (inFlight.get(org) ?? 0) + 1);
      peak.set(org, Math.max(peak.get(org) ?? 0, inFlight.get(org)!));
      await tick();
      inFlight.set(org, inFlight.get(org)! - 1);
      return org;
    };
    await Promise.all([
      ...Array.from({ length: 12 }, (_, n) => reads.for('busy').read(`obj:${n}`, fetchFor('busy'))),
      ...Array.from({ length: 2 }, (_, n) => reads.for('quiet').read(`obj:${n}`, fetchFor('quiet'))),
    ]);
    expect(peak.get('busy')).toBe(3);
    expect(peak.get('quiet')).toBe(2);
  });

  it('an org without a Stripe connection fails its reads (retried later), it does not reject them', async () => {
    const reads = new ClaimReads(async () => null);
    await expect(reads.for('org').read('x', async () => 1)).rejects.toThrow('Stripe is not connected');
  });

  it('one list call brings many objects of an org; one the list does not have is read on its own', async () => {
    const reads = new ClaimReads(async () => provider);
    const pages: Array<{ gte: number; lte: number }> = [];
    const list = async (_p: StripeApi, page: { gte: number; lte: number }) => {
      pages.push(page);
      return {
        data: [
          { id: 'cs_1', v: 'listed' },
          { id: 'cs_2', v: 'listed' },
          { id: 'cs_other', v: 'listed' },
        ],
        hasMore: false,
      };
    };
    reads.prefetch('org', {
      key: (id) => `session:${id}`,
      wanted: [
        { id: 'cs_1', created: 10 },
        { id: 'cs_2', created: 30 },
        { id: 'cs_3', created: 20 },
      ],
      list,
    });
    let retrieved = 0;
    const one = (id: string) => async () => {
      retrieved++;
      return { id, v: 'retrieved' };
    };
    const a = reads.for('org');
    const got = await Promise.all(['cs_1', 'cs_2', 'cs_3'].map((id) => a.read(`session:${id}`, one(id))));
    expect(got.map((g) => g.v)).toEqual(['listed', 'listed', 'retrieved']);
    expect(retrieved).toBe(1);
    expect(pages).toEqual([{ gte: 10, lte: 30, startingAfter: undefined }]);
  });

  it('a failed list falls back to reading each object; a single object is never listed', async () => {
    const reads = new ClaimReads(async () => provider);
    let listed = 0;
    const failing = async () => {
      listed++;
      throw new Error('network');
    };
    reads.prefetch('org', {
      key: (id) => `invoice:${id}`,
      wanted: [
        { id: 'in_1', created: 1 },
        { id: 'in_2', created: 2 },
      ],
      list: failing,
    });
    reads.prefetch('solo', { key: (id) => `invoice:${id}`, wanted: [{ id: 'in_9', created: 1 }], list: failing });
    const got = await Promise.all(['in_1', 'in_2'].map((id) => reads.for('org').read(`invoice:${id}`, async () => id)));
    expect(got).toEqual(['in_1', 'in_2']);
    expect(await reads.for('solo').read('invoice:in_9', async () => 'in_9')).toBe('in_9');
    expect(listed).toBe(1);
  });
});
