import { describe, expect, it } from 'vitest';
import type { PaymentProvider } from './stripe-client.js';
import { ClaimReads } from './stripe-claim-reads.js';

const provider = {} as PaymentProvider;
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
    const got = await Promise.all([a.read('session:cs_1', fetch), a.read('session:cs_1', fetch), a.read('session:cs_1', fetch), reads.for('org-b').read('session:cs_1', fetch)]);
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
});
