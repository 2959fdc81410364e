import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';

/**
 * A price changing (same currency) after generateInvoices started but before a client's own transaction:
 * the invoice is priced from what stands when it is written, under the client's lock, not from a read
 * made before it.
 */
const s = settleForFile({ worker: false });

/** Runs `change` (committed) just as each client's transaction starts, then generation goes on. */
async function generateWith(change: () => Promise<unknown>, orgId: string, clientId: string) {
  const generation = s.container.generation as unknown as { generateForClient: (...args: unknown[]) => unknown };
  const original = generation.generateForClient.bind(generation);
  generation.generateForClient = async (...args: unknown[]) => {
    await change();
    return original(...args);
  };
  try {
    return await s.container.generation.generate(orgId, SYSTEM_ACTOR, {
      clientIds: [clientId],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
  } finally {
    delete (generation as { generateForClient?: unknown }).generateForClient;
  }
}

describe('generateInvoices and a price change', () => {
  it('a negotiated rate changed after generation read the prices is billed at the new rate', async () => {
    const { org } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    await s.container.clients.update(org.id, f.actor, f.client.id, {
      rates: [{ serviceId: f.service.id, unitAmount: 12000 }],
    });
    await f.approvedEntry(60);
    const r = await generateWith(
      () =>
        s.container.clients.update(org.id, f.actor, f.client.id, {
          rates: [{ serviceId: f.service.id, unitAmount: 9000 }],
        }),
      org.id,
      f.client.id,
    );
    expect(r.skipped).toEqual([]);
    // It used to be USD 120.00: the rate read before the client's transaction.
    expect(r.invoices.map((i) => [i.currency, Number(i.total)])).toEqual([['USD', 9000]]);
  });

  it('a catalog price changed after generation read the prices is billed at the new price', async () => {
    const { org } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    await f.approvedEntry(60);
    const r = await generateWith(
      () =>
        s.container.catalog.update(org.id, f.actor, f.service.id, { prices: [{ currency: 'USD', unitAmount: 15000 }] }),
      org.id,
      f.client.id,
    );
    // It used to be USD 100.00, the catalog price read before the client's transaction.
    expect(r.invoices.map((i) => [i.currency, Number(i.total)])).toEqual([['USD', 15000]]);
  });
});
