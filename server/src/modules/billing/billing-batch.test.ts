import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { countStatements } from '../../../test/sql-count.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { billingWorld } from './billing-test-kit.js';

const s = settleForFile({ worker: false });

/** Clients of one org billed on one date go through in batches; one client's fault never holds back the rest. */
describe('the billing run in batches', () => {
  it('a client without a price fails alone, told why; once priced, its retry bills it once', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    const eur = await w.addClient('Euro GmbH', { currency: 'EUR' }, [
      { serviceId: w.f.service.id, quantity: 2, priceSource: 'CATALOG' },
    ]);
    const other = await w.addClient('Other Ltd');
    const summary = await w.runAt('2026-01-02');
    expect(summary.byStatus).toEqual({ SENT: 2, FAILED: 1 });
    const runs = await w.runs();
    const byClient = new Map(runs.map((r) => [r.client_id, r]));
    expect(byClient.get(eur.id)).toMatchObject({ status: 'FAILED', invoice_id: null });
    expect(byClient.get(eur.id)!.message).toContain('No price for "Support"');
    expect([byClient.get(w.f.client.id)!.status, byClient.get(other.id)!.status]).toEqual(['SENT', 'SENT']);
    expect((await w.invoices()).map((i) => [i.client_id, i.status])).toEqual(
      expect.arrayContaining([
        [w.f.client.id, 'SENT'],
        [other.id, 'SENT'],
      ]),
    );
    expect(await w.invoices()).toHaveLength(2);

    // Priced in EUR, the retry (due 5 minutes after the failure) bills it, and only it, once.
    await s.container.catalog.update(w.org.id, SYSTEM_ACTOR, w.f.service.id, {
      prices: [
        { currency: 'USD', unitAmount: 10000 },
        { currency: 'EUR', unitAmount: 9000 },
      ],
    });
    expect((await w.runAt('2026-01-02T12:01:00Z')).billed).toBe(0);
    expect((await w.runAt('2026-01-02T12:06:00Z')).byStatus).toEqual({ SENT: 1 });
    expect((await w.runAt('2026-01-02T13:00:00Z')).billed).toBe(0);
    const euroInvoices = (await w.invoices()).filter((i) => i.client_id === eur.id);
    expect(euroInvoices.map((i) => [i.status, Number(i.total)])).toEqual([['SENT', 18000]]);
    expect((await w.runs()).map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT']);
  });

  it('a batch that fails unexpectedly is billed client by client: only the client at fault is left FAILED', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    const faulty = await w.addClient('Faulty Inc');
    const other = await w.addClient('Other Ltd');
    let broken = true;
    const off = s.container.events.on('invoice.generated', async ({ invoices }) => {
      if (broken && invoices.some((i) => i.clientId === faulty.id)) throw new Error('disk full');
    });
    try {
      expect((await w.runAt('2026-01-02')).byStatus).toEqual({ DRAFTED: 2, FAILED: 1 });
      const runs = new Map((await w.runs()).map((r) => [r.client_id, r]));
      expect(runs.get(faulty.id)).toMatchObject({ status: 'FAILED', invoice_id: null });
      expect([runs.get(w.f.client.id)!.status, runs.get(other.id)!.status]).toEqual(['DRAFTED', 'DRAFTED']);
      expect((await w.invoices()).map((i) => i.client_id).sort()).toEqual([w.f.client.id, other.id].sort());
      // Its numbers were taken back with the failed batch: the invoices that stayed are numbered without a gap.
      const numbers = (await w.invoices()).map((i) => Number(i.number.replace(/\D/g, '')));
      expect(numbers[1]! - numbers[0]!).toBe(1);

      broken = false;
      expect((await w.runAt('2026-01-02T12:06:00Z')).byStatus).toEqual({ DRAFTED: 1 });
      expect((await w.invoices()).filter((i) => i.client_id === faulty.id)).toHaveLength(1);
    } finally {
      off();
    }
  });

  it('a batch costs the same statements with 2 clients as with 12: nothing is read or written per client', async () => {
    const small = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    await small.addClient('Second');
    await small.f.approvedEntry(60, '2025-12-15');
    small.clock.set('2026-01-02T12:00:00Z');
    const few = await countStatements(s.container.db, () => small.billing.runner.runDue({ orgId: small.org.id }));

    const big = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    for (let n = 1; n < 12; n++) await big.addClient(`Client ${n}`);
    await big.f.approvedEntry(60, '2025-12-15');
    big.clock.set('2026-01-02T12:00:00Z');
    const many = await countStatements(s.container.db, () => big.billing.runner.runDue({ orgId: big.org.id }));

    expect((await small.invoices()).map((i) => i.status)).toEqual(['SENT', 'SENT']);
    expect((await big.invoices()).filter((i) => i.status === 'SENT')).toHaveLength(12);
    expect(many.n).toBe(few.n);
  });
});
