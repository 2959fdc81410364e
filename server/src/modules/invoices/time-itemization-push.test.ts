import { expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { forFile } from '../../../test/for-file.js';
import { ok } from '../../../test/api.js';
import { StripeInvoiceLink } from '../stripe/stripe-links.entity.js';
import { connectedOrg } from '../stripe/stripe-test-kit.js';
import {
  call,
  connectViaOAuth,
  directClient,
  qbIdOf,
  settled,
  startQbStripeWorld,
} from '../quickbooks/quickbooks.test-support.js';

// Per-entry lines each round on their own; what QuickBooks and Stripe receive must still add up to Settle's total.
const w = forFile(startQbStripeWorld, 'QuickBooks and Stripe');

it('a per-entry invoice reaches QuickBooks and a Stripe hosted invoice line by line, summing to its total', async () => {
  // Stripe connected by keys (stripe-test-kit), against this world's Stripe emulator.
  const o = await connectedOrg({ settle: w.settle, emu: w.stripeEmu, close: async () => undefined }, 'Itemized');
  const c = w.settle.container;
  await c.db.query(`UPDATE organizations SET invoice_prefix = 'ITEM-' WHERE id = $1`, [o.org.id]);
  for (const setting of [
    'updatePaymentSettings(input: {sendVia: HOSTED_INVOICE})',
    'updateOrganizationSettings(input: {timeItemization: PER_ENTRY})',
  ])
    ok(await w.settle.gql(`mutation { ${setting} { __typename } }`, {}, o.token));
  expect(await connectViaOAuth(w, o.token)).toContain('quickbooks=connected');

  const f = o.fx;
  for (const day of ['2026-11-03', '2026-11-04', '2026-11-05']) await f.approvedEntry(20, day);
  await f.approvedEntry(50, '2026-11-06', { rateOverride: 12345 });
  const [draft] = (
    await c.generation.generate(o.org.id, f.actor, {
      clientIds: [f.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    })
  ).invoices;
  const invoice = await c.invoices.send(o.org.id, f.actor, draft!.id, {
    destinations: ['STRIPE', 'QUICKBOOKS'],
    email: false,
  });
  // 3 × 33.33 + round(0.8333 h × 123.45) = 99.99 + 102.87
  expect(invoice.total).toBe(9999 + 10287);

  await settled(w, o.org.id);
  const qb = await directClient(w.emu);
  const qbId = (await qbIdOf(w, o.org.id, 'INVOICE', invoice.id))!;
  const qbInvoice = await call<any>((cb) => qb.getInvoice(qbId, cb));
  const sales = qbInvoice.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail');
  expect(sales.map((l: any) => l.Description)).toEqual([
    '2026-11-03 · Tech · Work',
    '2026-11-04 · Tech · Work',
    '2026-11-05 · Tech · Work',
    '2026-11-06 · Tech · Work',
  ]);
  expect(sales.map((l: any) => Math.round(l.Amount * 100))).toEqual([3333, 3333, 3333, 10287]);
  expect(Math.round(qbInvoice.TotalAmt * 100)).toBe(invoice.total);

  const stripeId = await eventually(
    async () =>
      (await c.db.getRepository(StripeInvoiceLink).findOneBy({ invoiceId: invoice.id }))?.stripeInvoiceId ?? null,
    'the Stripe hosted invoice',
  );
  const hosted = await o.stripe.invoices.retrieve(stripeId);
  expect(hosted.lines.data.map((l) => l.amount)).toEqual([3333, 3333, 3333, 10287]);
  expect(hosted.total).toBe(invoice.total);
});
