import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { contractsOf } from './contracts.services.js';

/** A fixed price added to a contract while its client's currency changes is never left in the old currency. */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Contract Currency Org');

describe('a fixed contract price and a currency change', () => {
  it('a currency change while a fixed line is being added waits for it, then is refused', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Contract Client' });
    const contracts = contractsOf(s.container);
    const contract = await contracts.create(
      A.org.id,
      SYSTEM_ACTOR,
      f.contractInput({ billingTiming: 'ADVANCE' as const }),
    );
    const audit = s.container.audit as unknown as { record: (...args: unknown[]) => Promise<void> };
    const record = audit.record.bind(audit);
    let change: Promise<string> | undefined;
    // Inside addLine's transaction, once the line is written: the client's currency changes.
    audit.record = async (...args) => {
      await record(...args);
      if (args[4] !== 'contract.line-added' || change) return;
      change = s.container.clients.update(A.org.id, SYSTEM_ACTOR, f.client.id, { currency: 'JPY' }).then(
        () => 'changed',
        (err: Error) => err.message,
      );
      let settled = false;
      void change.finally(() => (settled = true));
      await eventually(async () => {
        const [{ n }] = (await s.container.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FROM "clients"%FOR UPDATE%'`,
        )) as Array<{ n: number }>;
        return settled || n > 0;
      }, 'the currency change to wait or land');
    };
    try {
      await contracts.addLine(A.org.id, SYSTEM_ACTOR, contract.id, {
        serviceId: f.service.id,
        quantity: 2,
        priceSource: 'FIXED',
        unitPrice: 4000,
        description: 'Managed seat',
      });
    } finally {
      delete (audit as { record?: unknown }).record;
    }
    // It used to land: USD 40.00 a seat, billed as JPY 4,000.
    expect(await change).toMatch(/currency cannot change while its contracts have fixed prices in USD/);
    expect((await s.container.clients.get(A.org.id, f.client.id)).currency).toBe('USD');
  });
});
