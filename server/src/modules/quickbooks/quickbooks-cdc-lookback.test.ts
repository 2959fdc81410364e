import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import * as qb from './quickbooks.test-support.js';

// QuickBooks' change data capture answers the last 30 days only (changedSince further back is refused),
// and at most 1,000 objects at a time.
const w = forFile(() => qb.startQbWorld());

describe('the CDC poll after weeks without one', () => {
  it('a watermark older than 30 days does not stall the poll: it reads the last 30 days and says what it could not', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    // QuickBooks reconnected after six weeks: the watermark is from before.
    await c.db.query(`UPDATE qbo_connections SET cdc_watermark = $2 WHERE org_id = $1`, [
      s.org.id,
      new Date(Date.now() - 42 * 24 * 3600_000).toISOString(),
    ]);
    await qb.control(w.emu, '/webhooks/faults', { mode: 'drop', count: 5 });
    await qb.payNow(s.link);
    await qb.control(w.emu, '/webhooks/flush', {});
    await qb.control(w.emu, '/webhooks/faults', undefined, 'DELETE');

    const inbound = qb.quickBooksOf(c).inbound;
    // This poll, or the scheduled one running beside it (its booking may commit a moment after ours returns).
    await inbound.pollCdc(s.org.id);
    await eventually(
      async () => (await c.db.manager.findOneByOrFail(Invoice, { id: s.invoice.id })).status === InvoiceStatus.PAID,
      'the Pay Now payment to be booked',
    );
    const [{ cdc_watermark }] = await c.db.query(`SELECT cdc_watermark FROM qbo_connections WHERE org_id = $1`, [
      s.org.id,
    ]);
    expect(Date.parse(cdc_watermark)).toBeGreaterThan(Date.now() - 3600_000);
    const raised = await c.db.query(`SELECT kind, message FROM qbo_exceptions WHERE org_id = $1`, [s.org.id]);
    expect(raised).toEqual([{ kind: 'INBOUND_PAYMENT', message: expect.stringContaining('30 days') }]);
    // The next poll starts from the new watermark: nothing more to say.
    expect(await inbound.pollCdc(s.org.id)).toBe(0);
    expect(await c.db.query(`SELECT 1 FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toHaveLength(1);
  });

  it('more than 1,000 changes since the last poll: the ones past the first answer are read too', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    const customer = (await qb.qbIdOf(w, s.org.id, 'CLIENT', s.fixture.client.id))!;
    await qb.control(w.emu, '/webhooks/faults', { mode: 'drop', count: 2000 });
    // A bookkeeper's import: 1,000 payments of 1.00 left unapplied, then (a second later) the Pay Now payment.
    for (let batch = 0; batch < 1000 / 25; batch++) {
      const items = Array.from({ length: 25 }, (_, i) => ({
        bId: `p${batch}-${i}`,
        operation: 'create',
        Payment: { CustomerRef: { value: customer }, TotalAmt: 1 },
      }));
      await qb.call((cb) => s.qbo.batch(items, cb));
    }
    await qb.control(w.emu, '/clock/advance', { seconds: 2 });
    await qb.payNow(s.link);
    await qb.control(w.emu, '/webhooks/flush', {});
    await qb.control(w.emu, '/webhooks/faults', undefined, 'DELETE');

    // This poll, or the scheduled one running beside it (the full suite saw it take the first answer):
    // either way the payment past the first 1,000 is read (polls starting at QuickBooks' time never read it).
    await eventually(async () => {
      await qb.quickBooksOf(c).inbound.pollCdc(s.org.id);
      return (await c.db.manager.findOneByOrFail(Invoice, { id: s.invoice.id })).status === InvoiceStatus.PAID;
    }, 'the Pay Now payment past the first 1,000 changes to be read');
  }, 60_000);
});
