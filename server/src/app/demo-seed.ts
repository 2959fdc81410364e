import type { Container } from './container.js';
import { contractsOf } from '../modules/contracts/contracts.services.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { logger } from '../platform/logger.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { addDays } from '../modules/invoices/invoice-math.js';
import { todayUtc } from '../modules/invoices/invoice-status.js';
import { seedDemoHistory } from './demo-history.js';
import { connectDemoIfSandbox } from '../modules/stripe/stripe.integration.js';

export const DEMO = {
  slug: 'demo',
  admin: { email: 'admin@demo.settle.local', password: 'settle-demo-admin' },
  billing: { email: 'billing@demo.settle.local', password: 'settle-demo-billing' },
  technician: { email: 'tech@demo.settle.local', password: 'settle-demo-tech' },
  portal: { email: 'ap@northwind.example', password: 'settle-demo-client' },
};

/**
 * A demo org a newcomer can click through: people in every role, three clients (USD, JPY, KWD), a
 * priced catalog, tickets, time in every workflow state, months of paid, partly paid and overdue
 * invoices, and one fresh invoice to pay. Runs only when the
 * demo org does not exist yet, so restarts keep whatever the user changed.
 */
export async function seedDemo(c: Container): Promise<{ seeded: boolean; orgId: string }> {
  const existing = await c.organizations.findBySlug(DEMO.slug);
  if (existing) return { seeded: false, orgId: existing.id };
  const org = await c.organizations.create({ name: 'Acme IT Services', slug: DEMO.slug, defaultCurrency: 'USD' });
  // Offline sandbox: the demo pays through the Stripe emulator end to end (no-op without STRIPE_API_URL).
  await connectDemoIfSandbox(c).catch((err: Error) =>
    logger.warn({ err: err.message }, 'demo Stripe sandbox connection failed'),
  );
  const a = SYSTEM_ACTOR;
  const owner = await c.auth.createUser(org.id, { ...DEMO.admin, name: 'Avery Admin', role: 'OWNER' });
  await c.auth.createUser(org.id, { ...DEMO.billing, name: 'Blake Billing', role: 'BILLING' });
  const tech = await c.auth.createUser(org.id, { ...DEMO.technician, name: 'Taylor Tech', role: 'TECHNICIAN' });

  /** A catalog item's price in the three demo currencies (minor units: cents, yen, fils). */
  const usdJpyKwd = (usd: number, jpy: number, kwd: number) => [
    { currency: 'USD', unitAmount: usd },
    { currency: 'JPY', unitAmount: jpy },
    { currency: 'KWD', unitAmount: kwd },
  ];
  const item = (code: string, name: string, prices: Array<{ currency: string; unitAmount: number }>) =>
    c.catalog.create(org.id, a, { code, name, prices });
  const managed = await item('MSP-HOURS', 'Managed services (hourly)', usdJpyKwd(12500, 18000, 38500));
  const project = await item('PROJECT', 'Project engineering', usdJpyKwd(16000, 24000, 49000));
  await item('ONSITE', 'On-site visit', [{ currency: 'USD', unitAmount: 9500 }]);

  const seat = await item('SEAT', 'Managed workstation', usdJpyKwd(4500, 6500, 1400));

  const northwind = await c.clients.create(org.id, a, {
    name: 'Northwind Traders',
    billingEmail: 'ap@northwind.example',
    currency: 'USD',
    taxRateBps: 825,
    rates: [{ serviceId: managed.id, unitAmount: 11000 }],
  });
  const sakura = await c.clients.create(org.id, a, {
    name: 'Sakura Design KK',
    billingEmail: 'keiri@sakura.example',
    currency: 'JPY',
    daysUntilDue: 45,
  });
  const gulf = await c.clients.create(org.id, a, {
    name: 'Gulf Logistics',
    billingEmail: 'finance@gulf.example',
    currency: 'KWD',
  });

  const today = todayUtc();
  const start = addDays(today, -30);
  // A contract to look at (Admin app → the client); automatic billing stays off until an admin turns it on.
  await contractsOf(c).create(org.id, a, {
    clientId: northwind.id,
    name: 'Managed workstations',
    cycle: 'MONTHLY',
    anchorDay: 1,
    billingTiming: 'ADVANCE',
    startDate: `${today.slice(0, 8)}01`,
    lines: [{ serviceId: seat.id, quantity: 24, priceSource: 'CATALOG' }],
  });
  for (const [client, titles] of [
    [northwind, ['Firewall upgrade', 'Monthly patching']],
    [sakura, ['Office network refresh']],
    [gulf, ['Backup audit']],
  ] as const) {
    for (const title of titles) {
      const ticket = await c.tickets.create(org.id, a, { clientId: client.id, title });
      for (let d = 0; d < 4; d++) {
        const e = await c.timeEntries.log(org.id, a, {
          ticketId: ticket.id,
          serviceId: d % 2 ? project.id : managed.id,
          technicianId: tech.id,
          workDate: addDays(start, d * 6 + 1),
          minutes: 45 + d * 30,
          note: `${title}: session ${d + 1}`,
        });
        if (d < 3) await c.timeEntries.submit(org.id, a, [e.id]);
        if (d < 2) await c.timeEntries.approve(org.id, { ...a, id: owner.id }, [e.id]);
      }
    }
  }
  await seedDemoHistory(c, org.id, { northwind, sakura, gulf }, managed);
  // One invoice already out the door, so the portal has something to pay.
  const generated = await c.generation.generate(org.id, a, {
    clientIds: [northwind.id],
    periodStart: start,
    periodEnd: today,
  });
  for (const inv of generated.invoices) await c.invoices.send(org.id, a, inv.id);
  const invited = await c.auth.invitePortalUser(org.id, a, {
    clientId: northwind.id,
    email: DEMO.portal.email,
    name: 'Nora Payables',
  });
  // The demo portal user skips the invitation step so a newcomer can sign in straight away.
  await c.db.query(
    `UPDATE portal_users SET password_hash = $1, accepted_at = now(), invite_token_hash = NULL WHERE id = $2`,
    [await hashPassword(DEMO.portal.password), invited.id],
  );
  logger.info({ orgId: org.id }, 'demo organization seeded');
  return { seeded: true, orgId: org.id };
}
