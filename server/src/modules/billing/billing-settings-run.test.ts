import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { countStatements } from '../../../test/sql-count.js';
import { contractsOf } from '../contracts/contracts.services.js';
import { effectiveBillingSettingsFor } from './billing-settings.service.js';
import { billingWorld } from './billing-test-kit.js';

const s = settleForFile({ worker: false });

const emailsTo = async (orgId: string) =>
  (await s.container.db.query(`SELECT kind, subject FROM emails WHERE org_id = $1 ORDER BY created_at`, [
    orgId,
  ])) as Array<{
    kind: string;
    subject: string;
  }>;

describe('billing settings in the run', () => {
  it('auto-send finalizes and emails the invoice; a client override keeps its invoices as drafts', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    await w.runAt('2026-01-02');
    expect((await w.invoices()).map((i) => i.status)).toEqual(['SENT']);
    expect((await w.runs()).map((r) => r.status)).toEqual(['SENT']);
    expect((await emailsTo(w.org.id)).map((e) => e.kind)).toEqual(['invoice']);

    await w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { clientId: w.f.client.id, review: 'DRAFT' });
    expect(await w.billing.settings.get(w.org.id, w.f.client.id)).toMatchObject({
      review: 'DRAFT',
      overridden: ['review'],
    });
    await w.runAt('2026-02-02');
    expect((await w.invoices()).map((i) => i.status)).toEqual(['SENT', 'DRAFT']);
    expect(await emailsTo(w.org.id)).toHaveLength(1);
  });

  it('the Checkout-link method emails the pay link even to a client whose emails go without one; plain email does not', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND', sendMethod: 'EMAIL' } });
    await s.container.db.query(`UPDATE clients SET email_pay_link = false WHERE id = $1`, [w.f.client.id]);
    // The org's online payment provider (Stripe is not connected in this file) offers each invoice a link.
    const providers = s.container.paymentProviders;
    const original = providers.payUrls.bind(providers);
    providers.payUrls = async (tx, orgId, invoices) =>
      orgId === w.org.id ? invoices.map((i) => `https://pay.test/${i.id}`) : original(tx, orgId, invoices);
    try {
      await w.runAt('2026-01-02');
      await w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { sendMethod: 'CHECKOUT_LINK' });
      await w.runAt('2026-02-02');
    } finally {
      providers.payUrls = original;
    }
    const bodies = (await s.container.db.query(
      `SELECT e.text_body FROM emails e JOIN invoices i ON i.id = e.related_id WHERE e.org_id = $1 AND e.kind = 'invoice' ORDER BY i.number`,
      [w.org.id],
    )) as Array<{ text_body: string }>;
    const [january, february] = await w.invoices();
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.text_body).not.toContain('https://pay.test/');
    expect(bodies[1]!.text_body).toContain(`online: https://pay.test/${february!.id}`);
    expect(january!.status).toBe('SENT');
  });

  it('a client without a billing email gets its invoice as a draft and a clear message, never a silent skip', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    await s.container.db.query(`UPDATE clients SET billing_email = '' WHERE id = $1`, [w.f.client.id]);
    await w.runAt('2026-01-02');
    const [run] = await w.runs();
    expect(run!.status).toBe('NEEDS_ATTENTION');
    expect(run!.message).toMatch(/has no billing email: invoice .* waits as a draft/);
    expect((await w.invoices()).map((i) => i.status)).toEqual(['DRAFT']);
    const [upcoming] = await w.billing.forecast.upcoming(w.org.id, 40);
    expect(upcoming!.problem).toMatch(/No billing email/);
  });

  it('a line without a price fails the run with the reason, writes no invoice, and bills once the price exists', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', contract: null });
    const euroOnly = await s.container.catalog.create(w.org.id, SYSTEM_ACTOR, {
      code: 'BACKUP',
      name: 'Cloud backup',
      prices: [{ currency: 'EUR', unitAmount: 900 }],
    });
    await contractsOf(s.container).create(w.org.id, SYSTEM_ACTOR, {
      clientId: w.f.client.id,
      name: 'Backup',
      cycle: 'MONTHLY',
      billingTiming: 'ADVANCE',
      startDate: '2026-01-01',
      lines: [{ serviceId: euroOnly.id, quantity: 3, priceSource: 'NEGOTIATED' }],
    });
    await w.runAt('2026-01-02');
    expect(await w.invoices()).toEqual([]);
    const [failed] = await w.runs();
    expect(failed).toMatchObject({ status: 'FAILED', invoice_id: null });
    expect(failed!.message).toBe(
      'No price for "Cloud backup" in the client\'s currency: set a catalog price, a client rate or a fixed price',
    );
    await s.container.clients.update(w.org.id, SYSTEM_ACTOR, w.f.client.id, {
      rates: [{ serviceId: euroOnly.id, unitAmount: 1200 }],
    });
    await w.runAt('2026-01-02T12:10:00Z');
    expect((await w.runs()).map((r) => r.status)).toEqual(['DRAFTED']);
    expect((await w.invoices())[0]!.lines.map((l) => [l.description, l.amount])).toEqual([
      ['Cloud backup · 2026-01-01 – 2026-01-31', 3600],
    ]);
  });

  it("many clients' settings in one query: each client's own override, else the org's, as get() says", async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { review: 'AUTO_SEND' } });
    const other = await s.container.clients.create(w.org.id, SYSTEM_ACTOR, {
      name: 'Other client',
      billingEmail: 'ap@other.test',
      currency: 'USD',
    });
    await w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { clientId: other.id, review: 'DRAFT', invoiceGraceHours: 2 });
    const ids = [w.f.client.id, other.id];
    const read = () => effectiveBillingSettingsFor(s.container.db.manager, w.org.id, ids);
    expect((await countStatements(s.container.db, read)).n).toBe(1);
    const all = await read();
    expect(all.get(other.id)).toMatchObject({
      autoBilling: true,
      review: 'DRAFT',
      invoiceGraceHours: 2,
      overridden: ['invoiceGraceHours', 'review'],
    });
    expect(all.get(w.f.client.id)).toMatchObject({ review: 'AUTO_SEND', invoiceGraceHours: 24, overridden: [] });
    for (const id of ids) expect(all.get(id)).toEqual(await w.billing.settings.get(w.org.id, id));
  });

  it('turning automatic billing on does not bill periods before that day', async () => {
    const w = await billingWorld(s, { since: '2026-05-10', contract: { startDate: '2026-03-01' } });
    await w.runAt('2026-06-02');
    // March to May were before automatic billing began; June is its first cycle.
    expect((await w.invoices()).map((i) => i.period_start)).toEqual(['2026-06-01']);
  });

  it('a client\'s override "off" dropped later bills from that day, not the months it was off', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2026-01-02');
    w.clock.set('2026-01-15T10:00:00Z');
    await w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { clientId: w.f.client.id, autoBilling: false });
    await w.runAt('2026-02-02');
    await w.runAt('2026-03-02');
    // Back on the org's settings (on since January): February to April were billed by hand, if at all.
    w.clock.set('2026-04-10T10:00:00Z');
    await w.billing.settings.set(w.org.id, SYSTEM_ACTOR, { clientId: w.f.client.id, autoBilling: null });
    expect(await w.billing.settings.get(w.org.id, w.f.client.id)).toMatchObject({
      autoBilling: true,
      autoBillingSince: '2026-04-10',
      overridden: [],
    });
    await w.runAt('2026-04-11');
    await w.runAt('2026-05-02');
    expect((await w.invoices()).map((i) => i.period_start)).toEqual(['2026-01-01', '2026-05-01']);
  });

  it('a client archived and brought back is billed from that day, not for the months it was archived', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2026-01-02');
    const archive = (archived: boolean) =>
      s.container.clients.update(w.org.id, SYSTEM_ACTOR, w.f.client.id, { archived } as never);
    w.clock.set('2026-01-15T10:00:00Z');
    await archive(true);
    await w.runAt('2026-02-02');
    await w.runAt('2026-03-02');
    w.clock.set('2026-04-10T10:00:00Z');
    await archive(false);
    await w.runAt('2026-04-11');
    await w.runAt('2026-05-02');
    expect((await w.invoices()).map((i) => i.period_start)).toEqual(['2026-01-01', '2026-05-01']);
  });
});
