import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { eventually } from '../../../test/harness.js';
import { seedDemo } from '../../app/demo-seed.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Service } from '../catalog/service.entity.js';
import { StripeCatalogLink } from './stripe-links.entity.js';
import { DEMO_STRIPE_KEY, connectDemoIfSandbox } from './stripe.integration.js';
import { postForm, stripeModule, stripeWorldForFile, waitForStatus } from './stripe-test-kit.js';

const w = stripeWorldForFile();

describe('offline sandbox demo and catalog sync', () => {
  it('seeds the demo org connected to the emulator; its invoice pays offline end to end; idempotent', async () => {
    const c = w.settle.container;
    const { orgId } = await seedDemo(c);
    const conn = await stripeModule(w).connections.find(orgId);
    expect(conn).toMatchObject({ mode: 'test', connectedVia: 'KEYS' });
    expect(conn!.webhookEndpointId).toMatch(/^we_/);
    expect(await connectDemoIfSandbox(c)).toBe(false);
    const stripe = new Stripe(DEMO_STRIPE_KEY, {
      host: '127.0.0.1',
      port: w.emu.port,
      protocol: 'http',
      telemetry: false,
    });
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(1);

    // Catalog → products/prices; archiving a service archives its product.
    const services = await c.db.getRepository(Service).findBy({ orgId });
    const links = await eventually(async () => {
      const l = await c.db.getRepository(StripeCatalogLink).findBy({ orgId });
      return l.length === services.length ? l : null;
    }, 'catalog synced');
    const msp = services.find((s) => s.code === 'MSP-HOURS')!;
    const link = links.find((l) => l.serviceId === msp.id)!;
    expect(Object.keys(link.prices).sort()).toEqual(['JPY', 'KWD', 'USD']);
    expect((await stripe.prices.retrieve(link.prices.USD!.priceId)).unit_amount).toBe(12500);
    await c.catalog.update(orgId, SYSTEM_ACTOR, msp.id, { active: false });
    await eventually(async () => (await stripe.products.retrieve(link.productId)).active === false, 'product archived');

    // The demo's fresh USD invoice (the seeded history also holds paid and overdue ones).
    const inv = (
      await c.db
        .getRepository(Invoice)
        .find({ where: { orgId, currency: 'USD', status: InvoiceStatus.SENT }, order: { createdAt: 'DESC' } })
    )[0]!;
    const res = await fetch(`${w.settle.url}/pay/${inv.publicToken}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const pay = await postForm(res.headers.get('location')!, {
      card_number: '4242424242424242',
      custom_amount: (inv.balanceDue / 100).toFixed(2),
    });
    expect(pay.status).toBe(303);
    await waitForStatus(w, orgId, inv.id, 'PAID');
  });
});
