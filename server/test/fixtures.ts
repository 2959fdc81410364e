import { SYSTEM_ACTOR, type Actor } from '../src/platform/actor.js';
import type { Container } from '../src/app/container.js';
import { PaymentMethod, PaymentSource } from '../src/modules/payments/payment.entity.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { CreditMemoPurpose, type SettleInput } from '../src/modules/payments/settlement.types.js';
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
  /** What logging `minutes` of the technician's time on the ticket, for the service, on `workDate` takes. */
  const timeInput = (minutes: number, workDate = '2026-11-02') => ({
    ticketId: ticket.id,
    serviceId: service.id,
    technicianId: tech.id,
    workDate,
    minutes,
  });
  async function approvedEntry(minutes: number, workDate = '2026-11-02', extra: { rateOverride?: number } = {}) {
    const e = await c.timeEntries.log(orgId, actor, { ...timeInput(minutes, workDate), ...extra });
    await c.timeEntries.submit(orgId, actor, [e.id]);
    await c.timeEntries.approve(orgId, actor, [e.id]);
    return e;
  }
  /** A time entry logged and submitted, not yet approved. */
  function submittedEntry(minutes: number, workDate: string) {
    return c.timeEntries.log(orgId, actor, { ...timeInput(minutes, workDate), submit: true });
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
  /** The input of a monthly contract for the client from 2026-01-01: one of the service at its catalog price (`extra` on top). */
  const contractInput = <T extends object = object>(extra = {} as T) => ({
    clientId: client.id,
    name: 'Managed',
    cycle: 'MONTHLY' as const,
    startDate: '2026-01-01',
    lines: [{ serviceId: service.id, quantity: 1, priceSource: 'CATALOG' as const }],
    ...extra,
  });
  return {
    actor,
    tech,
    service,
    client,
    ticket,
    timeInput,
    approvedEntry,
    submittedEntry,
    draftInvoice,
    sentInvoice,
    contractInput,
  };
}

/** A user of `role` in the org, made with a password and signed in; returns the session token. */
export async function signedInUser(
  s: TestSettle,
  orgId: string,
  user: { email: string; name: string; role: Parameters<Container['auth']['createUser']>[1]['role'] },
): Promise<string> {
  await s.container.auth.createUser(orgId, { ...user, password: 'correct horse battery' });
  return (await s.container.auth.login(user.email, 'correct horse battery')).token;
}

/** The sign-in token in the newest email sent to `to` (of `kind`, when given): an invitation or a magic link. */
export async function lastMailedToken(c: Pick<Container, 'db'>, to: string, kind?: string): Promise<string> {
  const rows = (await c.db.query(
    `SELECT text_body FROM emails WHERE to_address = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at DESC LIMIT 1`,
    [to, kind ?? null],
  )) as Array<{ text_body: string }>;
  const token = /token=([^\s&]+)/.exec(rows[0]?.text_body ?? '');
  if (!token) throw new Error(`no email with a sign-in token was sent to ${to}`);
  return decodeURIComponent(token[1]!);
}

/** `email` invited as a portal user of `clientId` (the invitation is mailed; nobody accepted it yet). */
export const invitedPortalUser = (s: TestSettle, orgId: string, clientId: string, email: string) =>
  s.container.auth.invitePortalUser(orgId, SYSTEM_ACTOR, { clientId, email, name: 'P' });

/** A portal user invited for `clientId` who accepted through the invitation email, setting `password`. */
export async function acceptedPortalUser(
  s: TestSettle,
  orgId: string,
  clientId: string,
  email = `portal-${Math.random().toString(36).slice(2)}@p.test`,
  password = 'portal password',
): Promise<{ id: string; email: string; token: string }> {
  const user = await invitedPortalUser(s, orgId, clientId, email);
  const invite = await lastMailedToken(s.container, email, 'portal_invite');
  return { id: user.id, email, token: (await s.container.auth.acceptInvite(invite, password)).token };
}

/** A portal user invited for `clientId` and signed in through the invitation email; returns the session token. */
export async function portalSession(s: TestSettle, orgId: string, clientId: string, email?: string): Promise<string> {
  return (await acceptedPortalUser(s, orgId, clientId, email)).token;
}

/**
 * A check of `amount` recorded on the invoice by hand: the plainest payment there is (`extra`: e.g.
 * `{ allowOverpayment: true }` for one past the balance).
 */
export const payByCheck = (
  c: Container,
  orgId: string,
  invoiceId: string,
  amount: number,
  extra: Partial<SettleInput> = {},
) =>
  c.settlement.settle(orgId, SYSTEM_ACTOR, {
    invoiceId,
    amount,
    source: PaymentSource.MANUAL,
    method: PaymentMethod.CHECK,
    ...extra,
  });

/** `amount` of the invoice credited to its client's account: a credit memo to client credit. */
export const creditToClient = (c: Container, orgId: string, invoiceId: string, amount: number, reason = 'Goodwill') =>
  c.settlement.issueCreditMemo(orgId, SYSTEM_ACTOR, {
    invoiceId,
    amount,
    reason,
    purpose: CreditMemoPurpose.TO_CLIENT_CREDIT,
  });

/** The invoice paid in full by check, then `amount` of that money credited to the client's account. */
export async function paidThenCredited(
  c: Container,
  orgId: string,
  invoice: { id: string; total: number },
  amount: number,
) {
  await payByCheck(c, orgId, invoice.id, invoice.total);
  return creditToClient(c, orgId, invoice.id, amount);
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

/** One manual invoice line of 1 × `unitPrice` (100.00 by default), untaxed: for drafts made by hand in tests. */
export const manualLine = (unitPrice = 10_000) => ({
  kind: InvoiceLineKind.MANUAL,
  description: 'Work',
  serviceId: null,
  quantity: '1',
  unitPrice,
  discount: 0,
  taxRateBps: 0,
});
