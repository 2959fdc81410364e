import { SYSTEM_ACTOR, type Actor } from '../src/platform/actor.js';
import type { Container } from '../src/app/container.js';
import { createOrgWithOwner, type TestSettle } from './harness.js';

/** Builders for billing data, straight through the services (the API is tested separately). */
export async function billingFixture(
  c: Container,
  orgId: string,
  opts: { currency?: string; catalogPrice?: number; clientName?: string } = {},
) {
  const actor: Actor = SYSTEM_ACTOR;
  const currency = opts.currency ?? 'USD';
  const tech = await c.auth.createUser(orgId, {
    email: `tech-${Math.random().toString(36).slice(2)}@t.test`,
    name: 'Tech',
    role: 'TECHNICIAN',
    password: 'correct horse battery',
  });
  const service = await c.catalog.create(orgId, actor, {
    code: `SVC-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Support',
    prices: [{ currency, unitAmount: opts.catalogPrice ?? 10000 }],
  });
  const client = await c.clients.create(orgId, actor, {
    name: opts.clientName ?? 'Client',
    billingEmail: 'ap@client.test',
    currency,
  });
  const ticket = await c.tickets.create(orgId, actor, { clientId: client.id, title: 'Work' });
  async function approvedEntry(minutes: number, workDate = '2026-11-02', extra: { rateOverride?: number } = {}) {
    const e = await c.timeEntries.log(orgId, actor, {
      ticketId: ticket.id,
      serviceId: service.id,
      technicianId: tech.id,
      workDate,
      minutes,
      ...extra,
    });
    await c.timeEntries.submit(orgId, actor, [e.id]);
    await c.timeEntries.approve(orgId, actor, [e.id]);
    return e;
  }
  /** The DRAFT invoice generated for November 2026 from `minutes` of approved time at the catalog price. */
  async function draftInvoice(minutes = 60) {
    await approvedEntry(minutes);
    const r = await c.generation.generate(orgId, actor, {
      clientIds: [client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    return r.invoices[0]!;
  }
  /** That invoice SENT, to the destinations `send` names (Settle's defaults without it). */
  async function sentInvoice(minutes = 60, send: Parameters<Container['invoices']['send']>[3] = {}) {
    return c.invoices.send(orgId, actor, (await draftInvoice(minutes)).id, send);
  }
  return { actor, tech, service, client, ticket, approvedEntry, draftInvoice, sentInvoice };
}

export type BillingFixture = Awaited<ReturnType<typeof billingFixture>>;
export type OrgWithOwner = Awaited<ReturnType<typeof createOrgWithOwner>>;

/** Two orgs side by side, each with an owner and billing data: the setup of tests that compare tenants. */
export async function twoBilledOrgs(
  s: TestSettle,
  names: [string, string],
  opts: Parameters<typeof billingFixture>[2] = {},
) {
  const a = await createOrgWithOwner(s, names[0]);
  const b = await createOrgWithOwner(s, names[1]);
  return {
    a,
    b,
    fa: await billingFixture(s.container, a.org.id, opts),
    fb: await billingFixture(s.container, b.org.id, opts),
  };
}
