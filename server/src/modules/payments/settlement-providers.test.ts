import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { providerActor } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from './payment.entity.js';
import { invoiceRowReader } from './settlement.test-support.js';

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Settle Providers Org');
const f = forFile(() => billingFixture(s.container, a.org.id, { catalogPrice: 10000 }));
const stripe = providerActor('stripe', 'evt_test');
const invoiceRow = invoiceRowReader(s);

describe('the settlement path for providers', () => {
  it('treats a replayed external id as a no-op, also when replays race', async () => {
    const inv = await f.sentInvoice(60);
    const input = {
      invoiceId: inv.id,
      amount: 3000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: 'ch_replay_1',
    };
    const first = await s.container.settlement.settle(a.org.id, stripe, input);
    expect(first.replayed).toBe(false);
    const again = await s.container.settlement.settle(a.org.id, stripe, input);
    expect(again).toMatchObject({ replayed: true, payment: { id: first.payment.id } });
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        s.container.settlement.settle(a.org.id, stripe, { ...input, externalId: 'ch_replay_2' }),
      ),
    );
    expect(racing.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await invoiceRow(inv.id)).toMatchObject({ paid: 6000, status: 'PARTIALLY_PAID' });
    const [{ n }] = await s.container.db.query(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1`, [
      inv.id,
    ]);
    expect(n).toBe(2);
    // The same external id from another source is another payment.
    const qb = await s.container.settlement.settle(a.org.id, providerActor('quickbooks', '1'), {
      ...input,
      source: PaymentSource.QUICKBOOKS,
      method: PaymentMethod.ACH,
    });
    expect(qb.replayed).toBe(false);
  });

  it('re-derives status on refunds (negative settlements), never refunding more than was paid', async () => {
    const inv = await f.sentInvoice(60);
    await s.container.settlement.settle(a.org.id, stripe, {
      invoiceId: inv.id,
      amount: 10000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: 'ch_r1',
    });
    expect((await invoiceRow(inv.id)).status).toBe('PAID');
    const refund = await s.container.settlement.settle(a.org.id, stripe, {
      invoiceId: inv.id,
      amount: -2500,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: 're_r1',
    });
    expect(refund.payment).toMatchObject({ kind: 'REFUND', amount: -2500 });
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'PARTIALLY_PAID', paid: 7500, balance: 2500 });
    await expect(
      s.container.settlement.settle(a.org.id, stripe, {
        invoiceId: inv.id,
        amount: -7501,
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: 're_r2',
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    await s.container.settlement.settle(a.org.id, stripe, {
      invoiceId: inv.id,
      amount: -7500,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: 're_r3',
    });
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'SENT', paid: 0, balance: 10000 });
    const audit = (await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: inv.id }, { first: 10 }))
      .nodes;
    expect(audit[0]).toMatchObject({
      action: 'invoice.refund_recorded',
      actorType: 'PROVIDER',
      source: 'stripe',
      before: { status: 'PARTIALLY_PAID' },
      after: { status: 'SENT' },
    });
  });

  it('records provider money past the balance as an overpayment instead of refusing it', async () => {
    const inv = await f.sentInvoice(60);
    const r = await s.container.settlement.settle(a.org.id, stripe, {
      invoiceId: inv.id,
      amount: 12000,
      source: PaymentSource.STRIPE,
      method: PaymentMethod.CARD,
      externalId: 'ch_over',
      allowOverpayment: true,
    });
    expect(r.invoice).toMatchObject({ status: 'PAID', balanceDue: 0, amountPaid: 12000 });
    const actions = (
      await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: inv.id }, { first: 5 })
    ).nodes.map((e) => e.action);
    expect(actions).toContain('invoice.overpaid');
  });
});
